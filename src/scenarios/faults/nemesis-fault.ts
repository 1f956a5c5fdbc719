// What a fault is to the nemesis: what it needs from the stack before the run begins, how it is
// armed on a run (a hook the engine asks, an act timed from the first release, a step after each
// drain) and the summary it leaves when it said nothing more specific. One per fault, beside this
// file; catalogue.ts registers them. The nemesis itself knows no fault by name.
import type { FaultSpec } from '../../config/faults.js';
import type { EngineFaults, ServiceSwitch } from '../../engine/ports.js';

/** The write-behind path, as the faults act on it. */
export interface BehindControls {
  /** Records published and not yet committed (undefined when the log cannot say). */
  pending(): Promise<number | undefined>;
  killWorker(): Promise<{ killed: string; behind: number }>;
  /** Rewinds the group to the start; resolves with how many committed records will be read again. */
  rewind(): Promise<number>;
}

/** What a run's faults may act on beyond the engine's own hooks. */
export interface FaultReach {
  /** Writing behind: the path whose workers they kill and whose group they rewind. */
  behind?: BehindControls;
  /** Services they may switch off and on again (only ones ticketsim itself started). */
  switches?: { kafka?: ServiceSwitch };
}

/** The stack a run opened, for a fault to find what it may act on. */
export interface FaultStack {
  /**
   * The service a fault may stop and start again: only one ticketsim itself started. `refusal`:
   * the stack has that service but it is not ticketsim's to stop (the fault is a usage error);
   * undefined: the run has no such service.
   */
  service(name: 'kafka'): Promise<ServiceSwitch | { refusal: string } | undefined>;
}

/** One fault that applies to the run, as its arming sees it: its spec, its log, the run's time. */
export interface FaultHandle<S extends FaultSpec> {
  readonly spec: S;
  /** How often it has fired so far. */
  readonly fired: number;
  /** True once the run is stopped: fire no more. */
  readonly halted: boolean;
  /** ms since the first release of the run (0 before it). */
  sinceRelease(): number;
  /** Sleeps `ms` on the run's clock, or until the run is stopped. */
  pause(ms: number): Promise<void>;
  /** Sleeps until `atMs` after the first release (at once if that is past), or until the run is stopped. */
  until(atMs: number): Promise<void>;
  /** A firing, `atMs` after the first release. */
  record(atMs: number, what: string): void;
  /** A note that is not a firing (e.g. a service coming back). */
  note(atMs: number, what: string): void;
  /** It turns out not to apply to this run: why (it never fires). */
  skip(why: string): void;
  /** Its summary for the result, in place of the default one. */
  summarize(summary: string): void;
}

/** What an armed fault does; a hook it has no use for is absent. */
export interface ArmedFault {
  /** What the engine asks while it runs. */
  engine?: EngineFaults;
  /** Started at the first release; resolves once it has done all it will (rejects if it failed). */
  timed?(): Promise<void>;
  /** After each drain, writing behind; `drain` drains again. */
  afterDrain?(drain: () => Promise<void>): Promise<void>;
}

/** One fault, as the nemesis carries it out. */
export interface NemesisFault<S extends FaultSpec> {
  /**
   * Before the run creates anything: what the fault may act on beyond the run itself. Throws a
   * UsageError when the stack refuses the fault.
   */
  prepare?(spec: S, stack: FaultStack): Promise<FaultReach>;
  /** Arms the fault on a run it applies to. */
  arm(fault: FaultHandle<S>, reach: FaultReach): ArmedFault;
  /** What it did, when its arming gave no summary of its own. */
  summary(spec: S, fired: number): string;
}
