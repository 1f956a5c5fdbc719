// The command line that reproduces a run, as written into results and reports.
import type { RunConfig } from '../config/config.js';
import { DEFAULTS } from '../config/defaults.js';
import { WRITE_DEFAULTS } from '../config/write-config.js';
import { formatFault } from '../config/faults.js';
import type { InfraKind } from '../result.js';

/** `ticketsim run oversell --users 1000 --stock 100 --strategy lua --infra real --seed 1 --pool-size 10` */
export function reproduceCommand(run: RunConfig, infra: InfraKind): string {
  const parts: (string | number)[] = ['ticketsim', 'run', run.scenario];
  if (run.rate === undefined) parts.push('--users', run.users);
  else {
    parts.push('--rate', run.rate.rate, '--duration', run.rate.durationMs / 1000);
    if (run.rate.rampFrom !== undefined) parts.push('--ramp', run.rate.rampFrom);
  }
  if (run.requestsPerUser !== undefined) parts.push('--requests-per-user', run.requestsPerUser);
  if (run.cancelRatio !== undefined) parts.push('--cancel-ratio', run.cancelRatio, '--cancel-dupes', run.cancelDupes ?? 1, '--rebuyers', run.rebuyers ?? 0);
  parts.push('--stock', run.stock, '--strategy', run.strategy);
  parts.push('--infra', infra, '--seed', run.seed, '--pool-size', run.poolSize);
  if (run.concurrency !== undefined) parts.push('--concurrency', run.concurrency);
  if (run.maxInFlight !== undefined) parts.push('--max-in-flight', run.maxInFlight);
  if (run.slowSqlMs !== DEFAULTS.slowSqlMs) parts.push('--slow-sql-ms', run.slowSqlMs);
  const { write } = run;
  if (write.mode === 'behind') {
    if (run.scenario !== 'write-behind') parts.push('--write', 'behind');
    parts.push('--workers', write.workers, '--partitions', write.partitions);
    if (write.redeliver > 0) parts.push('--redeliver', write.redeliver);
    if (write.drainTimeoutMs !== WRITE_DEFAULTS.drainTimeoutSeconds * 1000) parts.push('--drain-timeout', write.drainTimeoutMs / 1000);
    if (write.batchSize !== WRITE_DEFAULTS.batchSize) parts.push('--batch-size', write.batchSize);
    if (write.keepTopic) parts.push('--keep-topic');
  }
  for (const fault of run.faults) parts.push('--fault', formatFault(fault));
  return parts.join(' ');
}
