// Watches a sale's rows appear in MySQL while writing behind, from outside the worker: looks for
// rows newer than the last one seen, and for each purchase row measures the lag from the buyer's
// acknowledgement (the event log acked the publish) to the row being visible. On the real services
// a thread of the run's own looks and takes the time (the infrastructure's row feed): on the run's
// event loop, which a burst keeps busy for tens of ms at a time, looks came late and their replies
// waited, and the lag measured that wait. In process it polls the ledger on the virtual clock.
// Keeps a thinned curve of rows visible over time for the drain chart.
import type { Clock, Ledger, RowFeed, RowFeedOpener, SaleEvent, SaleId, SeenRow, UserId } from '../../engine/ports.js';
import type { LatencySummary } from '../../result.js';
import { LatencyTrack } from '../../scenarios/latency-recorder.js';

/** How often MySQL is asked for new rows: the lag's resolution. */
export const ROW_POLL_MS = 10;

/** At most this many points in the drain curve (thinned evenly). */
const MAX_CURVE_POINTS = 120;

/** Polls a sale's new rows until stopped; read its lag and curve at any time. */
export class RowWatcher {
  private readonly acked = new Map<UserId, number>();
  /** Users whose row was visible before the producer heard the ack: their lag, 0, is recorded with the ack. */
  private readonly early = new Set<UserId>();
  private readonly lagTrack = new LatencyTrack();
  private readonly points: { atMs: number; rows: number }[] = [];
  private cursor = 0;
  private seen = 0;
  private running = false;
  /** The last look asked for; the next one starts when it ends. */
  private polling: Promise<void> = Promise.resolve();
  private loop: Promise<void> | undefined;
  /** The thread that looks, when the infrastructure has one. */
  private feed: RowFeed | undefined;

  /** @param originUs the clock time curve points are dated from (the first release). */
  constructor(
    private readonly deps: { ledger: Ledger; clock: Clock; sale: SaleId; feed?: RowFeedOpener | undefined },
    private readonly originUs: () => number,
  ) {}

  /** Starts looking after the newest row the table has now. */
  async start(): Promise<void> {
    this.cursor = await this.deps.ledger.lastRowId();
    this.running = true;
    if (this.deps.feed === undefined) {
      this.loop = this.run();
      return;
    }
    this.feed = await this.deps.feed({ sale: this.deps.sale, afterId: this.cursor, everyMs: ROW_POLL_MS, seen: (rows, atUs) => this.take(rows, atUs) });
  }

  /** The event log acknowledged an event: a purchase's row is now awaited. */
  readonly acknowledged = (event: SaleEvent, atUs: number): void => {
    if (event.type !== 'purchased' || event.sale !== this.deps.sale) return;
    if (this.early.delete(event.user)) this.lagTrack.record(0);
    else this.acked.set(event.user, atUs);
  };

  /** Rows seen so far. */
  get persisted(): number {
    return this.seen;
  }

  /** Lag from acknowledgement to visible row, µs. */
  /** Gives the lag histogram's WebAssembly memory back (see LatencyTrack.free). */
  free(): void {
    this.lagTrack.free();
  }

  lag(): LatencySummary {
    return this.lagTrack.summary();
  }

  /** The lag's p99 so far, µs. */
  lagP99(): number {
    return this.lagTrack.at(99);
  }

  /**
   * One more look, so everything committed before now is counted. Looks never overlap (the drain
   * looks while the loop does): two at once would read the same rows after the same cursor and
   * count them twice.
   */
  poll(): Promise<void> {
    if (this.feed !== undefined) return this.feed.look();
    const look = this.polling.then(() => this.look());
    // A failed look costs only itself: the next one still runs.
    this.polling = look.catch(() => undefined);
    return look;
  }

  private async look(): Promise<void> {
    const rows = await this.deps.ledger.rowsSince(this.deps.sale, this.cursor);
    this.take(rows, this.deps.clock.nowUs());
  }

  /** A look's new rows, visible at `nowUs`. */
  private take(rows: readonly SeenRow[], nowUs: number): void {
    for (const row of rows) {
      this.cursor = Math.max(this.cursor, row.id);
      this.seen++;
      const ackUs = this.acked.get(row.userId);
      // A row can show before the producer heard its ack (the worker was quicker): no lag, counted
      // when the ack arrives (a row no ack ever explains is not a purchase's lag).
      if (ackUs === undefined) this.early.add(row.userId);
      else this.lagTrack.record(Math.max(0, nowUs - ackUs));
    }
    if (rows.length > 0 || this.points.length === 0) this.points.push({ atMs: Math.round((nowUs - this.originUs()) / 1000), rows: this.seen });
  }

  /** Stops looking after one last look. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.feed !== undefined) return this.feed.close();
    await this.loop;
    await this.poll();
  }

  /** Rows visible over time, thinned to at most MAX_CURVE_POINTS (the last point always kept). */
  curve(): { atMs: number; rows: number }[] {
    const step = Math.max(1, Math.ceil(this.points.length / MAX_CURVE_POINTS));
    const thinned = this.points.filter((_, i) => i % step === 0);
    const last = this.points.at(-1);
    if (last !== undefined && thinned.at(-1) !== last) thinned.push(last);
    return thinned;
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.deps.clock.sleep(ROW_POLL_MS);
      // A failed poll (a store hiccup) only costs resolution; the next one catches up.
      await this.poll().catch(() => undefined);
    }
  }
}
