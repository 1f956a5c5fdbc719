// Groups the synchronous INSERTs of concurrent purchases into multi-row statements, the way the
// write-behind worker batches its rows (a group commit): while every statement slot is busy,
// purchases queue; a freed slot takes what queued (at most `maxRows`) as one INSERT, so one
// transaction and one flush of the redo log serve many purchases instead of one each. A purchase
// that finds a slot free waits only for the turn of the event loop it arrived in. Each purchase
// still gets its own answer: a multi-row INSERT that meets a duplicate inserts nothing (InnoDB undoes
// a failed statement whole), so that group is split in halves and each half sent again, until the
// duplicate stands alone; any other failure is every purchase's of the group.
import type { Clock, LedgerWrite, SaleId, UserId } from '../ports.js';
import { isDuplicateEntry } from './duplicate-entry.js';

/** One purchase's row. */
export interface GroupRow {
  sale: SaleId;
  user: UserId;
}

/** How groups are sent and how many at once. */
export interface InsertGroupsOptions {
  /** Most rows one statement carries. */
  maxRows: number;
  /** Statements in flight at once (the pool's size: more would only wait for a connection). */
  slots: number;
  clock: Clock;
  /** Sends one INSERT of `rows` (a single-row statement for one); `sinceUs`: when its first row queued. */
  send(rows: readonly GroupRow[], sinceUs: number): Promise<void>;
}

interface Pending extends GroupRow {
  queuedUs: number;
  resolve(write: LedgerWrite): void;
  reject(error: unknown): void;
}

/** Returns `record(sale, user)`: the purchase's row inserted within a group, or `duplicate`. */
export function createInsertGroups({ maxRows, slots, clock, send }: InsertGroupsOptions): (sale: SaleId, user: UserId) => Promise<LedgerWrite> {
  const queue: Pending[] = [];
  let busy = 0;
  let flushQueued = false;

  /** Sends `group`, answering each of its purchases. */
  async function settle(group: Pending[]): Promise<void> {
    try {
      await send(group, group[0]!.queuedUs);
      for (const pending of group) pending.resolve('inserted');
    } catch (error) {
      if (!isDuplicateEntry(error)) {
        for (const pending of group) pending.reject(error);
      } else if (group.length === 1) {
        group[0]!.resolve('duplicate');
      } else {
        const half = Math.ceil(group.length / 2);
        await settle(group.slice(0, half));
        await settle(group.slice(half));
      }
    }
  }

  /** Hands what queued to the free slots, spread evenly over them. */
  function flush(): void {
    flushQueued = false;
    while (busy < slots && queue.length > 0) {
      const rows = Math.min(maxRows, Math.ceil(queue.length / (slots - busy)));
      busy++;
      void settle(queue.splice(0, rows)).finally(() => {
        busy--;
        flush();
      });
    }
  }

  return (sale, user) =>
    new Promise<LedgerWrite>((resolve, reject) => {
      queue.push({ sale, user, queuedUs: clock.nowUs(), resolve, reject });
      if (flushQueued) return;
      flushQueued = true;
      // Purchases that arrive in the same turn of the event loop go out together.
      process.nextTick(flush);
    });
}
