// Holds workers back by construction, not by racing them: an open transaction of the test's own
// inserts the rows of some (user, sale) pairs and does not commit. Any other session's INSERT of
// one of those pairs (a worker's multi-row INSERT IGNORE included) then waits on the UNIQUE key's
// lock until the test releases the hold, however fast the machine is. The test can see who waits
// (InnoDB's own transaction list), act while they are stuck mid-write, then let them go on.
import { createConnection } from 'mysql2/promise';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectionOptions } from '../../src/engine/mysql/connect.js';
import { PURCHASES_TABLE } from '../../src/engine/mysql/tables.js';
import { servicesConfig } from './services.js';

/**
 * How often {@link RowHold.untilWaiting} asks the server who waits. InnoDB refreshes the cache
 * behind information_schema.innodb_trx only when nobody read it for 100 ms: asked more often, it
 * keeps answering from the first read.
 */
const POLL_MS = 250;

/** Rows held in an open transaction, and the statements stuck behind them. */
export interface RowHold {
  /**
   * Resolves once at least `count` transactions wait on a lock while writing this sale (the held
   * rows are the only locks on it). Waiters stay stuck until release(), so this is a condition
   * that, once met, stays met; `withinMs` only bounds a test whose workers never arrive.
   */
  untilWaiting(count: number, withinMs?: number): Promise<void>;
  /** Rolls the held rows back (they never existed) and closes the connection: the waiters go on. */
  release(): Promise<void>;
}

/** Holds the purchases rows of `users` in `sale` (see the file header). */
export async function holdRows(sale: string, users: readonly string[]): Promise<RowHold> {
  const target = { ...servicesConfig.mysql, connectTimeoutMs: servicesConfig.connectTimeoutMs };
  const connection: Connection = await createConnection({ ...connectionOptions(target), database: target.database });
  let released = false;
  try {
    await connection.beginTransaction();
    await connection.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ?`, [users.map((user) => [user, sale])]);
  } catch (error) {
    await connection.end();
    throw error;
  }
  /** Other transactions of the server waiting for a lock in a statement that names this sale. */
  const waiting = async (): Promise<number> => {
    const [rows] = await connection.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id <> CONNECTION_ID() AND trx_query LIKE ?",
      [`%'${sale}'%`],
    );
    return Number(rows[0]?.n);
  };
  return {
    async untilWaiting(count, withinMs = 30_000) {
      const deadline = performance.now() + withinMs;
      for (let seen = await waiting(); seen < count; seen = await waiting()) {
        if (performance.now() > deadline) throw new Error(`${seen} of ${count} writers reached the held rows of ${sale} within ${withinMs} ms`);
        await sleep(POLL_MS);
      }
    },
    async release() {
      if (released) return;
      released = true;
      await connection.rollback().finally(() => connection.end());
    },
  };
}
