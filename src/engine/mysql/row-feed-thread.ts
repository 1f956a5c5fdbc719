// The thread of a row feed (row-feed.ts): on a MySQL connection of its own, looks for a sale's new
// rows every few milliseconds and whenever asked, and posts each look's rows with the time the
// look was sent. Being a thread of its own, its looks and their times are not held up by the run's
// event loop, which a burst keeps busy for tens of milliseconds at a time. Looks never overlap.
// It says it is ready once its first look (which opens its connection) is done, so a run can
// start its burst only then: a thread still loading when the burst began first looked a few hundred
// ms in, and every row written before that counted that wait as lag.
import { parentPort, workerData } from 'node:worker_threads';
import { createPool } from 'mysql2/promise';
import type { PoolOptions, RowDataPacket } from 'mysql2/promise';

/** What the thread is started with. */
export interface RowFeedThreadData {
  connection: PoolOptions;
  /** SELECT id, user_id … WHERE id > ? AND ticket_name = ? ORDER BY id (ledgerStatements().rowsSince). */
  sql: string;
  sale: string;
  afterId: number;
  everyMs: number;
}

/** Asked of the thread: a look (numbered), or a last look and an end. */
export type ToRowFeedThread = { look: number } | { close: true };

/**
 * Told by the thread: its first look done (ready), a look's rows (`[id, user]`) and when it was
 * sent (ms since the epoch, as performance.timeOrigin + performance.now()), an asked look done or
 * failed, or the end.
 */
export type FromRowFeedThread =
  | { ready: true }
  | { rows: [number, string][]; atMs: number }
  | { looked: number; failed?: string }
  | { closed: true };

interface IdRow extends RowDataPacket {
  id: number | string;
  user_id: string;
}

const port = parentPort!;
const data = workerData as RowFeedThreadData;
const pool = createPool({ ...data.connection, connectionLimit: 1, maxIdle: 1 });
let cursor = data.afterId;
let looking: Promise<void> = Promise.resolve();
let closing = false;

/** One look, after the one before it. */
const look = (): Promise<void> => {
  const next = looking.then(async () => {
    const atMs = performance.timeOrigin + performance.now();
    const [rows] = await pool.query<IdRow[]>(data.sql, [cursor, data.sale]);
    if (rows.length === 0) return;
    cursor = Number(rows.at(-1)!.id);
    port.postMessage({ rows: rows.map((row) => [Number(row.id), row.user_id]), atMs } satisfies FromRowFeedThread);
  });
  looking = next.catch(() => undefined);
  return next;
};

let timer: NodeJS.Timeout | undefined;
let ready = false;
/** The looks every few ms, the first at once; a failed one only costs resolution. */
const tick = (): void => {
  void look()
    .catch(() => undefined)
    .finally(() => {
      if (!ready) port.postMessage({ ready: (ready = true) } satisfies FromRowFeedThread);
      if (!closing) timer = setTimeout(tick, data.everyMs);
    });
};
tick();

port.on('message', (message: ToRowFeedThread) => {
  if ('look' in message) {
    look().then(
      () => port.postMessage({ looked: message.look } satisfies FromRowFeedThread),
      (error: unknown) => port.postMessage({ looked: message.look, failed: String(error) } satisfies FromRowFeedThread),
    );
    return;
  }
  closing = true;
  clearTimeout(timer);
  void look()
    .catch(() => undefined)
    .then(() => pool.end())
    .catch(() => undefined)
    .then(() => port.postMessage({ closed: true } satisfies FromRowFeedThread));
});
