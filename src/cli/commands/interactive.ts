// `ticketsim` with no arguments in a terminal: the interactive menu. Choose scenario, strategy,
// users, stock and infra; run; run again, change parameters, export the report, or quit.
import { loadConfig } from '../../config/config.js';
import { DEFAULTS, INFRA_MODES, STRATEGIES } from '../../config/defaults.js';
import { SCENARIO_CATALOGUE } from '../../scenarios/catalogue.js';
import { startRun } from '../../scenarios/run.js';
import { runInteractive } from '../../ui/render-interactive.js';
import { writeReport } from '../../report/paths.js';
import { VERSION } from '../../version.js';

/** Opens the menu and resolves when the user quits. Bad parameters fail the run, not the menu. */
export async function startInteractive(): Promise<void> {
  await runInteractive(
    {
      defaults: { scenario: DEFAULTS.scenario, strategy: DEFAULTS.strategy, users: DEFAULTS.users, stock: DEFAULTS.stock, infra: DEFAULTS.infra },
      scenarios: Object.keys(SCENARIO_CATALOGUE),
      strategies: STRATEGIES,
      infraModes: INFRA_MODES,
      startRun: (params) => startRun(loadConfig(params)),
      exportReport: (result) => writeReport(result, true, { generatedAt: new Date(), version: VERSION }),
    },
    { color: process.env.NO_COLOR === undefined || process.env.NO_COLOR === '' },
  );
}
