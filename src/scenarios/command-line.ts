// The command lines that reproduce a run and a comparison, as written into results and reports:
// the workload's flags written once for both, after the words that start ticketsim where it ran.
import type { RunConfig } from '../config/config.js';
import { DEFAULTS, SCENARIO_DEFAULTS } from '../config/defaults.js';
import type { InfraMode, ScenarioName } from '../config/defaults.js';
import { WRITE_DEFAULTS } from '../config/write-config.js';
import type { WriteConfig } from '../config/write-config.js';
import { formatFault } from '../config/faults.js';
import { invokedAs } from '../invocation.js';

type Word = string | number;

/** The write mode a scenario takes when no --write is given. */
function defaultWrite(scenario: ScenarioName): WriteConfig['mode'] {
  return SCENARIO_DEFAULTS[scenario].write ?? 'sync';
}

/** What is sold to whom: the users (or the rate), the scenario's own numbers, the stock. */
function workloadFlags(run: RunConfig): Word[] {
  const words: Word[] = [];
  if (run.rate === undefined) words.push('--users', run.users);
  else {
    words.push('--rate', run.rate.rate, '--duration', run.rate.durationMs / 1000);
    if (run.rate.rampFrom !== undefined) words.push('--ramp', run.rate.rampFrom);
  }
  if (run.requestsPerUser !== undefined) words.push('--requests-per-user', run.requestsPerUser);
  if (run.cancelRatio !== undefined) words.push('--cancel-ratio', run.cancelRatio, '--cancel-dupes', run.cancelDupes ?? 1, '--rebuyers', run.rebuyers ?? 0);
  words.push('--stock', run.stock);
  return words;
}

/** How it runs: the infrastructure, the seed, the pool, the caps and the slow-SQL threshold. */
function runningFlags(run: RunConfig, infra: InfraMode): Word[] {
  const words: Word[] = ['--infra', infra, '--seed', run.seed, '--pool-size', run.poolSize];
  if (run.concurrency !== undefined) words.push('--concurrency', run.concurrency);
  if (run.maxInFlight !== undefined) words.push('--max-in-flight', run.maxInFlight);
  if (run.slowSqlMs !== DEFAULTS.slowSqlMs) words.push('--slow-sql-ms', run.slowSqlMs);
  return words;
}

/** Writing behind: the workers, the partitions and the options away from their defaults. */
function behindFlags(write: WriteConfig): Word[] {
  const words: Word[] = ['--workers', write.workers, '--partitions', write.partitions];
  if (write.redeliver > 0) words.push('--redeliver', write.redeliver);
  if (write.drainTimeoutMs !== WRITE_DEFAULTS.drainTimeoutSeconds * 1000) words.push('--drain-timeout', write.drainTimeoutMs / 1000);
  if (write.batchSize !== WRITE_DEFAULTS.batchSize) words.push('--batch-size', write.batchSize);
  if (write.keepTopic) words.push('--keep-topic');
  return words;
}

function faultFlags(run: RunConfig): Word[] {
  return run.faults.flatMap((fault) => ['--fault', formatFault(fault)]);
}

/**
 * `ticketsim run oversell --users 1000 --stock 100 --strategy lua --infra real --seed 1 --pool-size 10`,
 * starting with how this process was invoked (`./bin/ticketsim`, `npx ticketsim`, …).
 */
export function reproduceCommand(run: RunConfig, infra: InfraMode, program = invokedAs()): string {
  const { write } = run;
  const writing = write.mode === 'behind' ? [...(defaultWrite(run.scenario) === 'behind' ? [] : ['--write', 'behind']), ...behindFlags(write)] : [];
  return [program, 'run', run.scenario, ...workloadFlags(run), '--strategy', run.strategy, ...runningFlags(run, infra), ...writing, ...faultFlags(run)].join(' ');
}

/**
 * The compare command line of `runs` (one per strategy × write mode, the same workload):
 * `ticketsim compare oversell --users 1000 --stock 100 --strategies naive,lua --infra real … --expect-fail naive`.
 */
export function compareCommandLine(runs: readonly RunConfig[], expectFail: readonly string[], infra: InfraMode, program = invokedAs()): string {
  const first = runs[0];
  if (first === undefined) throw new Error('a comparison has at least one run');
  const unique = (values: string[]) => [...new Set(values)].join(',');
  const modes = unique(runs.map((run) => run.write.mode));
  const writing = modes === defaultWrite(first.scenario) ? [] : ['--write', modes];
  // The behind-only options, when a compared run writes behind (they are for those runs only).
  const behindRun = runs.find((run) => run.write.mode === 'behind');
  const behind = behindRun === undefined ? [] : behindFlags(behindRun.write);
  const expected = expectFail.length === 0 ? [] : ['--expect-fail', expectFail.join(',')];
  return [
    program, 'compare', first.scenario, ...workloadFlags(first), '--strategies', unique(runs.map((run) => run.strategy)),
    ...runningFlags(first, infra), ...writing, ...behind, ...faultFlags(first), ...expected,
  ].join(' ');
}
