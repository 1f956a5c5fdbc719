// The write-behind worker (v4.5): a member of a consumer group that turns sale events into MySQL
// rows. A fetched batch is cut into chunks of at most `batchSize` records (chunk.ts: dead letters,
// then one statement per run of purchases or cancels). Chunks are written in log order; with a
// backlog of at least `writesInFlight` chunks (the batch and the records behind it), up to that many
// at once while they hold purchases only (any other chunk waits for those before it, and those after
// it wait for it). Each is folded into the stats once it and every chunk before it are written
// (never half a chunk), then its offsets committed (offset-committer.ts: behind the writes, one
// commit out at a time, paced). A batch returns only once none of its statements is still running.
// A crash between a write and its commit redelivers the chunk, which the UNIQUE key and the
// idempotent DELETE make harmless (at least once); crash() models one in process. With `retry`, a
// write that fails because MySQL or Kafka is away is tried again until it goes through, while the
// batch is still the worker's (write-retry.ts); without, the failure ends the batch uncommitted.
import type { DeadLetters, Ledger, LogBatch, LogConsumer } from '../engine/ports.js';
import type { WorkerFigures } from '../engine/ports.js';
import { emptyWorkerFigures, sumWorkerFigures } from '../worker-figures.js';
import { decodeChunk, writeChunk } from './chunk.js';
import type { Chunk } from './chunk.js';
import { createOffsetCommitter } from './offset-committer.js';
import type { WorkerService, WriteRetry } from './write-retry.js';

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
   * Chunks of purchases written at once, each on a connection of its own, while the worker has a
   * backlog of at least that many chunks; with less, one at a time (a burst's first rows land
   * sooner alone than beside others). 1: one chunk at a time, its commit done before the next
   * chunk is written.
   */
  writesInFlight: number;
  /** Least time between two commits of a batch (default COMMIT_EVERY_MS); its last is sent at its end. */
  commitEveryMs?: number;
  /**
   * Told the stats after each chunk's write, before its commit: a process reports them here, so a
   * chunk that was committed was always reported (one reported but not committed comes again).
   */
  onWritten?(stats: WorkerStats): void;
  /** Hears each commit (a metrics exporter). */
  listener?: WorkerListener;
  /** Tries failed writes again (a worker process); without it, a failed write fails the batch. */
  retry?: WriteRetry;
}

/** Hears a worker as it goes; hooks are synchronous and must not throw. */
export interface WorkerListener {
  /** A chunk's offsets were committed, after `us` µs of waiting for the commit. */
  committed?(partition: number, us: number): void;
}

/** A running worker: start it, read its stats, stop it (the batch in progress finishes first). */
export interface Worker {
  start(): Promise<void>;
  /** The figures of every chunk written so far (a chunk counts once its write is done). */
  stats(): WorkerStats;
  /** Records fetched and not yet written (a batch in progress, e.g. waiting for MySQL). */
  held(): number;
  stop(): Promise<WorkerStats>;
  /**
   * Stops abruptly, as a killed process would: no statement is sent after this, the chunks in
   * progress are not committed (they may have been written in part or whole) and the member leaves
   * the group, so its partitions resume from the committed offsets elsewhere. Resolves with the
   * figures of the chunks it completed.
   */
  crash(): Promise<WorkerStats>;
}

/** A chunk on its way to MySQL. */
interface Pending {
  chunk: Chunk;
  /** Its figures once written; undefined when a crash cut it short. */
  written: Promise<WorkerFigures | undefined>;
}

/** Creates a worker over a consumer, the ledger and the dead-letter topic. */
export function createWorker(options: WorkerOptions): Worker {
  const { writesInFlight } = options;
  let stats = emptyWorkerFigures();
  let crashed = false;
  /** Per partition, the records of its batch in progress not yet written. */
  const held = new Map<number, number>();

  const handle = async (batch: LogBatch): Promise<void> => {
    const { records } = batch;
    const scope = { active: () => batch.active() && !crashed, heartbeat: () => batch.heartbeat() };
    const deps = {
      topic: options.topic,
      ledger: options.ledger,
      deadLetters: options.deadLetters,
      crashed: () => crashed,
      write: <T>(service: WorkerService, send: () => Promise<T>): Promise<T> => (options.retry === undefined ? send() : options.retry.attempt(service, send, scope)),
    };
    const committer = createOffsetCommitter(
      (offset) => batch.commit(offset),
      (us) => {
        options.listener?.committed?.(batch.partition, us);
        stats.commits++;
      },
      options.commitEveryMs,
    );
    /** Chunks being written or written, not yet folded, in log order. */
    const pending: Pending[] = [];
    /**
     * Folds the oldest pending chunk into the stats once written, then commits it. False once a
     * crash stopped the batch: a chunk written whole still counts, none is committed.
     */
    const foldOldest = async (): Promise<boolean> => {
      const { chunk, written } = pending.shift()!;
      const figures = await written;
      held.set(batch.partition, held.get(batch.partition)! - chunk.delivered);
      if (figures !== undefined) {
        stats = sumWorkerFigures([stats, figures]);
        options.onWritten?.({ ...stats });
      }
      // A crash after the write and before the commit: the chunk comes again to another member.
      if (crashed) return false;
      // Only now is the chunk, and every one before it, durable in MySQL: commit it (at least once).
      committer.commit(chunk.lastOffset);
      if (writesInFlight === 1) await committer.flush();
      await batch.heartbeat();
      return true;
    };
    // Writing ahead pays with a backlog: MySQL takes one chunk while the worker readies the next.
    // Under a burst, statements side by side only slow each other (they insert on the same pages).
    const ahead = records.length + batch.lag() >= writesInFlight * options.batchSize ? writesInFlight : 1;
    /** Whether `chunk` must wait for the oldest pending chunk before it is written. */
    const mustWait = (chunk: Chunk): boolean =>
      pending.length >= ahead || (pending.length > 0 && (!chunk.purchasesOnly || !pending[0]!.chunk.purchasesOnly));
    held.set(batch.partition, records.length);
    try {
      for (let from = 0; from < records.length && batch.active() && !crashed; from += options.batchSize) {
        committer.throwIfFailed();
        const chunk = decodeChunk(records.slice(from, from + options.batchSize));
        while (mustWait(chunk) && (await foldOldest()));
        if (crashed) break;
        const written = writeChunk(chunk, deps);
        // Awaited in turn; until then, a failure must not count as unhandled.
        written.catch(() => undefined);
        pending.push({ chunk, written });
      }
      while (pending.length > 0) await foldOldest();
      if (crashed) return;
      await committer.flush();
    } finally {
      // Never return with a statement still running: the partition may go to another member next.
      await Promise.allSettled(pending.map(({ written }) => written));
      held.delete(batch.partition);
    }
  };

  return {
    start: () => options.consumer.start(handle),
    stats: () => ({ ...stats }),
    held: () => [...held.values()].reduce((sum, records) => sum + records, 0),
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
