// One schedule of an explored workload (ARCHITECTURE.md, "Explored runs"): the scenario run in
// process, unchanged, on a step schedule whose chooser orders every store effect; then its checks.
// What a search, the shrinker and `ticketsim replay` all run.
import { loadConfig } from '../config/config.js';
import type { Config } from '../config/config.js';
import { StepSchedule } from '../engine/memory/step-schedule.js';
import type { ActorRecord, Chooser, StepRecord } from '../engine/memory/step-schedule.js';
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

/** The run configuration of a workload: in process, writing synchronously, every attempt in flight at once. */
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
      write: 'sync',
      json: true,
    },
    {},
  );
}

/** Runs the workload once, the chooser ordering its steps. */
export async function runSchedule(config: Config, chooser: Chooser): Promise<ExploredRun> {
  const schedule = new StepSchedule(chooser);
  const run = startRun(config, undefined, (context) => openEngineTarget({ ...context, steps: schedule }));
  const result = await run.result;
  await run.free();
  return {
    steps: schedule.steps,
    actors: schedule.actors,
    broken: result.checks.find((check) => !check.ok && check.skipped === undefined),
    stores: schedule.stores(),
  };
}
