// Executes one phase of a run: attempts arrive as its plan says (all at the release, or at a rate
// over time) and never more than `maxInFlight` of them are in flight. A burst fills its slots at
// the release and refills one each time an attempt finishes (its later attempts start late, and
// their latency still counts from the release); a rate's dispatcher starts each arrival when it
// falls due and drops it if the cap is full, as k6 does. No per-attempt array, closure or promise
// exists before an attempt starts, so memory does not grow with the number of attempts. An attempt
// runs one or more engine operations through `act` (an attempt that is exactly one operation is
// sent without it), each booked by operation-book.ts: its outcome counted, timed from when it was
// due (an attempt's first operation) or sent (a later one), an infrastructure error counted and
// grouped instead of thrown.
import type { ErrorCause, RunCounts } from '../result.js';
import type { ArrivalPlan, ArrivalSchedule } from './arrivals.js';
import { arrivalSchedule } from './arrivals.js';
import { LatencyTrack } from './latency-recorder.js';
import { OperationBook } from './operation-book.js';
import type { BookOptions } from './operation-book.js';
import { SWEEP_INTERVAL_MS } from './reply-watchdog.js';
import type { Act, Phase } from './scenario.js';

export { addCounts, emptyCounts } from './outcome-counts.js';

/** What a burst needs: how many attempts, how they arrive, the attempt, and where to book its operations. */
export interface BurstOptions extends BookOptions {
  total: number;
  /** Most attempts in flight at once. */
  maxInFlight: number;
  /** When attempts are due; default: all at the release. */
  arrivals?: ArrivalPlan;
  attempt: Phase['attempt'];
}

/** Sweeps in a row that must find a virtual clock idle with attempts in flight before it is a stall. */
const STALL_SWEEPS = 2;
const STALL_CAUSE = 'in-process simulation stalled: no reply can ever come (a ticketsim bug; please report it)';
/** A start later than this after its due time counts as late. */
const LATE_START_US = 1000;

/** A one-shot burst; read its live state while run() is pending. */
export class Burst {
  /** Operations by outcome (`attempts` counts operations), errors, drops, attempts never started. */
  readonly counts: RunCounts;
  /** Attempts in flight now. */
  inFlight = 0;
  /** Attempts started, and those that started more than LATE_START_US after they were due. */
  started = 0;
  lateStarts = 0;
  /** How late attempts started, µs. */
  readonly startLag = new LatencyTrack();
  /** Operation names in the order this burst first recorded them. */
  readonly operations: readonly string[];
  /** Clock time (µs) of the release and of the last reply. */
  releasedUs: number | undefined;
  finishedUs: number | undefined;
  /** Attempts the plan calls for (≤ total). */
  readonly planned: number;
  /** When each attempt is due. */
  private readonly schedule: ArrivalSchedule;
  private finished = 0;
  private aborted = false;
  private readonly book: OperationBook;
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
    this.book = new OperationBook(options);
    this.counts = this.book.counts;
    this.operations = this.book.operations;
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
    return this.book.errorCauses();
  }

  /** Attempts not yet started will be skipped; those in flight still finish. */
  abort(): void {
    this.aborted = true;
  }

  /** Releases the attempts as planned and resolves when the last one has finished. */
  async run(): Promise<void> {
    const { clock } = this.options;
    this.book.watchdog?.start();
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
      this.book.watchdog?.stop();
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
    this.book.countError(STALL_CAUSE, stuck);
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
    const { attempt } = this.options;
    if (typeof attempt !== 'function') {
      // One operation: sent and booked with no closure or promise of the attempt's own.
      void this.book.send(attempt.operation, attempt.send, index, dueUs, startUs, this.ended);
      return;
    }
    let first = true;
    const act: Act = (operation, run) => {
      const sentUs = clock.nowUs();
      // An attempt's first operation was due when the attempt was; a later one when it is sent.
      const intendedUs = first ? dueUs : sentUs;
      first = false;
      return this.book.send(operation, run, index, intendedUs, sentUs);
    };
    attempt(index, act).then(this.ended, this.failed);
  }

  /** An attempt ended (bound once: a closure per attempt is garbage a million times over). */
  private readonly ended = (): void => this.finish();

  /** An attempt failed outside `act` (a scenario's own step): an error of its own. */
  private readonly failed = (error: unknown): void => {
    this.book.countError(error);
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
}
