// Test fixtures of the worker (not built): a consumer that hands a worker one batch of events on
// partition 0, tracing what the worker reports and commits, and a ledger whose statements wait
// until the test finishes them, so an interleaving happens by construction, not by timing.
import { encodeEvent } from '../engine/events.js';
import type { Ledger, LogConsumer, SaleEvent } from '../engine/ports.js';
import { createWorker } from './worker.js';
import type { Worker } from './worker.js';

/**
 * A worker (chunks of 2) over a consumer that hands over one batch of `events` on partition 0,
 * tracing what is reported and committed, with `behind` records of the partition not yet fetched;
 * `ledger` gets the worker to act on it. `handled` is the batch's handling once the worker started.
 */
export function oneBatch(events: SaleEvent[], trace: string[], ledger: (worker: () => Worker) => Partial<Ledger>, writesInFlight = 1, behind = 0) {
  const records = events.map((event, i) => ({ partition: 0, offset: String(i), ...encodeEvent(event) }));
  let stopped = false;
  let handled: Promise<void> = Promise.resolve();
  const consumer: LogConsumer = {
    async start(handle) {
      handled = handle({
        topic: 't',
        partition: 0,
        records,
        lag: () => behind,
        commit: async (offset) => void trace.push(`commit ${offset}`),
        heartbeat: async () => undefined,
        active: () => !stopped,
      });
      await handled;
    },
    async stop() {
      stopped = true;
      await handled;
    },
  };
  const deadLetters = { send: async () => undefined, close: async () => undefined };
  const worker: Worker = createWorker({
    topic: 't',
    consumer,
    ledger: ledger(() => worker) as Ledger,
    deadLetters,
    batchSize: 2,
    writesInFlight,
    // Every commit sent once due at once: the traces then follow the writes, not the clock.
    commitEveryMs: 0,
    onWritten: (stats) => trace.push(`reported ${stats.delivered}`),
  });
  return { worker, handled: () => handled };
}

/** A statement sent and not yet finished. */
export interface HeldStatement {
  finish(): void;
  fail(error: Error): void;
}

/**
 * A ledger whose batch inserts and deletes each wait until the test finishes (or fails) them, in
 * any order; each is traced when sent (`insert user-0,user-1`), and `sent(n)` resolves once n were.
 */
export function heldLedger(trace: string[]) {
  const held: HeldStatement[] = [];
  const waiting: { count: number; resolve(): void }[] = [];
  const hold = <T>(what: string, done: T) =>
    new Promise<T>((resolve, reject) => {
      trace.push(what);
      held.push({ finish: () => resolve(done), fail: reject });
      for (const waiter of waiting.filter(({ count }) => held.length >= count)) waiter.resolve();
    });
  const ledger: Partial<Ledger> = {
    recordMany: (_sale, users) => hold(`insert ${users.join(',')}`, { inserted: users.length, skipped: 0 }),
    removeMany: (_sale, users) => hold(`delete ${users.join(',')}`, { deleted: users.length, absent: 0 }),
  };
  const sent = (count: number) => new Promise<void>((resolve) => (held.length >= count ? resolve() : waiting.push({ count, resolve })));
  return { ledger, held, sent };
}

/** Lets every promise chain that can move on without I/O or timers do so. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
