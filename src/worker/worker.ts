// The write-behind worker (v4.5): a member of a consumer group that turns sale events into MySQL
// rows. Per chunk of a fetched batch (at most `batchSize` records): malformed records go to the
// dead-letter topic with their reason; the rest are applied in partition order, each run of
// consecutive purchases of one sale as one multi-row insert-or-skip and each run of cancels as one
// DELETE; then the chunk's figures are folded into the stats (never half a chunk) and its offsets
// committed. A crash between the write and the commit redelivers the chunk, which the UNIQUE key and
// the idempotent DELETE make harmless (at least once); crash() models one in process.
import { decodeEvent } from '../engine/events.js';
import type { DeadLetters, Ledger, LogBatch, LogConsumer, LogRecord, SaleEvent, WorkerFigures } from '../engine/ports.js';
import { emptyWorkerFigures, sumWorkerFigures } from '../worker-figures.js';

/** What a worker has done so far: the figures a run sums over its workers. */
export type WorkerStats = WorkerFigures;

/** What a worker needs. */
export interface WorkerOptions {
  topic: string;
  consumer: LogConsumer;
  ledger: Ledger;
  deadLetters: DeadLetters;
  /** Most records per write and commit. */
  batchSize: number;
  /**
   * Told the stats after each chunk's write, before its commit: a process reports them here, so a
   * chunk that was committed was always reported (one reported but not committed comes again).
   */
  onWritten?(stats: WorkerStats): void;
  /** Hears each commit and each partition's lag (a metrics exporter). */
  listener?: WorkerListener;
}

/** Hears a worker as it goes; hooks are synchronous and must not throw. */
export interface WorkerListener {
  /** A chunk's offsets were committed, after `us` µs of waiting for the commit. */
  committed?(partition: number, us: number): void;
  /** Records the group is behind on `partition`, after a batch. */
  lag?(partition: number, records: number): void;
}

/** A running worker: start it, read its stats, stop it (the batch in progress finishes first). */
export interface Worker {
  start(): Promise<void>;
  /** The figures of every chunk written so far (a chunk counts once its write is done). */
  stats(): WorkerStats;
  stop(): Promise<WorkerStats>;
  /**
   * Stops abruptly, as a killed process would: no statement is sent after this, the chunk in
   * progress is not committed (it may have been written in part or whole) and the member leaves
   * the group, so its partitions resume from the committed offsets elsewhere. Resolves with the
   * figures of the chunks it completed.
   */
  crash(): Promise<WorkerStats>;
}

/** Consecutive events of one type and one sale: one statement. */
interface Run {
  type: SaleEvent['type'];
  sale: string;
  users: string[];
}

/** Splits events into runs, keeping their order. */
export function runsOf(events: readonly SaleEvent[]): Run[] {
  const runs: Run[] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last !== undefined && last.type === event.type && last.sale === event.sale) last.users.push(event.user);
    else runs.push({ type: event.type, sale: event.sale, users: [event.user] });
  }
  return runs;
}

/** Creates a worker over a consumer, the ledger and the dead-letter topic. */
export function createWorker(options: WorkerOptions): Worker {
  let stats = emptyWorkerFigures();
  const lagByPartition = new Map<number, number>();
  let crashed = false;

  /**
   * Writes one chunk: dead letters first (they touch no row), then the runs in order. Resolves
   * with the chunk's figures, or undefined when a crash cut it short.
   */
  const apply = async (records: readonly LogRecord[]): Promise<WorkerStats | undefined> => {
    const chunk = { ...emptyWorkerFigures(), delivered: records.length };
    const events: SaleEvent[] = [];
    for (const record of records) {
      const decoded = decodeEvent(record);
      if ('event' in decoded) {
        events.push(decoded.event);
        continue;
      }
      if (crashed) return undefined;
      await options.deadLetters.send(record, decoded.malformed, options.topic);
      chunk.deadLettered++;
    }
    for (const run of runsOf(events)) {
      if (crashed) return undefined;
      chunk.statements++;
      if (run.type === 'purchased') {
        const { inserted, skipped } = await options.ledger.recordMany(run.sale, run.users);
        chunk.inserted += inserted;
        chunk.skipped += skipped;
      } else {
        const { deleted, absent } = await options.ledger.removeMany(run.sale, run.users);
        chunk.deleted += deleted;
        chunk.absent += absent;
      }
    }
    return chunk;
  };

  const handle = async (batch: LogBatch): Promise<void> => {
    const { records } = batch;
    for (let from = 0; from < records.length && batch.active(); from += options.batchSize) {
      const chunk = records.slice(from, from + options.batchSize);
      const written = await apply(chunk);
      if (written === undefined) return;
      stats = sumWorkerFigures([stats, written]);
      options.onWritten?.({ ...stats });
      // A crash after the write and before the commit: the chunk comes again to another member.
      if (crashed) return;
      // Only now is the chunk durable in MySQL: commit it (at least once).
      const commitStart = performance.now();
      await batch.commit(chunk.at(-1)!.offset);
      options.listener?.committed?.(batch.partition, (performance.now() - commitStart) * 1000);
      stats.commits++;
      await batch.heartbeat();
    }
    lagByPartition.set(batch.partition, batch.lag());
    options.listener?.lag?.(batch.partition, batch.lag());
    stats.lag = [...lagByPartition.values()].reduce((sum, lag) => sum + lag, 0);
  };

  return {
    start: () => options.consumer.start(handle),
    stats: () => ({ ...stats }),
    async stop() {
      await options.consumer.stop();
      return { ...stats };
    },
    async crash() {
      crashed = true;
      await options.consumer.stop();
      return { ...stats };
    },
  };
}
