// The options `run` and `compare` share: the workload options, each added from its entry of the
// table (config/workload-options.ts), then the infra, the faults, the thresholds and the report; and what both check
// before any load is sent. The engine axes differ: `run` takes one --strategy and --write, `compare`
// lists several.
import type { Argv } from 'yargs';
import type { Config, RawFlags } from '../config/config.js';
import { DEFAULTS, INFRA_MODES } from '../config/defaults.js';
import { FAULTS, defaultFault, formatFault } from '../config/faults.js';
import { THRESHOLD_STATS } from '../config/thresholds.js';
import { flagOf } from '../config/workload-option.js';
import type { DefaultValue, WorkloadOption } from '../config/workload-option.js';
import { OPTION_KEYS, optionOf } from '../config/workload-options.js';
import { SCENARIO_CATALOGUE } from '../scenarios/catalogue.js';
import { withJsonOption, withServiceOptions } from './options.js';
import { probeJunit } from './junit-file.js';
import { probeReport } from './report-file.js';
import type { OptionRules } from './option-tokens.js';

/**
 * The flags {@link withWorkloadOptions} adds, as yargs parses them: the config's raw flags, less
 * the engine axes each command names its own way, with the defaults yargs fills in (--infra, --json).
 */
export type WorkloadArgs = Omit<RawFlags, 'strategy' | 'write' | 'report'> & {
  scenario: string;
  infra: string;
  json: boolean;
  report?: string;
  junit?: string;
};

/** --help of --junit, for every command that takes it: what becomes a test case. */
export function junitHelp(cases = 'each check a test case, a failed one a failure, the parameters as properties'): string {
  return `write JUnit XML for CI test viewers to this file: ${cases}`;
}

/** How `run` and `compare` word the output options they share. */
export interface OutputWording {
  /** The default --report path. */
  report: string;
  /** What --json prints. */
  json: string;
}

/** The options that differ from one value each: --fault and --threshold add one each time, a bare --report takes the default path. */
export const OPTION_RULES: OptionRules = Object.freeze({ repeatable: ['fault', 'threshold'], bare: ['report'] });

/** Adds the scenario positional and every workload option to a command. */
export function withWorkloadOptions<T>(yargs: Argv<T>, wording: OutputWording): Argv<T & WorkloadArgs> {
  let cli: Argv<unknown> = withJsonOption(withServiceOptions(yargs), `print only ${wording.json} on stdout`).positional('scenario', {
    type: 'string',
    describe: Object.values(SCENARIO_CATALOGUE)
      .map((scenario) => `${scenario.name}: ${scenario.summary}`)
      .join(' · '),
    demandOption: true,
  });
  for (const key of OPTION_KEYS) {
    const option = optionOf(key);
    cli = cli.option(flagOf(key), { type: option.kind.type === 'flag' ? 'boolean' : 'number', describe: optionHelp(option) });
  }
  return cli
    .option('infra', { type: 'string', default: DEFAULTS.infra, describe: `${INFRA_MODES.join(' | ')} — real services, in-process ones, or real when they answer (in process only if no service address was given)` })
    .option('fault', {
      type: 'string',
      describe: `inject a fault on purpose, repeatable: ${FAULTS.map((name) => `${formatFault(defaultFault(name)).replace(':', '[:')}]`).join(' · ')}`,
      // Given twice, yargs collects an array; given once, a string: always a list here.
      coerce: (given: string | string[]) => [given].flat(),
    })
    .option('threshold', {
      type: 'string',
      describe: `fail the run when a figure breaks a bound, repeatable: METRIC OP VALUE, METRIC one of OPERATION.STAT (purchase, cancel, …; STAT ${THRESHOLD_STATS.join(' ')}), lag.STAT (writing behind), errors.rate, throughput; OP < <= > >=; e.g. 'purchase.p99<500ms' 'errors.rate<1%' 'throughput>=5000/s'`,
      coerce: (given: string | string[]) => [given].flat(),
    })
    .option('report', { type: 'string', describe: `write a markdown report [default path: ${wording.report}]` })
    .option('junit', { type: 'string', describe: junitHelp() }) as Argv<T & WorkloadArgs>;
}

/** `spam: purchases each user fires at once [default: 20]`: where an option applies, what it sets, its default. */
export function optionHelp(option: WorkloadOption): string {
  const { scenarios } = option;
  const scope = option.group === 'behind' ? 'behind: ' : scenarios !== undefined && scenarios.called === undefined ? `${scenarios.only.join(', ')}: ` : '';
  const fallback = defaultHelp(option);
  return `${scope}${option.help}${fallback === undefined ? '' : ` [default: ${fallback}]`}`;
}

/** `1000 (spam 100, write-behind 10000)`: a default and the scenarios that differ; `--users` for one taken from another option. */
function defaultHelp(option: WorkloadOption): string | undefined {
  const shown = (value: DefaultValue) => (typeof value === 'object' ? `--${flagOf(value.sameAs)}` : String(value));
  const differing = Object.entries(option.scenarioDefaults ?? {}).map(([scenario, value]) => [scenario, shown(value)] as const);
  if (option.default === undefined) {
    if (differing.length === 0) return option.unset;
    return differing.length === 1 ? differing[0]![1] : differing.map(([scenario, value]) => `${scenario} ${value}`).join(', ');
  }
  if (option.default === false) return undefined;
  const others = differing.map(([scenario, value]) => `${scenario} ${value}`).join(', ');
  return others === '' ? shown(option.default) : `${shown(option.default)} (${others})`;
}

/**
 * What can be known to fail before any load is sent beyond the config's own checks, for the runs
 * of one command (run, compare, selftest): a report or JUnit file (`junit`) that cannot be written
 * (a UsageError, exit 2),
 * and, for several runs, a service one of them needs that does not answer (an InfrastructureError,
 * exit 3) — found before the first run, not after those that did not need it. A single run's
 * opening checks its services first thing anyway.
 */
export async function checkBeforeLoad(configs: readonly Config[], junit?: string): Promise<void> {
  const [first] = configs;
  if (first === undefined) return;
  if (first.run.report !== undefined) await probeReport(first.run.report);
  if (junit !== undefined) await probeJunit(junit);
  if (configs.length === 1) return;
  // Loaded only here: a usage error answers without the engine.
  const [{ servicesNeeded }, { checkReachable }] = await Promise.all([import('../scenarios/catalogue.js'), import('../engine/infrastructure.js')]);
  await checkReachable(first.run.infra, first.services, [...new Set(configs.flatMap((config) => servicesNeeded(config.run)))]);
}
