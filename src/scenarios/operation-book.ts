// Books what each operation of a burst ended in: counts its outcome (under the phase's name for it,
// outcome-counts.ts), or its infrastructure error grouped by cause instead of an exception; times
// it under its operation's name from when it was intended and from when it was sent
// (coordinated-omission corrected, with the raw time beside it); and tells the run's listeners. On
// the real services a watchdog (reply-watchdog.ts) turns a reply that never comes into an error.
// Written with then-handlers, not async functions: an await costs an operation several more
// objects, and a burst of millions of in-process attempts spends its time collecting them.
import type { Clock } from '../engine/ports.js';
import { describeError } from '../errors.js';
import type { ErrorCause, RunCounts } from '../result.js';
import type { AttemptOutcome } from './attempt-outcome.js';
import type { OperationLatencies } from './latency-recorder.js';
import { ErrorCauses, countKey, emptyCounts } from './outcome-counts.js';
import { ReplyWatchdog } from './reply-watchdog.js';
import type { CountAs } from './scenario.js';
import type { SeriesRecorder } from './series.js';

/** Where a burst's operations are booked, and who hears of them. */
export interface BookOptions {
  clock: Clock;
  /** Where operation latencies go (shared by every phase of a run). */
  latency: OperationLatencies;
  /** The run's time series. */
  series?: SeriesRecorder;
  /** Outcome counts this burst books under another name (e.g. purchases as `rebought`). */
  countAs?: CountAs;
  /** Hears every outcome (the run's guard tally). */
  onOutcome?(outcome: AttemptOutcome): void;
  /** Hears every operation's answer with its attempt's index, undefined when it failed (see Phase). */
  answered?(index: number, outcome: AttemptOutcome | undefined): void;
  /**
   * An operation still pending after this long counts as an error: the safety net against a reply
   * that never comes from a real service. Undefined: no watchdog (the in-process services run on a
   * virtual clock that cannot leave a reply pending while time passes).
   */
  operationTimeoutMs?: number;
}

/** The booking of one burst's operations. */
export class OperationBook {
  /** Operations by outcome (`attempts` counts operations), errors; the burst adds drops and skips. */
  readonly counts: RunCounts = emptyCounts();
  /** Operation names in the order this burst first recorded them. */
  readonly operations: string[] = [];
  /** Rejects operations a real service leaves unanswered; none on a virtual clock. */
  readonly watchdog: ReplyWatchdog | undefined;
  private readonly causes = new ErrorCauses();

  constructor(private readonly options: BookOptions) {
    const timeoutMs = options.operationTimeoutMs;
    this.watchdog = timeoutMs === undefined ? undefined : new ReplyWatchdog(timeoutMs, () => options.clock.nowUs());
  }

  /**
   * Sends attempt `index`'s operation (`request(index)`, sent at `sentUs`, timed from `intendedUs`)
   * and books its reply; resolves with the outcome, undefined when it failed. `ended`, when given,
   * is called once the reply is booked (an attempt of this one operation ends with it).
   */
  send<T extends AttemptOutcome>(
    operation: string,
    request: (index: number) => Promise<T>,
    index: number,
    intendedUs: number,
    sentUs: number,
    ended?: () => void,
  ): Promise<T | undefined> {
    if (!this.operations.includes(operation)) this.operations.push(operation);
    let reply: Promise<T>;
    try {
      reply = this.watchdog === undefined ? request(index) : this.watchdog.watch(request(index), sentUs);
    } catch (error) {
      reply = Promise.reject(error);
    }
    return reply.then(
      (outcome): T | undefined => {
        this.counts[countKey(outcome.kind, this.options.countAs)] += 1;
        this.options.onOutcome?.(outcome);
        this.booked(operation, outcome, index, intendedUs, sentUs);
        ended?.();
        return outcome;
      },
      (error: unknown): T | undefined => {
        this.countError(error);
        this.booked(operation, undefined, index, intendedUs, sentUs);
        ended?.();
        return undefined;
      },
    );
  }

  /** Counts an error and its cause (`count` of them). */
  countError(error: unknown, count = 1): void {
    this.counts.errors += count;
    this.causes.add(describeError(error), count);
  }

  /** Error causes, most frequent first. */
  errorCauses(): ErrorCause[] {
    return this.causes.list();
  }

  /** Counts and times one operation of attempt `index` that ended (with `outcome`, or none: an error). */
  private booked(operation: string, outcome: AttemptOutcome | undefined, index: number, intendedUs: number, sentUs: number): void {
    this.counts.attempts += 1;
    const nowUs = this.options.clock.nowUs();
    const kind = outcome?.kind ?? 'error';
    this.options.latency.record(operation, kind, nowUs - intendedUs, nowUs - sentUs);
    this.options.series?.completed(nowUs, kind, nowUs - intendedUs);
    this.options.answered?.(index, outcome);
  }
}
