// Executes a burst: N attempts held behind one barrier, released together, with at most
// `concurrency` in flight (p-limit). Every attempt is timed into the latency recorder and counted
// by outcome; infrastructure errors are counted and grouped by cause, never thrown out of the burst.
import pLimit from 'p-limit';
import type { Clock, OutcomeKind } from '../engine/ports.js';
import { describeError } from '../errors.js';
import type { ErrorCause, RunCounts } from '../result.js';
import { LatencyRecorder } from './latency-recorder.js';

/** What a burst needs: how many attempts, how many at once, and the attempt itself. */
export interface BurstOptions {
  total: number;
  /** Max in flight; undefined = all at once. */
  concurrency: number | undefined;
  clock: Clock;
  attempt(index: number): Promise<OutcomeKind>;
  /** An attempt still pending after this long counts as an error (a safety net, real time). */
  attemptTimeoutMs?: number;
}

const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;
const SWEEP_INTERVAL_MS = 250;

const COUNT_OF: Record<OutcomeKind, keyof RunCounts> = {
  purchased: 'purchased',
  'sold-out': 'soldOut',
  duplicate: 'duplicate',
  'lock-timeout': 'lockTimeout',
};

/** Fresh all-zero counts. */
export function emptyCounts(): RunCounts {
  return { attempts: 0, purchased: 0, soldOut: 0, duplicate: 0, lockTimeout: 0, cancelled: 0, errors: 0, notStarted: 0 };
}

/** A one-shot burst; read its live state while run() is pending. */
export class Burst {
  readonly counts: RunCounts = emptyCounts();
  readonly latency = new LatencyRecorder();
  inFlight = 0;
  /** Clock time (µs) of the barrier release and of the last reply. */
  releasedUs: number | undefined;
  finishedUs: number | undefined;
  private aborted = false;
  private readonly causes = new Map<string, number>();
  private readonly pending = new Set<{ sentMs: number; reject: (error: Error) => void }>();

  constructor(private readonly options: BurstOptions) {}

  /** Clock time from the barrier release to the last reply (or to now, while running); 0 before. */
  get elapsedMs(): number {
    if (this.releasedUs === undefined) return 0;
    return ((this.finishedUs ?? this.options.clock.nowUs()) - this.releasedUs) / 1000;
  }

  /** Attempts that have finished (any outcome or error) or were skipped after an abort. */
  get done(): number {
    return this.counts.attempts + this.counts.notStarted;
  }

  /** Error causes, most frequent first. */
  errorCauses(): ErrorCause[] {
    return [...this.causes].map(([cause, count]) => ({ cause, count })).sort((a, b) => b.count - a.count);
  }

  /** Attempts not yet dispatched will be skipped; those in flight still finish. */
  abort(): void {
    this.aborted = true;
  }

  /** Releases every attempt at once and resolves when the last one has replied. */
  async run(): Promise<void> {
    const { total, concurrency, clock } = this.options;
    // Without a bound every buyer is dispatched at the release; p-limit would only add overhead.
    const limit = concurrency === undefined || concurrency >= total ? (task: () => Promise<void>) => task() : pLimit(concurrency);
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const buyers = Array.from({ length: total }, (_, index) => barrier.then(() => limit(() => this.dispatch(index))));
    const sweeper = setInterval(() => this.sweepOverdue(), SWEEP_INTERVAL_MS);
    sweeper.unref();
    this.releasedUs = clock.nowUs();
    release();
    try {
      await Promise.all(buyers);
    } finally {
      clearInterval(sweeper);
    }
    this.finishedUs = clock.nowUs();
  }

  private async dispatch(index: number): Promise<void> {
    if (this.aborted) {
      this.counts.notStarted += 1;
      return;
    }
    const { clock } = this.options;
    const sentUs = clock.nowUs();
    this.inFlight += 1;
    let outcome: string;
    try {
      const kind = await this.withTimeout(this.options.attempt(index));
      this.counts[COUNT_OF[kind]] += 1;
      outcome = kind;
    } catch (error) {
      this.counts.errors += 1;
      const cause = describeError(error);
      this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
      outcome = 'error';
    }
    this.inFlight -= 1;
    this.counts.attempts += 1;
    const nowUs = clock.nowUs();
    this.latency.record(outcome, nowUs - (this.releasedUs ?? sentUs), nowUs - sentUs);
  }

  /**
   * Settles `work` as it settles, or rejects it once it has been pending longer than the attempt
   * timeout. One sweeper timer serves all attempts: a timer per attempt costs more than the
   * attempt itself on a fast path.
   */
  private withTimeout<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending = { sentMs: performance.now(), reject };
      this.pending.add(pending);
      work.then(resolve, reject).finally(() => this.pending.delete(pending));
    });
  }

  private sweepOverdue(): void {
    const limitMs = this.options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    const now = performance.now();
    for (const pending of this.pending) {
      if (now - pending.sentMs < limitMs) continue;
      this.pending.delete(pending);
      pending.reject(new Error(`no reply within ${limitMs} ms`));
    }
  }
}
