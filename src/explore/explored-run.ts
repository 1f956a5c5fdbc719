// One schedule of an explored workload (ARCHITECTURE.md, "Explored runs"): the scenario run in
// process, unchanged, on a step schedule whose chooser orders every store effect; then its checks.
// What a search, the shrinker and `ticketsim replay` all run.
import { loadConfig } from '../config/config.js';
import type { Config } from '../config/config.js';
import { StepSchedule } from '../engine/memory/step-schedule.js';
import type { ActorRecord, Chooser, StepRecord } from '../engine/memory/step-schedule.js';
import type { WorkerLauncher } from '../engine/ports.js';
import type { CheckResult, ExploreWorkload } from '../result.js';
import { startRun } from '../runner/run.js';
import { openEngineTarget } from '../targets/engine/engine-target.js';

/** A schedule as it ran: its steps, its actors, the first check it broke and what the stores held. */
export interface ExploredRun {
  steps: StepRecord[];
  actors: ActorRecord[];
  broken: CheckResult | undefined;
  stores: Record<string, string>;
}

/** Runs a workload once, the chooser ordering its steps. */
export type RunWorkload = (workload: ExploreWorkload, chooser: Chooser) => Promise<ExploredRun>;

/**
 * The run configuration of a workload: in process, every attempt in flight at once, writing as the
 * scenario does (write-behind behind Kafka with one worker, the others synchronously).
 */
export function exploreConfig(workload: ExploreWorkload): Config {
  return loadConfig(
    {
      scenario: workload.scenario,
      strategy: workload.strategy,
      users: workload.buyers,
      stock: workload.stock,
      ...(workload.scenario === 'spam' ? { requestsPerUser: workload.requestsPerUser } : {}),
      seed: workload.seed,
      infra: 'memory',
      json: true,
    },
    {},
  );
}

/** Runs workloads as explore does; `launcher` starts a write-behind run's worker (the CLI's). */
export function workloadRunner(launcher?: WorkerLauncher): RunWorkload {
  return (workload, chooser) => runSchedule(exploreConfig(workload), chooser, launcher);
}

/** Runs a configuration once, the chooser ordering its steps. */
export async function runSchedule(config: Config, chooser: Chooser, launcher?: WorkerLauncher): Promise<ExploredRun> {
  const schedule = new StepSchedule(chooser);
  const run = startRun(config, launcher, (context) => openEngineTarget({ ...context, launcher, steps: schedule }));
  const result = await run.result;
  await run.free();
  return {
    steps: schedule.steps,
    actors: schedule.actors,
    broken: result.checks.find((check) => !check.ok && check.skipped === undefined),
    stores: schedule.stores(),
  };
}
