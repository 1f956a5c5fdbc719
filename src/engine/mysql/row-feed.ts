// The real row feed: a sale's new rows watched from a worker thread of the run's own
// (row-feed-thread.ts), which takes the time of each look itself. The run's event loop, busy with a
// burst's replies, only hears of the rows later; their times are already taken. Opening it waits
// for the thread's first look, so it is looking before the burst. Costs a thread (about 10 MB) and
// one MySQL connection while a run writes behind.
import { Worker } from 'node:worker_threads';
import type { RowFeed, RowFeedOpener, SeenRow } from '../ports.js';
import { connectionOptions } from './connect.js';
import type { MysqlTarget } from './connect.js';
import { ledgerStatements } from './ledger.js';
import type { FromRowFeedThread, RowFeedThreadData, ToRowFeedThread } from './row-feed-thread.js';

/** The thread's file, built beside this one. */
const THREAD = new URL('./row-feed-thread.js', import.meta.url);

/**
 * Watches rows of `table` (the ledger's) over its own connection to `target`. `thread` is the
 * thread's built file (tests running this file from source point it into dist/).
 */
export function mysqlRowFeed(target: MysqlTarget, table: string, thread: URL = THREAD): RowFeedOpener {
  return async ({ sale, afterId, everyMs, seen }): Promise<RowFeed> => {
    const data: RowFeedThreadData = {
      connection: { ...connectionOptions(target), database: target.database },
      sql: ledgerStatements({ name: table, idempotent: true }).rowsSince,
      sale,
      afterId,
      everyMs,
    };
    const worker = new Worker(thread, { workerData: data });
    // It never keeps the process alive: a run that ends without closing it still exits.
    worker.unref();
    const asked = new Map<number, { resolve(): void; reject(error: Error): void }>();
    let nextLook = 0;
    let gone: Error | undefined;
    let markClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    let markReady!: () => void;
    let failReady!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    const fail = (error: Error) => {
      gone ??= error;
      failReady(error);
      for (const { reject } of asked.values()) reject(error);
      asked.clear();
      markClosed();
    };
    worker.on('message', (message: FromRowFeedThread) => {
      if ('ready' in message) markReady();
      else if ('rows' in message) {
        const rows: SeenRow[] = message.rows.map(([id, userId]) => ({ id, userId }));
        // The look's time, as this thread's performance.now() (the real clock's) counts it.
        seen(rows, (message.atMs - performance.timeOrigin) * 1000);
      } else if ('looked' in message) {
        const waiter = asked.get(message.looked);
        asked.delete(message.looked);
        if (message.failed === undefined) waiter?.resolve();
        else waiter?.reject(new Error(message.failed));
      } else markClosed();
    });
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the row feed thread has ended')));
    const send = (message: ToRowFeedThread) => worker.postMessage(message);
    await ready;
    return {
      look: () =>
        new Promise<void>((resolve, reject) => {
          if (gone !== undefined) return reject(gone);
          const look = nextLook++;
          asked.set(look, { resolve, reject });
          send({ look });
        }),
      async close() {
        if (gone === undefined) send({ close: true });
        await closed;
        await worker.terminate();
      },
    };
  };
}
