// The v4.5 write-behind scenario: a large sell-out (10,000 buyers, 5,000 seats by default) where
// every purchase is answered once Kafka acknowledged its event, and worker processes write MySQL
// behind it. It is the oversell workload on the write-behind path; the run drains the workers and
// adds the write-behind checks (nothing acknowledged lost, nothing written twice) to the sale's.
import { oversellScenario } from './oversell.js';
import type { ScenarioDefinition } from './scenario.js';

export const writeBehindScenario: ScenarioDefinition = {
  ...oversellScenario,
  name: 'write-behind',
  summary: 'a large sell-out answered once Kafka acknowledged, written by workers behind it; nothing lost or doubled (v4.5)',
};
