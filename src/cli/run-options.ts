// The workload options `run` and `compare` share (how many buyers, the load model, the infra, the
// write-behind knobs, the report), and what both check before any load is sent. The engine axes
// differ: `run` takes one --strategy and --write, `compare` lists several.
import type { Argv } from 'yargs';
import type { Config, RawFlags } from '../config/config.js';
import { DEFAULTS, INFRA_MODES, SCENARIO_DEFAULTS } from '../config/defaults.js';
import { WRITE_DEFAULTS } from '../config/write-config.js';
import { FAULTS, defaultFault, formatFault } from '../config/faults.js';
import { SCENARIO_CATALOGUE } from '../scenarios/catalogue.js';
import { withJsonOption, withServiceOptions } from './options.js';
import { probeReport } from './report-file.js';
import type { OptionRules } from './option-tokens.js';

/**
 * The flags {@link withWorkloadOptions} adds, as yargs parses them: the config's raw flags, less
 * the engine axes each command names its own way, with the defaults yargs fills in.
 */
export type WorkloadArgs = Omit<RawFlags, 'strategy' | 'write' | 'report'> & {
  scenario: string;
  slowSqlMs: number;
  infra: string;
  poolSize: number;
  seed: number;
  json: boolean;
  report?: string;
};

/** How `run` and `compare` word the output options they share. */
export interface OutputWording {
  /** The default --report path. */
  report: string;
  /** What --json prints. */
  json: string;
}

/** The options that differ from one value each: --fault adds one each time, a bare --report takes the default path. */
export const OPTION_RULES: OptionRules = Object.freeze({ repeatable: ['fault'], bare: ['report'] });

/** Adds the scenario positional and every workload option to a command. */
export function withWorkloadOptions<T>(yargs: Argv<T>, wording: OutputWording) {
  return withJsonOption(withServiceOptions(yargs), `print only ${wording.json} on stdout`)
    .positional('scenario', {
      type: 'string',
      describe: Object.values(SCENARIO_CATALOGUE)
        .map((scenario) => `${scenario.name}: ${scenario.summary}`)
        .join(' · '),
      demandOption: true,
    })
    .option('users', { type: 'number', describe: `virtual buyers, each with its own user id [default: ${perScenario('users')}]` })
    .option('stock', { type: 'number', describe: `seats on sale [default: ${perScenario('stock')}]` })
    .option('requests-per-user', {
      type: 'number',
      describe: `spam: purchases each user fires at once [default: ${SCENARIO_DEFAULTS.spam.requestsPerUser}]`,
    })
    .option('cancel-ratio', {
      type: 'number',
      describe: `cancel-storm: fraction of the buyers who cancel, 0–1 [default: ${SCENARIO_DEFAULTS['cancel-storm'].cancelRatio}]`,
    })
    .option('cancel-dupes', {
      type: 'number',
      describe: `cancel-storm: times each cancel is fired at once [default: ${SCENARIO_DEFAULTS['cancel-storm'].cancelDupes}]`,
    })
    .option('rebuyers', { type: 'number', describe: 'cancel-storm: new buyers waiting in line for the freed seats [default: --users]' })
    .option('workers', { type: 'number', describe: `behind: worker processes in the run's consumer group [default: ${WRITE_DEFAULTS.workers}]` })
    .option('partitions', { type: 'number', describe: 'behind: partitions of the run\'s topic [default: one per worker]' })
    .option('redeliver', { type: 'number', describe: 'behind: fraction (0–1) of events published twice, as a producer retry would [default: 0]' })
    .option('drain-timeout', { type: 'number', describe: `behind: seconds to wait for the workers to catch up after each phase [default: ${WRITE_DEFAULTS.drainTimeoutSeconds}]` })
    .option('batch-size', { type: 'number', describe: `behind: most records a worker writes and commits at once [default: ${WRITE_DEFAULTS.batchSize}]` })
    .option('keep-topic', { type: 'boolean', describe: 'behind: keep the run\'s topic and consumer group for inspection' })
    .option('infra', { type: 'string', default: DEFAULTS.infra, describe: `${INFRA_MODES.join(' | ')} — real services, in-process ones, or real when they answer (in process only if no service address was given)` })
    .option('pool-size', { type: 'number', default: DEFAULTS.poolSize, describe: 'MySQL connection pool size' })
    .option('concurrency', { type: 'number', describe: 'max attempts in flight (a closed model of N clients) [default: all at once]' })
    .option('rate', { type: 'number', describe: 'open model: start attempts at this many per second, whatever the replies (each a new buyer)' })
    .option('duration', { type: 'number', describe: 'open model: seconds to keep the rate up' })
    .option('ramp', { type: 'number', describe: 'open model: start at this rate and ramp linearly to --rate over the duration' })
    .option('max-in-flight', {
      type: 'number',
      describe: `the generator's cap on attempts in flight: a burst waits for a slot beyond it, a rate drops the arrival [default: ${DEFAULTS.maxInFlight}; in-process ${DEFAULTS.maxInFlightInProcess}]`,
    })
    .option('seed', { type: 'number', default: DEFAULTS.seed, describe: 'seed for the in-process infrastructure (reproducible runs)' })
    .option('slow-sql-ms', {
      type: 'number',
      default: DEFAULTS.slowSqlMs,
      describe: 'list SQL statements slower than this (pool wait + execution), and have the server count its own',
    })
    .option('fault', {
      type: 'string',
      describe: `inject a fault on purpose, repeatable: ${FAULTS.map((name) => `${formatFault(defaultFault(name)).replace(':', '[:')}]`).join(' · ')}`,
      // Given twice, yargs collects an array; given once, a string: always a list here.
      coerce: (given: string | string[]) => [given].flat(),
    })
    .option('report', { type: 'string', describe: `write a markdown report [default path: ${wording.report}]` });
}

/**
 * What can be known to fail before any load is sent beyond the config's own checks, for the runs
 * of one command (run, compare, selftest): a report that cannot be written (a UsageError, exit 2),
 * and, for several runs, a service one of them needs that does not answer (an InfrastructureError,
 * exit 3) — found before the first run, not after those that did not need it. A single run's
 * opening checks its services first thing anyway.
 */
export async function checkBeforeLoad(configs: readonly Config[]): Promise<void> {
  const [first] = configs;
  if (first === undefined) return;
  if (first.run.report !== undefined) await probeReport(first.run.report);
  if (configs.length === 1) return;
  // Loaded only here: a usage error answers without the engine.
  const [{ servicesNeeded }, { checkReachable }] = await Promise.all([import('../scenarios/catalogue.js'), import('../engine/infrastructure.js')]);
  await checkReachable(first.run.infra, first.services, [...new Set(configs.flatMap((config) => servicesNeeded(config.run)))]);
}

/** `1000 (spam 100)`: a workload default and the scenarios that differ from oversell's. */
function perScenario(field: 'users' | 'stock'): string {
  const base = SCENARIO_DEFAULTS.oversell[field];
  const others = Object.entries(SCENARIO_DEFAULTS)
    .filter(([, workload]) => workload[field] !== base)
    .map(([name, workload]) => `${name} ${workload[field]}`);
  return others.length > 0 ? `${base} (${others.join(', ')})` : String(base);
}
