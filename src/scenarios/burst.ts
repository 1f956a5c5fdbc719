// Executes one phase of a run as a burst: N attempts held behind one barrier, released together,
// with at most `concurrency` in flight (p-limit). An attempt runs one or more engine operations
// through `act`, which counts each outcome, times it under its operation's name (from the barrier
// release for an attempt's first operation, from its own send for a later one) and turns an
// infrastructure error into a counted, grouped error instead of an exception.
import pLimit from 'p-limit';
import type { Clock, Outcome, OutcomeKind } from '../engine/ports.js';
import { describeError } from '../errors.js';
import type { ErrorCause, RunCounts } from '../result.js';
import type { OperationLatencies } from './latency-recorder.js';
import type { Act, CountAs } from './scenario.js';

/** What a burst needs: how many attempts, how many at once, the attempt, and where to record. */
export interface BurstOptions {
  total: number;
  /** Max attempts in flight; undefined = all at once. */
  concurrency: number | undefined;
  clock: Clock;
  attempt(index: number, act: Act): Promise<void>;
  /** Where operation latencies go (shared by every phase of a run). */
  latency: OperationLatencies;
  /** Outcome counts this burst books under another name (e.g. purchases as `rebought`). */
  countAs?: CountAs;
  /** Hears every outcome (the run's guard tally). */
  onOutcome?(outcome: Outcome): void;
  /** An operation still pending after this long counts as an error (a safety net, real time). */
  operationTimeoutMs?: number;
}

const DEFAULT_OPERATION_TIMEOUT_MS = 30_000;
const SWEEP_INTERVAL_MS = 250;

const COUNT_OF: Record<OutcomeKind, keyof RunCounts> = {
  purchased: 'purchased',
  'sold-out': 'soldOut',
  duplicate: 'duplicate',
  'lock-timeout': 'lockTimeout',
  cancelled: 'cancelled',
  'not-purchased': 'notPurchased',
};

/** Fresh all-zero counts. */
export function emptyCounts(): RunCounts {
  return {
    attempts: 0,
    purchased: 0,
    soldOut: 0,
    duplicate: 0,
    lockTimeout: 0,
    cancelled: 0,
    notPurchased: 0,
    rebought: 0,
    errors: 0,
    notStarted: 0,
  };
}

/** Adds `more` into `into`, field by field. */
export function addCounts(into: RunCounts, more: RunCounts): RunCounts {
  for (const key of Object.keys(into) as (keyof RunCounts)[]) into[key] += more[key];
  return into;
}

/** A one-shot burst; read its live state while run() is pending. */
export class Burst {
  /** Operations by outcome (`attempts` counts operations), errors, and attempts never started. */
  readonly counts: RunCounts = emptyCounts();
  /** Attempts in flight now. */
  inFlight = 0;
  /** Operation names in the order this burst first recorded them. */
  readonly operations: string[] = [];
  /** Clock time (µs) of the barrier release and of the last reply. */
  releasedUs: number | undefined;
  finishedUs: number | undefined;
  private finished = 0;
  private aborted = false;
  private readonly causes = new Map<string, number>();
  private readonly pending = new Set<{ sentMs: number; reject: (error: Error) => void }>();

  constructor(private readonly options: BurstOptions) {}

  /** Clock time from the barrier release to the last reply (or to now, while running); 0 before. */
  get elapsedMs(): number {
    if (this.releasedUs === undefined) return 0;
    return ((this.finishedUs ?? this.options.clock.nowUs()) - this.releasedUs) / 1000;
  }

  /** Attempts that have finished or were skipped after an abort. */
  get done(): number {
    return this.finished + this.counts.notStarted;
  }

  get total(): number {
    return this.options.total;
  }

  /** Error causes, most frequent first. */
  errorCauses(): ErrorCause[] {
    return [...this.causes].map(([cause, count]) => ({ cause, count })).sort((a, b) => b.count - a.count);
  }

  /** Attempts not yet dispatched will be skipped; those in flight still finish. */
  abort(): void {
    this.aborted = true;
  }

  /** Releases every attempt at once and resolves when the last one has finished. */
  async run(): Promise<void> {
    const { total, concurrency, clock } = this.options;
    // Without a bound every attempt is dispatched at the release; p-limit would only add overhead.
    const limit = concurrency === undefined || concurrency >= total ? (task: () => Promise<void>) => task() : pLimit(concurrency);
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const attempts = Array.from({ length: total }, (_, index) => barrier.then(() => limit(() => this.dispatch(index))));
    const sweeper = setInterval(() => this.sweepOverdue(), SWEEP_INTERVAL_MS);
    sweeper.unref();
    this.releasedUs = clock.nowUs();
    release();
    try {
      await Promise.all(attempts);
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
    this.inFlight += 1;
    let first = true;
    const act: Act = async (operation, run) => {
      const sentUs = this.options.clock.nowUs();
      // An attempt's first operation was meant to start at the release; a later one when it is sent.
      const intendedUs = first ? (this.releasedUs ?? sentUs) : sentUs;
      first = false;
      return this.operate(operation, run, intendedUs, sentUs);
    };
    try {
      await this.options.attempt(index, act);
    } catch (error) {
      // An attempt that failed outside `act` (a scenario's own step) is an error of its own.
      this.countError(error);
    }
    this.inFlight -= 1;
    this.finished += 1;
  }

  private async operate<T extends Outcome>(operation: string, run: () => Promise<T>, intendedUs: number, sentUs: number): Promise<T | undefined> {
    if (!this.operations.includes(operation)) this.operations.push(operation);
    let outcome: T | undefined;
    try {
      outcome = await this.withTimeout(run());
      this.counts[this.options.countAs?.[outcome.kind] ?? COUNT_OF[outcome.kind]] += 1;
      this.options.onOutcome?.(outcome);
    } catch (error) {
      this.countError(error);
    }
    this.counts.attempts += 1;
    const nowUs = this.options.clock.nowUs();
    this.options.latency.record(operation, outcome?.kind ?? 'error', nowUs - intendedUs, nowUs - sentUs);
    return outcome;
  }

  private countError(error: unknown): void {
    this.counts.errors += 1;
    const cause = describeError(error);
    this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
  }

  /**
   * Settles `work` as it settles, or rejects it once it has been pending longer than the operation
   * timeout. One sweeper timer serves all operations: a timer per operation costs more than the
   * operation itself on a fast path.
   */
  private withTimeout<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending = { sentMs: performance.now(), reject };
      this.pending.add(pending);
      work.then(resolve, reject).finally(() => this.pending.delete(pending));
    });
  }

  private sweepOverdue(): void {
    const limitMs = this.options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
    const now = performance.now();
    for (const pending of this.pending) {
      if (now - pending.sentMs < limitMs) continue;
      this.pending.delete(pending);
      pending.reject(new Error(`no reply within ${limitMs} ms`));
    }
  }
}
