// `ticketsim worker` as a process: connects to Kafka and MySQL (unreachable: exit 3), readies its
// write path (warm-up.ts), joins the consumer group, writes what it consumes, prints a progress
// line every few seconds (or JSON lines with --json: also one after each chunk's write, before its
// commit, so a SIGKILLed worker has reported every chunk it committed), and on SIGTERM/SIGINT (or,
// started by a run, when the run is gone) finishes the batch in progress, commits, leaves the group
// and resolves with its final stats (the command then exits 0).
import type { WorkerConfig } from '../config/worker-config.js';
import { connectKafkaLog } from '../engine/kafka/log.js';
import { connectMysql } from '../engine/mysql/connect.js';
import { createMysqlLedger } from '../engine/mysql/ledger.js';
import { createRealClock } from '../engine/real-clock.js';
import { createWorker } from './worker.js';
import { warmUpWrites } from './warm-up.js';
import { PURCHASES } from '../engine/mysql/tables.js';
import { formatBrokers } from '../config/endpoints.js';
import { UsageError } from '../errors.js';
import type { WorkerListener, WorkerStats } from './worker.js';

/** One progress line: `worker ticketsim-worker: 4,210 rows/s · inserted 8,420 · skipped 0 · …`. */
function formatWorkerLine(group: string, stats: WorkerStats, rowsPerSec: number): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    `worker ${group}: ${n(rowsPerSec)} rows/s · inserted ${n(stats.inserted)} · skipped ${n(stats.skipped)} · ` +
    `deleted ${n(stats.deleted)} · dead-lettered ${n(stats.deadLettered)} · lag ${n(stats.lag)}`
  );
}

/** What counts the worker into metrics (--metrics-port): its commits and lag as they happen, its stats when read. */
export interface WorkerWatch {
  listener: WorkerListener;
  watch(stats: () => WorkerStats): void;
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
  const worker = createWorker({
    topic: config.topic,
    consumer: log.consumer(config.topic, config.group),
    ledger: createMysqlLedger(pool, { clock, poolSize: config.poolSize, table: config.table }),
    deadLetters,
    batchSize: config.batchSize,
    writesInFlight: config.writesInFlight,
    ...(metrics === undefined ? {} : { listener: metrics.listener }),
    // stdout to a pipe is written synchronously on Linux: the line is out before the commit is sent.
    ...(config.json ? { onWritten: (stats: WorkerStats) => emit('stats', { ...stats }, '') } : {}),
  });
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
    if (config.stopWithParent) process.stdin.once('close', resolve).resume();
  });
  metrics?.watch(() => worker.stats());
  try {
    await worker.start();
    emit('started', {}, `worker ${config.group}: consuming ${config.topic} (dead letters to ${config.dlqTopic}); SIGTERM or Ctrl-C stops it`);
    let last = { at: performance.now(), rows: 0 };
    const ticker = setInterval(() => {
      const stats = worker.stats();
      const rows = stats.inserted + stats.deleted;
      const now = performance.now();
      const rowsPerSec = Math.round(((rows - last.rows) * 1000) / Math.max(1, now - last.at));
      last = { at: now, rows };
      emit('stats', { ...stats, rowsPerSec }, formatWorkerLine(config.group, stats, rowsPerSec));
    }, config.logEverySeconds * 1000);
    await stopped;
    clearInterval(ticker);
    const final = await worker.stop();
    emit('stopped', { ...final }, `${formatWorkerLine(config.group, final, 0)} · stopped`);
    return final;
  } finally {
    await deadLetters.close().catch(() => undefined);
    await log.close();
    await pool.end().catch(() => undefined);
  }
}
