// `ticketsim worker` as a process: connects to Kafka and MySQL (unreachable: exit 3), readies its
// write path (warm-up.ts), joins the consumer group, writes what it consumes, prints a progress
// line every few seconds with the group's lag as Kafka computes it, asked of the broker each time
// (or JSON lines with --json: also one after each chunk's write, before its commit, so a
// SIGKILLed worker has reported every chunk it committed), and on SIGTERM/SIGINT (or,
// started by a run, when the run is gone) finishes the batch in progress, commits, leaves the group
// and resolves with its final stats (the command then exits 0).
import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkerConfig } from '../config/worker-config.js';
import type { GroupLag } from '../engine/ports.js';
import { connectKafkaLog } from '../engine/kafka/log.js';
import { connectMysql } from '../engine/mysql/connect.js';
import { createMysqlLedger } from '../engine/mysql/ledger.js';
import { createRealClock } from '../engine/real-clock.js';
import { createWorker } from './worker.js';
import { createWriteRetry } from './write-retry.js';
import { awayLine, backLine, waitingFields, waitingText } from './outage-lines.js';
import type { ServiceAddresses } from './outage-lines.js';
import { formatBrokers, formatEndpoint } from '../config/endpoints.js';
import { warmUpWrites } from './warm-up.js';
import { PURCHASES } from '../engine/mysql/tables.js';
import { UsageError } from '../errors.js';
import type { WorkerListener, WorkerStats } from './worker.js';

/** The group's lag in records: each partition's end offset minus the group's committed offset. */
const recordsBehind = (lag: GroupLag) => lag.end - lag.committed;

/** One progress line: `worker ticketsim-worker: 4,210 rows/s · inserted 8,420 · skipped 0 · … · lag 1,000`. */
function formatWorkerLine(group: string, stats: WorkerStats, rowsPerSec: number, lag: GroupLag | undefined): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    `worker ${group}: ${n(rowsPerSec)} rows/s · inserted ${n(stats.inserted)} · skipped ${n(stats.skipped)} · ` +
    `deleted ${n(stats.deleted)} · dead-lettered ${n(stats.deadLettered)} · lag ${lag === undefined ? 'unknown' : n(recordsBehind(lag))}`
  );
}

/** The lag fields of a JSON line: the records behind, and each partition's offsets. */
function lagFields(lag: GroupLag | undefined): Record<string, unknown> {
  if (lag === undefined) return { lag: null };
  return { lag: recordsBehind(lag), partitions: lag.partitions.map((partition) => ({ ...partition, lag: partition.end - partition.committed })) };
}

/** What counts the worker into metrics (--metrics-port): its commits as they happen, its lag as measured, its stats when read. */
export interface WorkerWatch {
  listener: WorkerListener;
  watch(stats: () => WorkerStats): void;
  lagOf(partition: number, records: number): void;
}

/** Runs a worker until SIGTERM or SIGINT; resolves with its final stats. */
export async function runWorkerProcess(config: WorkerConfig, out: NodeJS.WritableStream = process.stdout, metrics?: WorkerWatch): Promise<WorkerStats> {
  const clock = createRealClock();
  const timeout = { connectTimeoutMs: config.services.connectTimeoutMs };
  const log = await connectKafkaLog({ ...config.services.kafka, ...timeout }, clock, `ticketsim-worker-${process.pid}`);
  let pool;
  try {
    pool = await connectMysql({ ...config.services.mysql, ...timeout }, config.poolSize);
  } catch (error) {
    await log.close();
    throw error;
  }
  if (!(await log.hasTopic(config.topic))) {
    await log.close();
    await pool.end().catch(() => undefined);
    throw new UsageError(`--topic ${config.topic} does not exist on ${formatBrokers(config.services.kafka.brokers)}; create it first, or name a topic that exists`);
  }
  const emit = (event: string, fields: Record<string, unknown>, text: string) =>
    out.write(config.json ? `${JSON.stringify({ event, pid: process.pid, topic: config.topic, group: config.group, ...fields })}\n` : `${text}\n`);
  // A failure here is met again, and said, by the first write.
  await warmUpWrites(pool, config.table ?? PURCHASES, config.batchSize, config.poolSize).catch(() => undefined);
  const deadLetters = await log.deadLetters(config.dlqTopic);
  const addresses: ServiceAddresses = { mysql: formatEndpoint(config.services.mysql.endpoint), kafka: formatBrokers(config.services.kafka.brokers) };
  // A service away is said at once and when it is back; meanwhile the writes wait and try again.
  const retry = createWriteRetry(
    {
      away: (outage) => emit('away', { service: outage.service, address: addresses[outage.service], error: outage.error }, `worker ${config.group}: ${awayLine(outage, addresses)}`),
      back: (service, awayMs) => emit('back', { service, address: addresses[service], awayMs: Math.round(awayMs) }, `worker ${config.group}: ${backLine(service, awayMs, addresses)}`),
    },
    (ms) => sleep(ms),
  );
  /** The state of services away, for a progress line (empty when none is). */
  const waiting = (): { text: string; fields: Record<string, unknown> } => {
    const outages = retry.outages();
    if (outages.length === 0) return { text: '', fields: {} };
    const now = performance.now();
    return { text: ` · ${waitingText(outages, now, worker.held(), addresses)}`, fields: waitingFields(outages, now, worker.held(), addresses) };
  };
  const worker = createWorker({
    topic: config.topic,
    consumer: log.consumer(config.topic, config.group),
    ledger: createMysqlLedger(pool, { clock, poolSize: config.poolSize, table: config.table }),
    deadLetters,
    batchSize: config.batchSize,
    writesInFlight: config.writesInFlight,
    retry,
    ...(metrics === undefined ? {} : { listener: metrics.listener }),
    // stdout to a pipe is written synchronously on Linux: the line is out before the commit is sent.
    ...(config.json ? { onWritten: (stats: WorkerStats) => emit('stats', { ...stats, ...lagFields(groupLag) }, '') } : {}),
  });
  /** The group's lag as last asked of the broker (undefined until then, or when it could not say). */
  let groupLag: GroupLag | undefined;
  const measureLag = async (): Promise<void> => {
    groupLag = await log.lag(config.topic, config.group).catch(() => undefined);
    for (const partition of groupLag?.partitions ?? []) metrics?.lagOf(partition.partition, partition.end - partition.committed);
  };
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
    if (config.stopWithParent) process.stdin.once('close', resolve).resume();
  });
  metrics?.watch(() => worker.stats());
  try {
    await worker.start();
    emit('started', {}, `worker ${config.group}: consuming ${config.topic} (dead letters to ${config.dlqTopic}); SIGTERM or Ctrl-C stops it`);
    const stopping = new AbortController();
    // Each line waits for its measure of the lag: lines never overlap, and a slow broker slows them.
    const progress = (async () => {
      let last = { at: performance.now(), rows: 0 };
      while (!stopping.signal.aborted) {
        const slept = await sleep(config.logEverySeconds * 1000, true, { signal: stopping.signal }).catch(() => false);
        if (!slept) return;
        await measureLag();
        const stats = worker.stats();
        const rows = stats.inserted + stats.deleted;
        const now = performance.now();
        const rowsPerSec = Math.round(((rows - last.rows) * 1000) / Math.max(1, now - last.at));
        last = { at: now, rows };
        const state = waiting();
        emit('stats', { ...stats, rowsPerSec, ...lagFields(groupLag), ...state.fields }, formatWorkerLine(config.group, stats, rowsPerSec, groupLag) + state.text);
      }
    })();
    await stopped;
    stopping.abort();
    await progress;
    const final = await worker.stop();
    await measureLag();
    emit('stopped', { ...final, ...lagFields(groupLag) }, `${formatWorkerLine(config.group, final, 0, groupLag)} · stopped`);
    return final;
  } finally {
    await deadLetters.close().catch(() => undefined);
    await log.close();
    await pool.end().catch(() => undefined);
  }
}
