// The real Ledger: the purchases table through a bounded mysql2 pool. One plain INSERT per purchase
// (the original's synchronous write), one DELETE per cancel; the UNIQUE(user_id, ticket_name) key
// turns a repeat into `duplicate`. Every other failure is thrown untouched, so a run can group errors by their code
// (ER_CON_COUNT_ERROR "Too many connections", ETIMEDOUT, …). Every statement is timed in two
// measured parts, waiting for a pool connection and executing on it, and reported to the observer.
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Clock, EngineObserver, Ledger, LedgerWrite, PurchaseRow, ServerStatementStats, StatementKind } from '../ports.js';
import { PURCHASES_TABLE } from './tables.js';
import { timeStatement } from '../statement-timing.js';
import type { Checkout } from '../statement-timing.js';

const INSERT_PURCHASE = `INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES (?, ?)`;
const DELETE_PURCHASE = `DELETE FROM ${PURCHASES_TABLE} WHERE user_id = ? AND ticket_name = ?`;
/** Insert-or-skip: the UNIQUE key turns a row already there into a skip (a warning, not an error). */
const INSERT_PURCHASES_OR_SKIP = `INSERT IGNORE INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ?`;
const DELETE_PURCHASES = `DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ? AND user_id IN (?)`;
/** By primary key from a known id on: a range over the newest rows, whatever the table's size. */
const SELECT_ROWS_SINCE = `SELECT id, user_id FROM ${PURCHASES_TABLE} WHERE id > ? AND ticket_name = ? ORDER BY id LIMIT 10000`;
const SELECT_PURCHASES = `SELECT user_id, COUNT(*) AS n FROM ${PURCHASES_TABLE} WHERE ticket_name = ? GROUP BY user_id`;
const SESSION_COUNTERS = `SHOW SESSION STATUS WHERE Variable_name IN ('Com_insert', 'Com_delete', 'Slow_queries')`;

/** True for the error MySQL/MariaDB raise when a UNIQUE key refuses a row. */
function isDuplicateEntry(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ER_DUP_ENTRY';
}

interface PurchaseCountRow extends RowDataPacket {
  user_id: string;
  n: number | string;
}

interface IdRow extends RowDataPacket {
  id: number | string;
  user_id: string;
}

interface StatusRow extends RowDataPacket {
  Variable_name: string;
  Value: string;
}

/** Options of the MySQL ledger. */
export interface MysqlLedgerOptions {
  /** The clock statements are timed on. */
  clock: Clock;
  /** Told about every statement (pool wait and execution). */
  observer?: EngineObserver;
  /** The pool's size: how many sessions serverStats() reads. */
  poolSize: number;
  /**
   * The session `long_query_time` the pool's connections were given (see connectMysql), in ms;
   * serverStats() reports the server's Slow_queries against it. Undefined: no server-side count.
   */
  sessionLongQueryMs?: number;
}

/**
 * Creates the MySQL ledger over `pool` (the caller owns and ends it). The pool's connection limit is
 * the bound on concurrent writes; the sale id is the row's ticket_name.
 */
export function createMysqlLedger(pool: Pool, options: MysqlLedgerOptions): Ledger {
  const { clock, observer } = options;

  const checkout: Checkout<PoolConnection> = { take: () => pool.getConnection(), give: (connection) => connection.release() };
  /** Runs one statement on a pool connection, timing the wait for it and the execution apart. */
  const timed = <T>(kind: StatementKind, run: (connection: PoolConnection) => Promise<T>): Promise<T> =>
    timeStatement(clock, observer, kind, checkout, run);

  return {
    record(sale, user): Promise<LedgerWrite> {
      // A refused duplicate is a normal reply from the server: the statement itself went fine.
      return timed('insert', (connection) =>
        connection.query(INSERT_PURCHASE, [user, sale]).then(
          (): LedgerWrite => 'inserted',
          (error: unknown): LedgerWrite => {
            if (isDuplicateEntry(error)) return 'duplicate';
            throw error;
          },
        ),
      );
    },

    async remove(sale, user): Promise<boolean> {
      const [header] = await timed('delete', (connection) => connection.query<ResultSetHeader>(DELETE_PURCHASE, [user, sale]));
      return header.affectedRows > 0;
    },

    async recordMany(sale, users) {
      if (users.length === 0) return { inserted: 0, skipped: 0 };
      const rows = users.map((user) => [user, sale]);
      const [header] = await timed('insert-many', (connection) => connection.query<ResultSetHeader>(INSERT_PURCHASES_OR_SKIP, [rows]));
      return { inserted: header.affectedRows, skipped: users.length - header.affectedRows };
    },

    async removeMany(sale, users) {
      if (users.length === 0) return { deleted: 0, absent: 0 };
      const [header] = await timed('delete-many', (connection) => connection.query<ResultSetHeader>(DELETE_PURCHASES, [sale, users]));
      return { deleted: header.affectedRows, absent: users.length - header.affectedRows };
    },

    async rowsSince(sale, afterId) {
      // Untimed: watching rows appear is measurement, not the workload's SQL.
      const [rows] = await pool.query<IdRow[]>(SELECT_ROWS_SINCE, [afterId, sale]);
      return rows.map((row) => ({ id: Number(row.id), userId: row.user_id }));
    },

    async lastRowId() {
      const [rows] = await pool.query<(RowDataPacket & { id: number | string | null })[]>(`SELECT MAX(id) AS id FROM ${PURCHASES_TABLE}`);
      return Number(rows[0]?.id ?? 0);
    },

    async purchases(sale): Promise<PurchaseRow[]> {
      const [rows] = await timed('select', (connection) => connection.query<PurchaseCountRow[]>(SELECT_PURCHASES, [sale]));
      return rows.map((row) => ({ userId: row.user_id, rows: Number(row.n) }));
    },

    async serverStats(): Promise<ServerStatementStats | undefined> {
      const thresholdMs = options.sessionLongQueryMs;
      if (thresholdMs === undefined) return undefined;
      // Hold every pool connection at once, so each session is read exactly once.
      const held = await Promise.allSettled(Array.from({ length: options.poolSize }, () => pool.getConnection()));
      const connections = held.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
      if (connections.length === 0) return undefined;
      try {
        const counters = await Promise.all(connections.map((connection) => connection.query<StatusRow[]>(SESSION_COUNTERS)));
        let writes = 0;
        let slow = 0;
        for (const [rows] of counters) {
          for (const row of rows) {
            if (row.Variable_name === 'Slow_queries') slow += Number(row.Value);
            else writes += Number(row.Value);
          }
        }
        return {
          source: `SHOW SESSION STATUS (Com_insert + Com_delete, Slow_queries) of ${connections.length} pool sessions, session long_query_time ${thresholdMs / 1000} s`,
          writes,
          slow,
          thresholdMs,
          sessions: connections.length,
        };
      } finally {
        for (const connection of connections) connection.release();
      }
    },
  };
}
