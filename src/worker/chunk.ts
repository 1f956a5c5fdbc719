// One chunk of a fetched batch (at most --batch-size records of one partition, in log order): its
// records decoded, and its write: malformed records to the dead-letter topic with their reason,
// then the rest in order, each run of consecutive purchases of one sale as one multi-row
// insert-or-skip and each run of cancels as one DELETE. A chunk of purchases only may be written
// beside another such chunk: inserts-or-skip of the same sale commute, whatever their order.
// Each statement and dead letter goes through `write`, which may try it again (write-retry.ts).
import { decodeEvent } from '../engine/events.js';
import type { DeadLetters, Ledger, LogRecord, SaleEvent, WorkerFigures } from '../engine/ports.js';
import { emptyWorkerFigures } from '../worker-figures.js';
import type { WorkerService } from './write-retry.js';

/** A chunk, decoded. */
export interface Chunk {
  /** Offset of its last record: what committing it commits up to. */
  lastOffset: string;
  delivered: number;
  events: SaleEvent[];
  malformed: { record: LogRecord; reason: string }[];
  /** Only purchases, nothing malformed: may be written while other such chunks are. */
  purchasesOnly: boolean;
}

/** Consecutive events of one type and one sale: one statement. */
interface Run {
  type: SaleEvent['type'];
  sale: string;
  users: string[];
}

/** What writing a chunk needs. */
export interface ChunkWriteDeps {
  topic: string;
  ledger: Ledger;
  deadLetters: DeadLetters;
  /** True once the worker crashed: no statement or dead letter is sent after that. */
  crashed(): boolean;
  /** Sends one statement (MySQL) or dead letter (Kafka): at once, or until it goes through. */
  write<T>(service: WorkerService, send: () => Promise<T>): Promise<T>;
}

/** Decodes `records` (non-empty, in log order) into a chunk. */
export function decodeChunk(records: readonly LogRecord[]): Chunk {
  const events: SaleEvent[] = [];
  const malformed: Chunk['malformed'] = [];
  for (const record of records) {
    const decoded = decodeEvent(record);
    if ('event' in decoded) events.push(decoded.event);
    else malformed.push({ record, reason: decoded.malformed });
  }
  return {
    lastOffset: records.at(-1)!.offset,
    delivered: records.length,
    events,
    malformed,
    purchasesOnly: malformed.length === 0 && events.every((event) => event.type === 'purchased'),
  };
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

/**
 * Writes a chunk: dead letters first (they touch no row), then the runs in order. Resolves with the
 * chunk's figures, or undefined when a crash cut it short (nothing of it counts then).
 */
export async function writeChunk(chunk: Chunk, deps: ChunkWriteDeps): Promise<WorkerFigures | undefined> {
  const figures = { ...emptyWorkerFigures(), delivered: chunk.delivered };
  for (const { record, reason } of chunk.malformed) {
    if (deps.crashed()) return undefined;
    await deps.write('kafka', () => deps.deadLetters.send(record, reason, deps.topic));
    figures.deadLettered++;
  }
  for (const run of runsOf(chunk.events)) {
    if (deps.crashed()) return undefined;
    figures.statements++;
    if (run.type === 'purchased') {
      const { inserted, skipped } = await deps.write('mysql', () => deps.ledger.recordMany(run.sale, run.users));
      figures.inserted += inserted;
      figures.skipped += skipped;
    } else {
      const { deleted, absent } = await deps.write('mysql', () => deps.ledger.removeMany(run.sale, run.users));
      figures.deleted += deleted;
      figures.absent += absent;
    }
  }
  return figures;
}
