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
import { createOutages, createWriteRetry } from './write-retry.js';
import { awayLine, backLine, formatWorkerLine, lagFields, waitingFields, waitingText } from './progress-lines.js';
import type { MeasuredLag, ServiceAddresses } from './progress-lines.js';
import { formatBrokers, formatEndpoint } from '../config/endpoints.js';
import { warmUpWrites } from './warm-up.js';
import { PURCHASES } from '../engine/mysql/tables.js';
import { UsageError } from '../errors.js';
import type { WorkerListener, WorkerStats } from './worker.js';

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
  const outages = createOutages({
    away: (outage) => emit('away', { service: outage.service, address: addresses[outage.service], error: outage.error }, `worker ${config.group}: ${awayLine(outage, addresses)}`),
    back: (service, awayMs) => emit('back', { service, address: addresses[service], awayMs: Math.round(awayMs) }, `worker ${config.group}: ${backLine(service, awayMs, addresses)}`),
  });
  const retry = createWriteRetry(outages, (ms) => sleep(ms));
  /** The state of services away, for a progress line (empty when none is). */
  const waiting = (): { text: string; fields: Record<string, unknown> } => {
    const away = outages.list();
    if (away.length === 0) return { text: '', fields: {} };
    const now = performance.now();
    return { text: ` · ${waitingText(away, now, worker.held(), addresses)}`, fields: waitingFields(away, now, worker.held(), addresses) };
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
    ...(config.json ? { onWritten: (stats: WorkerStats) => emit('stats', { ...stats, ...lagFields(lagNow()) }, '') } : {}),
  });
  /** The group's lag as last asked of the broker, and when (undefined until it first answered). */
  let lastLag: { lag: GroupLag; atMs: number } | undefined;
  const lagNow = (): MeasuredLag | undefined => (lastLag === undefined ? undefined : { lag: lastLag.lag, ageMs: performance.now() - lastLag.atMs });
  /** Asks the broker for the group's lag; a broker that cannot say is Kafka away (the last answer stays, dated). */
  const measureLag = async (): Promise<MeasuredLag | undefined> => {
    try {
      const lag = await log.lag(config.topic, config.group);
      outages.succeeded('kafka');
      lastLag = { lag, atMs: performance.now() };
      for (const partition of lag.partitions) metrics?.lagOf(partition.partition, partition.end - partition.committed);
      return { lag, ageMs: 0 };
    } catch (error) {
      outages.failed('kafka', error, config.logEverySeconds * 1000);
      return lagNow();
    }
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
        const lag = await measureLag();
        const stats = worker.stats();
        const rows = stats.inserted + stats.deleted;
        const now = performance.now();
        const rowsPerSec = Math.round(((rows - last.rows) * 1000) / Math.max(1, now - last.at));
        last = { at: now, rows };
        const state = waiting();
        emit('stats', { ...stats, rowsPerSec, ...lagFields(lag), ...state.fields }, formatWorkerLine(config.group, stats, rowsPerSec, lag) + state.text);
      }
    })();
    await stopped;
    stopping.abort();
    await progress;
    const final = await worker.stop();
    const lag = await measureLag();
    emit('stopped', { ...final, ...lagFields(lag) }, `${formatWorkerLine(config.group, final, 0, lag)} · stopped`);
    return final;
  } finally {
    await deadLetters.close().catch(() => undefined);
    await log.close();
    await pool.end().catch(() => undefined);
  }
}
