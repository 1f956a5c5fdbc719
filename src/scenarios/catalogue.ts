// The scenarios ticketsim can run today, by name.
import { cancelStormScenario } from './cancel-storm.js';
import { oversellScenario } from './oversell.js';
import type { ScenarioDefinition } from './scenario.js';
import { spamScenario } from './spam.js';
import { writeBehindScenario } from './write-behind.js';

/** Implemented scenarios; the CLI offers exactly these. */
export const SCENARIO_CATALOGUE: Readonly<Record<string, ScenarioDefinition>> = Object.freeze({
  oversell: oversellScenario,
  spam: spamScenario,
  'cancel-storm': cancelStormScenario,
  'write-behind': writeBehindScenario,
});
