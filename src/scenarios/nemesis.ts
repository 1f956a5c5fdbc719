// The run's nemesis (Jepsen's word for the process that injects faults): it arms the faults of
// --fault that apply to the run, each as its definition in faults/ says (a hook the engine asks, an
// act timed from the first release, a step after each drain), gives them the run's time, and
// records every firing for the result, the dashboard and the report. It knows no fault by name, and
// it never judges: the invariant checks say what the faults broke.
import { FAULTS, formatFault, notApplicable } from '../config/faults.js';
import type { FaultRun, FaultSpec } from '../config/faults.js';
import type { Clock, EngineFaults } from '../engine/ports.js';
import type { FaultRecord, RunSnapshot } from '../result.js';
import { nemesisFaultOf } from './faults/catalogue.js';
import type { ArmedFault, FaultHandle, FaultReach } from './faults/nemesis-fault.js';

/** Firings kept per fault for the result (the count goes on). */
const KEPT_EVENTS = 20;

/** What the nemesis may act on. */
export interface NemesisDeps extends FaultReach {
  faults: readonly FaultSpec[];
  clock: Clock;
  /** The run, to tell which faults apply to it. */
  run: FaultRun;
  /** ms since the first release of the run (0 before it). */
  sinceRelease(): number;
}

/** One fault's log. */
class FaultLog {
  fired = 0;
  readonly events: { atMs: number; what: string }[] = [];
  /** Why it never fires on this run, if it does not apply. */
  skipped: string | undefined;
  /** What it did, when its arming said so itself. */
  summary: string | undefined;

  constructor(readonly spec: FaultSpec) {}

  record(atMs: number, what: string): void {
    this.fired++;
    this.note(atMs, what);
  }

  /** A note that is not a firing (e.g. a service coming back). */
  note(atMs: number, what: string): void {
    if (this.events.length < KEPT_EVENTS) this.events.push({ atMs: Math.round(atMs), what });
  }
}

/** Carries out a run's faults; see the file header. */
export class Nemesis {
  private readonly logs: FaultLog[];
  /** The faults that apply, armed, in the order --help lists them. */
  private readonly armed: ArmedFault[];
  private halted = false;
  private markHalted!: () => void;
  /** Resolves on halt(): a wait of the nemesis ends early when the run is stopped. */
  private readonly haltSignal = new Promise<void>((resolve) => (this.markHalted = resolve));
  private timed: Promise<void>[] = [];

  constructor(private readonly deps: NemesisDeps) {
    this.logs = deps.faults.map((spec) => {
      const log = new FaultLog(spec);
      log.skipped = notApplicable(spec, deps.run);
      return log;
    });
    this.armed = this.logs
      .filter((log) => log.skipped === undefined)
      .sort((a, b) => order(a.spec) - order(b.spec))
      .map((log) => nemesisFaultOf(log.spec).arm(this.handle(log), deps));
  }

  /** What the engine asks while it runs (undefined when no engine fault is on). */
  engineFaults(): EngineFaults | undefined {
    const hooks = this.armed.flatMap((armed) => (armed.engine === undefined ? [] : [armed.engine]));
    return hooks.length === 0 ? undefined : Object.assign({}, ...hooks);
  }

  /** Starts the timed faults; call at the first release. */
  start(): void {
    for (const armed of this.armed) if (armed.timed) this.timed.push(armed.timed());
  }

  /** Waits until every timed fault has done all it will (a stopped service is back); rethrows a failure. */
  async settle(): Promise<void> {
    const timed = this.timed;
    this.timed = [];
    await Promise.all(timed);
  }

  /** After a drain, writing behind: what the faults do then (redeliver rewinds the group and drains again). */
  async afterDrain(drain: () => Promise<void>): Promise<void> {
    for (const armed of this.armed) await armed.afterDrain?.(drain);
  }

  /** Stops firing (a stopped run): waits end, what is under way finishes, a stopped service comes back at once. */
  halt(): void {
    this.halted = true;
    this.markHalted();
  }

  /** The dashboard's view. */
  live(): RunSnapshot['faults'] {
    if (this.logs.length === 0) return undefined;
    return this.logs.map((log) => ({ name: log.spec.name, fired: log.fired, last: log.skipped ?? log.events.at(-1)?.what }));
  }

  /** The result's record of every fault. */
  records(): FaultRecord[] {
    return this.logs.map((log) => ({
      name: log.spec.name,
      spec: formatFault(log.spec),
      fired: log.fired,
      events: [...log.events],
      summary:
        log.skipped === undefined
          ? (log.summary ?? nemesisFaultOf(log.spec).summary(log.spec, log.fired))
          : `did not apply: ${log.skipped.replace(/^--fault \S+ /, '')}`,
    }));
  }

  /** A fault's view of its log and of the run's time. */
  private handle<S extends FaultSpec>(log: FaultLog & { spec: S }): FaultHandle<S> {
    const nemesis = this;
    const sinceRelease = () => this.deps.sinceRelease();
    const pause = (ms: number): Promise<void> => Promise.race([this.deps.clock.sleep(ms), this.haltSignal]);
    return {
      spec: log.spec,
      get fired() {
        return log.fired;
      },
      get halted() {
        return nemesis.halted;
      },
      sinceRelease,
      pause,
      async until(atMs) {
        const wait = atMs - sinceRelease();
        if (wait > 0) await pause(wait);
      },
      record: (atMs, what) => log.record(atMs, what),
      note: (atMs, what) => log.note(atMs, what),
      skip: (why) => (log.skipped = why),
      summarize: (summary) => (log.summary = summary),
    };
  }
}

/** Where a fault stands in the order --help lists them. */
function order(spec: FaultSpec): number {
  return FAULTS.indexOf(spec.name);
}
