// `ticketsim run <scenario>`: validate, start the run, render it (dashboard, plain text or JSON),
// write the report if asked, and turn the verdict into the exit code.
import type { CommandModule } from 'yargs';
import { loadConfig } from '../../config/config.js';
import { DEFAULTS, INFRA_MODES, SCENARIO_DEFAULTS } from '../../config/defaults.js';
import { STRATEGIES, STRATEGY_INFO } from '../../config/strategies.js';
import { SCENARIO_CATALOGUE } from '../../scenarios/catalogue.js';
import { reportTargetProblem, writeReport } from '../../report/paths.js';
import type { RunResult } from '../../result.js';
import { VERSION } from '../../version.js';
import { WRITE_DEFAULTS, WRITE_MODES } from '../../config/write-config.js';
import { withJsonOption, withServiceOptions } from '../options.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../../errors.js';

interface RunArgs {
  scenario: string;
  users?: number;
  stock?: number;
  requestsPerUser?: number;
  cancelRatio?: number;
  cancelDupes?: number;
  rebuyers?: number;
  slowSqlMs: number;
  write?: string;
  workers?: number;
  partitions?: number;
  redeliver?: number;
  drainTimeout?: number;
  keepTopic?: boolean;
  batchSize?: number;
  rate?: number;
  duration?: number;
  ramp?: number;
  maxInFlight?: number;
  strategy: string;
  infra: string;
  poolSize: number;
  concurrency?: number;
  seed: number;
  json: boolean;
  report?: string;
  redisUrl?: string;
  mysqlUrl?: string;
  kafkaBrokers?: string;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'run a scenario against the engine and check its invariants',
  builder: (yargs) =>
    withJsonOption(withServiceOptions(yargs))
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
      .option('strategy', {
        type: 'string',
        default: DEFAULTS.strategy,
        describe: `concurrency control: ${STRATEGIES.map((name) => `${name} (${STRATEGY_INFO[name].tag})`).join(' · ')}`,
      })
      .option('write', { type: 'string', describe: `${WRITE_MODES.join(' | ')} — MySQL in the request, or an event to Kafka and a worker behind it [default: sync; write-behind: behind]` })
      .option('workers', { type: 'number', describe: `behind: worker processes in the run's consumer group [default: ${WRITE_DEFAULTS.workers}]` })
      .option('partitions', { type: 'number', describe: 'behind: partitions of the run\'s topic [default: one per worker]' })
      .option('redeliver', { type: 'number', describe: 'behind: fraction (0–1) of events published twice, as a producer retry would [default: 0]' })
      .option('drain-timeout', { type: 'number', describe: `behind: seconds to wait for the workers to catch up after each phase [default: ${WRITE_DEFAULTS.drainTimeoutSeconds}]` })
      .option('batch-size', { type: 'number', describe: `behind: most records a worker writes and commits at once [default: ${WRITE_DEFAULTS.batchSize}]` })
      .option('keep-topic', { type: 'boolean', describe: 'behind: keep the run\'s topic and consumer group for inspection' })
      .option('infra', { type: 'string', default: DEFAULTS.infra, describe: `${INFRA_MODES.join(' | ')} — real services, in-process ones, or real when they answer` })
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
      .option('report', { type: 'string', describe: 'write a markdown report [default path: reports/<scenario>-<strategy>-<timestamp>.md]' })
      .example('$0 run oversell --users 1000', 'race 1,000 buyers for 100 seats with the lua strategy')
      .example('$0 run oversell --strategy naive --infra real', 'watch the naive strategy oversell on real Redis + MySQL')
      .example('$0 run spam --users 1 --requests-per-user 1000 --strategy dcl', 'one user, a thousand simultaneous clicks: one ticket')
      .example('$0 run cancel-storm --strategy naive', 'duplicate and bogus cancels over-stock the naive strategy')
      .example('$0 run oversell --users 10000 --stock 10000', 'where the time of a "slow" INSERT goes (the sql section)')
      .example('$0 run write-behind --workers 2 --redeliver 0.5', 'write behind through Kafka; redelivered events must be skipped')
      .example('$0 run oversell --rate 5000 --duration 10 --stock 20000', 'an open model: 5,000 new buyers a second for 10 s') as never,
  handler: async (args) => {
    const config = loadConfig(args);
    if (SCENARIO_CATALOGUE[config.run.scenario] === undefined) {
      throw new UsageError(`scenario "${config.run.scenario}" is not implemented yet (available: ${Object.keys(SCENARIO_CATALOGUE).join(', ')})`);
    }
    // An unwritable report fails now, before any load is sent, not after the whole sale.
    if (config.run.report !== undefined) {
      const problem = await reportTargetProblem(config.run.report);
      if (problem !== undefined) throw new UsageError(`--report ${config.run.report === true ? '' : `${config.run.report}: `}${problem}`);
    }
    const [{ startRun }, { workerLauncher }] = await Promise.all([import('../../scenarios/run.js'), import('../workers.js')]);
    const run = startRun(config, workerLauncher(config.services));
    // SIGTERM (a supervisor, `kill`) stops a run like Ctrl-C: in-flight attempts finish, the
    // workers it started are stopped and its topics deleted, the checks run on what happened.
    const stop = () => run.abort();
    process.on('SIGTERM', stop);
    let result: RunResult;
    try {
      if (config.run.json) {
        process.once('SIGINT', stop);
        result = await run.result.finally(() => process.off('SIGINT', stop));
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        // Loaded only when drawing: --json runs skip React and Ink entirely.
        const { chooseRenderMode, renderRun } = await import('../../ui/render-run.js');
        result = await renderRun(run, chooseRenderMode(process.env, process.stdout));
      }
    } finally {
      process.off('SIGTERM', stop);
    }
    if (config.run.report !== undefined) {
      const path = await writeReport(result, config.run.report, { generatedAt: new Date(), version: VERSION });
      process.stderr.write(`report written to ${path}\n`);
    }
    process.exitCode = exitCodeOf(result);
  },
};

/** `1000 (spam 100)`: a workload default and the scenarios that differ from oversell's. */
function perScenario(field: 'users' | 'stock'): string {
  const base = SCENARIO_DEFAULTS.oversell[field];
  const others = Object.entries(SCENARIO_DEFAULTS)
    .filter(([name, workload]) => name in SCENARIO_CATALOGUE && workload[field] !== base)
    .map(([name, workload]) => `${name} ${workload[field]}`);
  return others.length > 0 ? `${base} (${others.join(', ')})` : String(base);
}

/** 3 when the data could not be read back, 1 when a check failed, 130 when interrupted, else 0. */
function exitCodeOf(result: RunResult): number {
  if (result.inconclusive !== undefined) return EXIT.infrastructure;
  if (!result.ok) return EXIT.checkFailed;
  return result.interrupted ? EXIT.interrupted : EXIT.ok;
}
