// What a scenario is: the services it needs, how it prepares a workload of attempts over the
// engine, and how it reads the stores back into invariant checks.
import type { RunConfig } from '../config/config.js';
import type { ServiceName } from '../engine/ports.js';
import type { AttemptOutcome, AttemptOutcomeKind } from './attempt-outcome.js';
import type { SaleTarget } from './target.js';
import type { CheckResult, PhaseResult, RunCounts } from '../result.js';

/** What a scenario gets to prepare one run. */
export interface ScenarioContext {
  /** The system under test: where the scenario opens its sale (see target.ts). */
  target: SaleTarget;
  /** Every parameter of the run (users, stock, the scenario's own flags, …). */
  run: RunConfig;
  /** The most attempts the runner keeps in flight at once (--max-in-flight, --concurrency, or where it runs). */
  maxInFlight: number;
}

/**
 * Runs one engine operation inside an attempt: counts its outcome, times it under `operation`
 * (purchase, cancel, …). Resolves undefined when it failed: an infrastructure error, already
 * counted and grouped by cause, never thrown at the scenario.
 */
export type Act = <T extends AttemptOutcome>(operation: string, run: () => Promise<T>) => Promise<T | undefined>;

/**
 * An attempt that is exactly one operation: its name, and the function that sends attempt
 * `index`'s (called as a plain function). The burst sends and books it with no closure or promise
 * of the attempt's own: what a run of millions of attempts in process is made of.
 */
export interface OneOperation {
  operation: string;
  send: (index: number) => Promise<AttemptOutcome>;
}

/** Outcome counts a phase books under another name (e.g. the storm's purchases as `rebought`). */
export type CountAs = Partial<Record<AttemptOutcomeKind, keyof RunCounts>>;

/** One phase of a run: a burst of attempts released together behind one barrier and timed alone. */
export interface Phase {
  /** Its name on screen and in the result, e.g. `burst`, `sell-out`, `storm`. */
  name: string;
  /** How many attempts it releases. */
  total: number;
  /**
   * The attempt with this index (0 ≤ index < total): one or more operations through `act` (it may
   * return act's own promise: no async wrapper, one promise hop less per attempt), or, when every
   * attempt is one operation, that operation.
   */
  attempt: ((index: number, act: Act) => Promise<unknown>) | OneOperation;
  countAs?: CountAs;
  /**
   * Hears the answer to each operation, with the index of its attempt (undefined: the operation
   * failed). A scenario that keeps what each buyer was told books it here, so its attempt need not
   * wait on the operation itself.
   */
  answered?(index: number, outcome: AttemptOutcome | undefined): void;
}

/** A prepared workload: its phases, then the checks over the data. */
export interface PreparedScenario {
  /** The phases in order, each built when its turn comes (so it can read what the ones before left). */
  phases: readonly (() => Promise<Phase>)[];
  /**
   * Reads the stores back and checks the invariants, given the run's counts (all phases together
   * and each on its own); throws if the stores cannot be read.
   */
  check(counts: RunCounts, phases: readonly PhaseResult[]): Promise<CheckResult[]>;
}

/** A one-phase workload: `total` attempts of one operation each (oversell, spam), their answers heard by `answered`. */
export function singleBurst(total: number, attempt: OneOperation, answered?: Phase['answered']): PreparedScenario['phases'] {
  return [async () => ({ name: 'burst', total, attempt, ...(answered === undefined ? {} : { answered }) })];
}

/** One scenario of the catalogue (oversell, spam, …). */
export interface ScenarioDefinition {
  name: string;
  /** One line for --help and the menu. */
  summary: string;
  needs: readonly ServiceName[];
  prepare(context: ScenarioContext): Promise<PreparedScenario>;
}
