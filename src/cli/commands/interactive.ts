// `ticketsim` with no arguments in a terminal: the interactive menu. Choose scenario, the target
// (the built-in engine or a target file found here), strategy, users (and the scenario's own
// numbers), stock, write mode, a fault and infra; run; run again, change parameters, export the
// report, or quit.
import { loadConfig } from '../../config/config.js';
import { DEFAULTS, INFRA_MODES, SCENARIOS } from '../../config/defaults.js';
import type { ScenarioName } from '../../config/defaults.js';
import { defaultValues } from '../../config/option-values.js';
import { MENU_OPTION_KEYS } from '../../config/workload-options.js';
import { STRATEGIES, STRATEGY_INFO } from '../../config/strategies.js';
import { SCENARIO_CATALOGUE } from '../../scenarios/catalogue.js';
import { startRun } from '../../runner/run.js';
import { ENGINE, drivesTarget, runInteractive } from '../../ui/render-interactive.js';
import type { RunParams, Workload } from '../../ui/render-interactive.js';
import { writeReport } from '../../report/paths.js';
import { VERSION } from '../../version.js';
import { SCENARIO_WRITES, WRITE_MODES } from '../../config/write-config.js';
import { FAULTS, FAULT_DEFINITIONS } from '../../config/faults.js';
import { describeWritten } from '../report-file.js';
import { workerLauncher } from '../workers.js';
import { findTargetFiles } from '../target-files.js';
import { httpTargetOpener, loadTargets } from '../target-option.js';
import type { LiveRun } from '../../result.js';

/** The fault row's first choice. */
const NO_FAULT = 'none';

/** Opens the menu and resolves when the user quits. Bad parameters fail the run, not the menu. */
export async function startInteractive(): Promise<void> {
  const scenarios = Object.keys(SCENARIO_CATALOGUE);
  const hints: Record<string, string> = {};
  for (const [name, scenario] of Object.entries(SCENARIO_CATALOGUE)) hints[name] = `${name}: ${scenario.summary}`;
  for (const name of STRATEGIES) hints[name] = `${name}: ${STRATEGY_INFO[name].tag}`;
  hints[NO_FAULT] = 'no fault injected';
  for (const name of FAULTS) hints[name] = `${name}: ${FAULT_DEFINITIONS[name].tag}`;
  hints[ENGINE] = 'engine: the built-in engine, set up by the rows below';
  const targetFiles = await findTargetFiles(process.cwd());
  for (const found of targetFiles) hints[found.path] = `${found.name} at ${found.baseUrl}, over HTTP`;
  const workloads = Object.fromEntries(SCENARIOS.map((name) => [name, menuWorkload(name)]));
  await runInteractive(
    {
      defaults: {
        scenario: DEFAULTS.scenario,
        ...(targetFiles.length > 0 ? { target: ENGINE } : {}),
        strategy: DEFAULTS.strategy,
        ...workloads[DEFAULTS.scenario]!,
        write: 'sync',
        fault: NO_FAULT,
        infra: DEFAULTS.infra,
      },
      scenarios,
      targets: [ENGINE, ...targetFiles.map((found) => found.path)],
      strategies: STRATEGIES,
      infraModes: INFRA_MODES,
      writeModes: WRITE_MODES,
      faults: [NO_FAULT, ...FAULTS],
      workloads,
      hints,
      startRun: startFromMenu,
      exportReport: async (result) => describeWritten(await writeReport(result, true, { generatedAt: new Date(), version: VERSION })),
    },
    { color: process.env.NO_COLOR === undefined || process.env.NO_COLOR === '' },
  );
}

/** Starts the run the menu's parameters describe: on the engine, or against a target file's service (loopback only). */
async function startFromMenu(params: RunParams): Promise<LiveRun> {
  if (drivesTarget(params)) {
    const { target: path, strategy: _strategy, write: _write, fault: _fault, infra: _infra, ...workload } = params;
    const config = loadConfig({ ...workload, target: path });
    const [target] = await loadTargets([path], config.run.scenario, false);
    return startRun(config, workerLauncher(config.services), httpTargetOpener(target!));
  }
  const { target: _target, fault, ...engine } = params;
  const config = loadConfig({ ...engine, ...(fault === undefined || fault === NO_FAULT ? {} : { fault: [fault] }) });
  return startRun(config, workerLauncher(config.services));
}

/** A scenario's numbers as the menu starts them: the defaults of the options that are a menu row, and the write it always takes. */
function menuWorkload(scenario: ScenarioName): Workload {
  const values = defaultValues(scenario);
  const workload: Workload = {};
  for (const key of MENU_OPTION_KEYS) {
    const value = values[key];
    if (value !== undefined) workload[key] = value;
  }
  const write = SCENARIO_WRITES[scenario];
  return write === undefined ? workload : { ...workload, write };
}
