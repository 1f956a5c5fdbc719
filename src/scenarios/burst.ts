// Executes one phase of a run: attempts arrive as its plan says (all at the release, or at a rate
// over time) and never more than `maxInFlight` of them are in flight. A burst fills its slots at
// the release and refills one each time an attempt finishes (its later attempts start late, and
// their latency still counts from the release); a rate's dispatcher starts each arrival when it
// falls due and drops it if the cap is full, as k6 does. No per-attempt array, closure or promise
// exists before an attempt starts, so memory does not grow with the number of attempts. An attempt
// runs one or more engine operations through `act`, which counts each outcome, times it under its
// operation's name (an attempt's first operation from when it was due, a later one from its own
// send: coordinated-omission corrected, with the raw time beside it) and turns an infrastructure
// error into a counted, grouped error instead of an exception (the booking is outcome-counts.ts's,
// the watchdog on a real service's replies reply-watchdog.ts's).
import type { Clock } from '../engine/ports.js';
import type { AttemptOutcome } from './attempt-outcome.js';
import { describeError } from '../errors.js';
import type { ErrorCause, RunCounts } from '../result.js';
import type { ArrivalPlan, ArrivalSchedule } from './arrivals.js';
import { arrivalSchedule } from './arrivals.js';
import { LatencyTrack } from './latency-recorder.js';
import type { OperationLatencies } from './latency-recorder.js';
import { ErrorCauses, countKey, emptyCounts } from './outcome-counts.js';
import { ReplyWatchdog, SWEEP_INTERVAL_MS } from './reply-watchdog.js';
import type { Act, CountAs } from './scenario.js';
import type { SeriesRecorder } from './series.js';

export { addCounts, emptyCounts } from './outcome-counts.js';

/** What a burst needs: how many attempts, how they arrive, the attempt, and where to record. */
export interface BurstOptions {
  total: number;
  /** Most attempts in flight at once. */
  maxInFlight: number;
  /** When attempts are due; default: all at the release. */
  arrivals?: ArrivalPlan;
  clock: Clock;
  attempt(index: number, act: Act): Promise<unknown>;
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

/** Sweeps in a row that must find a virtual clock idle with attempts in flight before it is a stall. */
const STALL_SWEEPS = 2;
const STALL_CAUSE = 'in-process simulation stalled: no reply can ever come (a ticketsim bug; please report it)';
/** A start later than this after its due time counts as late. */
const LATE_START_US = 1000;

/** A one-shot burst; read its live state while run() is pending. */
export class Burst {
  /** Operations by outcome (`attempts` counts operations), errors, drops, attempts never started. */
  readonly counts: RunCounts = emptyCounts();
  /** Attempts in flight now. */
  inFlight = 0;
  /** Attempts started, and those that started more than LATE_START_US after they were due. */
  started = 0;
  lateStarts = 0;
  /** How late attempts started, µs. */
  readonly startLag = new LatencyTrack();
  /** Operation names in the order this burst first recorded them. */
  readonly operations: string[] = [];
  /** Clock time (µs) of the release and of the last reply. */
  releasedUs: number | undefined;
  finishedUs: number | undefined;
  /** Attempts the plan calls for (≤ total). */
  readonly planned: number;
  /** When each attempt is due. */
  private readonly schedule: ArrivalSchedule;
  private finished = 0;
  private aborted = false;
  private readonly causes = new ErrorCauses();
  /** Rejects operations a real service leaves unanswered; none on a virtual clock. */
  private readonly watchdog: ReplyWatchdog | undefined;
  /** The index of the next attempt to start (or drop). */
  private next = 0;
  /** A rate's dispatcher has gone through its schedule. */
  private dispatched = false;
  /** Stall sweeps in a row that found the virtual clock idle with attempts in flight. */
  private idleSweeps = 0;
  /** The stall watch ended the run. */
  private stalled = false;
  private allDone: (() => void) | undefined;

  constructor(private readonly options: BurstOptions) {
    this.schedule = arrivalSchedule(options.arrivals ?? { kind: 'burst' }, options.total);
    this.planned = this.schedule.total;
    const timeoutMs = options.operationTimeoutMs;
    this.watchdog = timeoutMs === undefined ? undefined : new ReplyWatchdog(timeoutMs, () => options.clock.nowUs());
  }

  /** Clock time from the release to the last reply (or to now, while running); 0 before. */
  get elapsedMs(): number {
    if (this.releasedUs === undefined) return 0;
    return ((this.finishedUs ?? this.options.clock.nowUs()) - this.releasedUs) / 1000;
  }

  /** Attempts that have finished, or were dropped or skipped. */
  get done(): number {
    return this.finished + this.counts.dropped + this.counts.notStarted;
  }

  /** Error causes, most frequent first. */
  errorCauses(): ErrorCause[] {
    return this.causes.list();
  }

  /** Attempts not yet started will be skipped; those in flight still finish. */
  abort(): void {
    this.aborted = true;
  }

  /** Releases the attempts as planned and resolves when the last one has finished. */
  async run(): Promise<void> {
    const { clock } = this.options;
    this.watchdog?.start();
    // On a virtual clock a reply is never late, only impossible: watch for that instead (and keep
    // the process alive meanwhile, or it would exit as if the run had ended).
    const stallWatch = clock.idle === undefined ? undefined : setInterval(() => this.checkStall(), SWEEP_INTERVAL_MS);
    this.releasedUs = clock.nowUs();
    const done = new Promise<void>((resolve) => (this.allDone = resolve));
    try {
      if (this.options.arrivals?.kind === 'rate') await this.dispatchRate(this.releasedUs);
      else this.refill();
      this.settleIfDone();
      await done;
    } finally {
      this.watchdog?.stop();
      clearInterval(stallWatch);
    }
    this.finishedUs = clock.nowUs();
  }

  /**
   * Attempts in flight while the virtual clock has nothing left to run can never get a reply: after
   * STALL_SWEEPS sweeps so, count them as errors with the cause, start nothing more, and end.
   */
  private checkStall(): void {
    if (this.inFlight === 0 || !this.options.clock.idle!()) {
      this.idleSweeps = 0;
      return;
    }
    if (++this.idleSweeps < STALL_SWEEPS) return;
    const stuck = this.inFlight;
    this.counts.attempts += stuck;
    this.counts.errors += stuck;
    this.causes.add(STALL_CAUSE, stuck);
    this.finished += stuck;
    this.inFlight = 0;
    this.stalled = true;
    this.aborted = true;
    this.settleIfDone();
  }

  /**
   * A burst: every attempt was due at the release; start them while a slot is free. Called at the
   * release and again each time an attempt finishes, so the cap stays full without a dispatcher
   * waiting on a promise per slot.
   */
  private refill(): void {
    const releasedUs = this.releasedUs!;
    while (this.next < this.planned && this.inFlight < this.options.maxInFlight && !this.aborted) this.start(this.next++, releasedUs);
  }

  /** A rate: start each arrival when it falls due, dropping it if the cap is full (as k6 does). */
  private async dispatchRate(releasedUs: number): Promise<void> {
    const { clock } = this.options;
    const { schedule } = this;
    while (this.next < this.planned && !this.aborted) {
      const dueUs = releasedUs + schedule.dueOffsetUs(this.next);
      // Never before it is due: a timer may wake early (Node's truncates a fraction of a
      // millisecond), and an arrival sent early would be timed from before it was sent.
      for (let waitUs = dueUs - clock.nowUs(); waitUs > 0 && !this.aborted; waitUs = dueUs - clock.nowUs()) await clock.sleep(waitUs / 1000);
      if (this.aborted) break;
      if (this.inFlight >= this.options.maxInFlight) {
        this.counts.dropped++;
        this.next++;
        continue;
      }
      this.start(this.next++, dueUs);
    }
    this.dispatched = true;
  }

  /** Ends the run once nothing is in flight and nothing more will start. */
  private settleIfDone(): void {
    if (this.inFlight > 0) return;
    const rate = this.options.arrivals?.kind === 'rate';
    const nothingLeft = this.next >= this.planned || this.aborted;
    if (rate ? this.dispatched : nothingLeft) {
      this.counts.notStarted = this.planned - this.next;
      this.allDone?.();
    }
  }

  private start(index: number, dueUs: number): void {
    const { clock } = this.options;
    const startUs = clock.nowUs();
    this.started++;
    this.inFlight++;
    const lagUs = startUs - dueUs;
    this.startLag.record(lagUs);
    if (lagUs > LATE_START_US) this.lateStarts++;
    this.options.series?.started(startUs);
    let first = true;
    const act: Act = (operation, run) => {
      const sentUs = clock.nowUs();
      // An attempt's first operation was due when the attempt was; a later one when it is sent.
      const intendedUs = first ? dueUs : sentUs;
      first = false;
      return this.operate(operation, run, index, intendedUs, sentUs);
    };
    this.options.attempt(index, act).then(this.ended, this.failed);
  }

  /** An attempt ended (bound once: a closure per attempt is garbage a million times over). */
  private readonly ended = (): void => this.finish();

  /** An attempt failed outside `act` (a scenario's own step): an error of its own. */
  private readonly failed = (error: unknown): void => {
    this.countError(error);
    this.finish();
  };

  private finish(): void {
    // After a stall every attempt in flight was already counted; one that still ends changes nothing.
    if (this.stalled) return;
    this.inFlight--;
    this.finished++;
    if (this.options.arrivals?.kind !== 'rate') this.refill();
    this.settleIfDone();
  }

  /**
   * Sends one operation and books its reply. Written with then-handlers, not as an async function:
   * an await costs an operation several more objects, and a burst of millions of attempts would
   * spend its time collecting them.
   */
  private operate<T extends AttemptOutcome>(operation: string, run: () => Promise<T>, index: number, intendedUs: number, sentUs: number): Promise<T | undefined> {
    if (!this.operations.includes(operation)) this.operations.push(operation);
    let reply: Promise<T>;
    try {
      reply = this.watchdog === undefined ? run() : this.watchdog.watch(run(), sentUs);
    } catch (error) {
      reply = Promise.reject(error);
    }
    return reply.then(
      (outcome): T | undefined => {
        this.counts[countKey(outcome.kind, this.options.countAs)] += 1;
        this.options.onOutcome?.(outcome);
        return this.booked(operation, outcome, index, intendedUs, sentUs);
      },
      (error: unknown): T | undefined => {
        this.countError(error);
        return this.booked<T>(operation, undefined, index, intendedUs, sentUs);
      },
    );
  }

  /** Counts and times one operation of attempt `index` that ended (with `outcome`, or none: an error). */
  private booked<T extends AttemptOutcome>(operation: string, outcome: T | undefined, index: number, intendedUs: number, sentUs: number): T | undefined {
    this.counts.attempts += 1;
    const nowUs = this.options.clock.nowUs();
    const kind = outcome?.kind ?? 'error';
    this.options.latency.record(operation, kind, nowUs - intendedUs, nowUs - sentUs);
    this.options.series?.completed(nowUs, kind, nowUs - intendedUs);
    this.options.answered?.(index, outcome);
    return outcome;
  }

  private countError(error: unknown): void {
    this.counts.errors += 1;
    this.causes.add(describeError(error));
  }
}
