// The write-behind path of one run (--write behind): the run's lane (engine/behind-lane.ts: its own
// topic, dead-letter topic and consumer group, the workers, the publishing bus) and what the run
// measures of it: the row watcher, each user's acknowledged purchases and cancels, the drain after
// each phase and how long it took; the faults on the path (killing a worker, rewinding the group
// under a fresh fleet) act through it; at the end the lane deletes what the run created unless
// asked to keep it.
import { SERVICE_NAMES } from '../../config/services.js';
import type { WriteConfig } from '../../config/write-config.js';
import { BehindLane } from '../../engine/behind-lane.js';
import { runNames } from '../../engine/run-names.js';
import type { Infrastructure, LedgerTable, SaleEvent, SaleId, UserId, WorkerLauncher, WorkerWait, Writer } from '../../engine/ports.js';
import type { RunSnapshot, WorkerFigures, WriteBehindSummary } from '../../result.js';
import type { BehindObservation } from './behind-checks.js';
import { ROW_POLL_MS, RowWatcher } from './row-watcher.js';

/** `MySQL at 127.0.0.1:3306 (Connection lost: …)`, one per service the workers wait for. */
function waitsText(waits: readonly WorkerWait[]): string {
  return waits.map((wait) => `${SERVICE_NAMES[wait.service]} at ${wait.address} (${wait.error})`).join(' and ');
}

/** A run's write-behind path, open. */
export class BehindPath {
  readonly writer: Writer;
  /** Per user: purchases acknowledged minus cancels acknowledged. */
  private readonly net = new Map<UserId, number>();
  private drainedAll = true;
  /** What the workers were waiting for when a drain timed out. */
  private drainWaits: WorkerWait[] = [];
  private drainMs = 0;
  /** Why the run's topics or group could not be deleted, if they could not. */
  private leftover: string | undefined;

  private constructor(
    private readonly lane: BehindLane,
    private readonly infra: Infrastructure,
    private readonly write: WriteConfig,
    private readonly watcher: RowWatcher,
    private readonly originUs: () => number,
  ) {
    this.writer = lane.writer;
  }

  /**
   * Opens the run's lane (its topic, workers and bus) and starts the row watcher. With `table`,
   * worker processes write that table (the planted non-idempotent worker).
   */
  static async open(deps: {
    infra: Infrastructure;
    runId: string;
    write: WriteConfig;
    launcher: WorkerLauncher | undefined;
    sale: SaleId;
    originUs: () => number;
    table?: LedgerTable;
    /** The selftest's planted lost write: this fraction of purchase events is acknowledged, never sent. */
    drop?: number;
  }): Promise<BehindPath> {
    const { infra, write } = deps;
    const { topic, dlqTopic, group } = runNames(deps.runId);
    const path: { acknowledged?: (event: SaleEvent, atUs: number) => void } = {};
    const lane = await BehindLane.open({
      infra,
      names: { topic, dlqTopic, group },
      write,
      launcher: deps.launcher,
      table: deps.table,
      drop: deps.drop,
      acknowledged: (event, atUs) => path.acknowledged?.(event, atUs),
    });
    try {
      const watcher = new RowWatcher({ ledger: infra.ledger, clock: infra.clock, sale: deps.sale, feed: infra.rowFeed }, deps.originUs);
      const opened = new BehindPath(lane, infra, write, watcher, deps.originUs);
      path.acknowledged = (event, atUs) => opened.acknowledged(event, atUs);
      await watcher.start();
      return opened;
    } catch (error) {
      await lane.stopWorkers().catch(() => undefined);
      await lane.release(false);
      throw error;
    }
  }

  private acknowledged(event: SaleEvent, atUs: number): void {
    this.net.set(event.user, (this.net.get(event.user) ?? 0) + (event.type === 'purchased' ? 1 : -1));
    this.watcher.acknowledged(event, atUs);
  }

  /**
   * Waits until the workers have written and committed everything published, or the drain timeout;
   * a drain that times out keeps what the workers were waiting for then.
   */
  async drain(): Promise<void> {
    const { clock } = this.infra;
    const startedUs = clock.nowUs();
    if (!(await this.lane.drain(this.write.drainTimeoutMs))) {
      this.drainedAll = false;
      this.drainWaits = this.lane.waitingFor();
    }
    await this.watcher.poll();
    this.drainMs += (clock.nowUs() - startedUs) / 1000;
  }

  /** Records not yet committed, or undefined when the log failed to say. */
  pending(): Promise<number | undefined> {
    return this.lane.pending();
  }

  /** When a drain timed out: the log's last failure to say the lag, if it had one. */
  drainError(): string | undefined {
    return this.drainedAll ? undefined : this.lane.lastLagError;
  }

  /** kill-worker: see BehindLane.killWorker. */
  killWorker(): Promise<{ killed: string; behind: number }> {
    return this.lane.killWorker();
  }

  /** redeliver: see BehindLane.rewind. */
  rewind(): Promise<number> {
    return this.lane.rewind();
  }

  /** The workers' figures, as last reported, summed over every fleet of the run. */
  workerStats(): WorkerFigures {
    return this.lane.workerStats();
  }

  /** What a dashboard shows of the path. */
  live(): NonNullable<RunSnapshot['writeBehind']> {
    const waiting = this.lane.waitingFor();
    return {
      acknowledged: this.lane.busStats().published,
      persisted: this.watcher.persisted,
      behind: Math.max(0, this.lane.busStats().published - this.watcher.persisted),
      lagP99Us: this.watcher.lagP99(),
      ...(waiting.length === 0 ? {} : { waitingFor: waitsText(waiting) }),
    };
  }

  /** What the write-behind checks read, given the rows after the drain. */
  observation(rows: BehindObservation['rows'], worker: WorkerFigures): BehindObservation {
    const { published, redelivered } = this.lane.busStats();
    return {
      rows,
      net: this.net,
      published,
      redelivered,
      worker,
      drained: this.drainedAll,
      lagRecords: this.lane.lagRecords,
      drainTimeoutMs: this.write.drainTimeoutMs,
      drainError: this.drainError(),
      drainWaitingFor: this.drainWaits.length === 0 ? undefined : waitsText(this.drainWaits),
    };
  }

  /** Stops the workers (once); their final figures, summed over every fleet of the run. */
  stopWorkers(): Promise<WorkerFigures> {
    return this.lane.stopWorkers();
  }

  /**
   * Stops watching and publishing, and deletes the run's topics and group unless kept. A deletion
   * that fails does not fail the run: the summary says what was left and why.
   */
  async release(): Promise<void> {
    await this.watcher.stop().catch(() => undefined);
    this.leftover = await this.lane.release(this.write.keepTopic);
  }

  /** What the write-behind path did, once released, given the workers' final figures. */
  /** Gives the row watcher's histogram back (see LatencyTrack.free); nothing may be read after. */
  free(): void {
    this.watcher.free();
  }

  summary(worker: WorkerFigures): WriteBehindSummary {
    const { published, redelivered, requests } = this.lane.busStats();
    return {
      ...this.lane.names,
      partitions: this.write.partitions,
      workers: this.lane.workerCount,
      kept: this.write.keepTopic,
      ...(this.leftover === undefined ? {} : { leftover: this.leftover }),
      published,
      redelivered,
      requests,
      worker,
      drained: this.drainedAll,
      drainMs: Math.round(this.drainMs),
      lagRecords: this.lane.lagRecords,
      lag: this.watcher.lag(),
      pollMs: ROW_POLL_MS,
      drainCurve: this.watcher.curve(),
      outages: this.lane.outages().map((outage) => ({
        service: outage.service,
        address: outage.address,
        error: outage.error,
        atMs: Math.round(outage.sinceMs - this.originUs() / 1000),
        awayMs: outage.awayMs === undefined ? null : Math.round(outage.awayMs),
      })),
    };
  }
}
