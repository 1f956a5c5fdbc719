// The scenarios ticketsim can run today, by name, and the services a run of one needs.
import { cancelStormScenario } from './cancel-storm.js';
import { oversellScenario } from './oversell.js';
import type { ScenarioName } from '../config/defaults.js';
import type { RunConfig } from '../config/config.js';
import type { ServiceName } from '../engine/ports.js';
import type { ScenarioDefinition } from './scenario.js';
import { spamScenario } from './spam.js';
import { writeBehindScenario } from './write-behind.js';

/** Every scenario the config accepts, implemented (the type makes a missing one a compile error). */
export const SCENARIO_CATALOGUE: Readonly<Record<ScenarioName, ScenarioDefinition>> = Object.freeze({
  oversell: oversellScenario,
  spam: spamScenario,
  'cancel-storm': cancelStormScenario,
  'write-behind': writeBehindScenario,
});

/** The services a run needs: its scenario's, and Kafka when it writes behind. */
export function servicesNeeded(run: Pick<RunConfig, 'scenario' | 'write'>): ServiceName[] {
  return [...SCENARIO_CATALOGUE[run.scenario].needs, ...(run.write.mode === 'behind' ? (['kafka'] as const) : [])];
}
