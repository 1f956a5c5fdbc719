// What a scenario is: the services it needs, how it prepares a workload of attempts over the
// engine, and how it reads the stores back into invariant checks.
import type { RunConfig } from '../config/config.js';
import type { ServiceName } from '../engine/infrastructure.js';
import type { Infrastructure, PurchaseOutcome, Strategy } from '../engine/ports.js';
import type { CheckResult, RunCounts, RunResult } from '../result.js';

/** What a scenario gets to prepare one run. */
export interface ScenarioContext {
  infra: Infrastructure;
  strategy: Strategy;
  runId: string;
  /** Every parameter of the run (users, stock, the scenario's own flags, …). */
  run: RunConfig;
}

/** A prepared workload: attempts to release behind the barrier, then the checks over the data. */
export interface PreparedScenario {
  /** How many attempts the burst makes. */
  total: number;
  /** The attempt with this index (0 ≤ index < total). */
  attempt(index: number): Promise<PurchaseOutcome>;
  /** Reads the stores back and checks the invariants; throws if the stores cannot be read. */
  check(counts: RunCounts): Promise<CheckResult[]>;
  /** Where this run's data lives. */
  data: RunResult['data'];
}

/** One scenario of the catalogue (oversell, spam, …). */
export interface ScenarioDefinition {
  name: string;
  /** One line for --help and the menu. */
  summary: string;
  needs: readonly ServiceName[];
  prepare(context: ScenarioContext): Promise<PreparedScenario>;
}
