// The real Ledger: the purchases table through a bounded mysql2 pool. One plain INSERT per purchase
// (the original's synchronous write) or, with `groupRows`, the purchases that queued while every
// connection was busy in one INSERT (insert-groups.ts); one DELETE per cancel; the UNIQUE(user_id, ticket_name) key
// turns a repeat into `duplicate`. Every other failure is thrown untouched, so a run can group errors by their code
// (ER_CON_COUNT_ERROR "Too many connections", ETIMEDOUT, …). Every statement is timed in two
// measured parts, waiting for a pool connection and executing on it, and reported to the observer.
// The `fenced` strategy's writes are guarded by the sale's row in sale_fences (see ledgerStatements).
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Clock, EngineObserver, Ledger, LedgerTable, LedgerWrite, PurchaseRow, SaleId, ServerStatementStats, StatementKind, UserId } from '../ports.js';
import { PURCHASES, SALE_FENCES_TABLE } from './tables.js';
import { timeStatement } from '../statement-timing.js';
import type { Checkout } from '../statement-timing.js';
import { isDuplicateEntry } from './duplicate-entry.js';
import { createInsertGroups } from './insert-groups.js';
import type { GroupRow } from './insert-groups.js';

interface PurchaseCountRow extends RowDataPacket {
  user_id: string;
  n: number | string;
}

interface IdRow extends RowDataPacket {
  id: number | string;
  user_id: string;
}

interface FenceRow extends RowDataPacket {
  token: number | string;
}

interface StatusRow extends RowDataPacket {
  Variable_name: string;
  Value: string;
}

/**
 * The ledger's statements over one table. Every one that reads by sale goes through an index (the
 * UNIQUE key, the index led by ticket_name, or the primary key), never a scan of the table; the
 * integration tests EXPLAIN each.
 *
 * The fenced ones guard a write without an explicit transaction, as two autocommit statements:
 * `advanceFence` raises the sale's fence to the token (GREATEST: never lowered, so afterwards the
 * fence is ≥ the token), then the write happens only while the fence still equals the token.
 * Why that is safe under concurrency: the check and the write are one statement. Under REPEATABLE
 * READ (the default), InnoDB's INSERT … SELECT and multi-table DELETE read the fence row with a
 * shared lock held until they commit, and a newer token's advance needs an exclusive lock on that
 * row. So either the advance commits first, and the check sees the newer token and refuses, or it
 * waits until the write has committed, and everything the newer holder does in MySQL (it always
 * advances first) comes after the older write. Under READ COMMITTED the fence is read without a
 * lock but as the latest committed value at the statement's start: an older write is still refused
 * whenever a newer token was accepted before it. Either way, no write carrying an older token lands
 * after one carrying a newer token was accepted.
 */
export function ledgerStatements({ name, idempotent }: LedgerTable) {
  const table = `\`${name}\``;
  return {
    advanceFence: `INSERT INTO ${SALE_FENCES_TABLE} (ticket_name, token) VALUES (?, ?) ON DUPLICATE KEY UPDATE token = GREATEST(token, VALUES(token))`,
    /** No row selected (the fence moved past the token): nothing inserted, the write is stale. */
    insertFenced: `INSERT INTO ${table} (user_id, ticket_name) SELECT ?, ? FROM ${SALE_FENCES_TABLE} WHERE ticket_name = ? AND token = ?`,
    deleteFenced: `DELETE p FROM ${table} AS p JOIN ${SALE_FENCES_TABLE} AS f ON f.ticket_name = p.ticket_name WHERE p.user_id = ? AND p.ticket_name = ? AND f.token = ?`,
    readFence: `SELECT token FROM ${SALE_FENCES_TABLE} WHERE ticket_name = ?`,
    insert: `INSERT INTO ${table} (user_id, ticket_name) VALUES (?, ?)`,
    /** Concurrent purchases' rows in one statement: all inserted, or none (a duplicate among them). */
    insertGroup: `INSERT INTO ${table} (user_id, ticket_name) VALUES ?`,
    delete: `DELETE FROM ${table} WHERE user_id = ? AND ticket_name = ?`,
    /** Insert-or-skip: the UNIQUE key turns a row already there into a skip (a warning, not an error). */
    insertMany: `INSERT ${idempotent ? 'IGNORE ' : ''}INTO ${table} (user_id, ticket_name) VALUES ?`,
    deleteMany: `DELETE FROM ${table} WHERE ticket_name = ? AND user_id IN (?)`,
    /** By primary key from a known id on: a range over the newest rows, whatever the table's size. */
    rowsSince: `SELECT id, user_id FROM ${table} WHERE id > ? AND ticket_name = ? ORDER BY id LIMIT 10000`,
    lastRowId: `SELECT MAX(id) AS id FROM ${table}`,
    purchases: `SELECT user_id, COUNT(*) AS n FROM ${table} WHERE ticket_name = ? GROUP BY user_id`,
  };
}

const SESSION_COUNTERS = `SHOW SESSION STATUS WHERE Variable_name IN ('Com_insert', 'Com_delete', 'Slow_queries')`;

/** Options of the MySQL ledger. */
export interface MysqlLedgerOptions {
  /** The table written (default: the seed's purchases, insert-or-skip). */
  table?: LedgerTable;
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
  /**
   * Most purchases one INSERT carries (insert-groups.ts): concurrent purchases share a statement
   * while every connection is busy. 1 (the default): one INSERT per purchase, as the original.
   */
  groupRows?: number;
}

/**
 * Creates the MySQL ledger over `pool` (the caller owns and ends it). The pool's connection limit is
 * the bound on concurrent writes; the sale id is the row's ticket_name.
 */
export function createMysqlLedger(pool: Pool, options: MysqlLedgerOptions): Ledger {
  const { clock, observer } = options;
  const sql = ledgerStatements(options.table ?? PURCHASES);

  const checkout: Checkout<PoolConnection> = { take: () => pool.getConnection(), give: (connection) => connection.release() };
  /** Runs one statement on a pool connection, timing the wait for it and the execution apart. */
  const timed = <T>(kind: StatementKind, run: (connection: PoolConnection) => Promise<T>, sinceUs?: number): Promise<T> =>
    timeStatement(clock, observer, kind, checkout, run, sinceUs);

  /** One INSERT of one purchase; a refused duplicate is a normal reply, the statement itself went fine. */
  const insertOne = (sale: SaleId, user: UserId): Promise<LedgerWrite> =>
    timed('insert', (connection) =>
      connection.query(sql.insert, [user, sale]).then(
        (): LedgerWrite => 'inserted',
        (error: unknown): LedgerWrite => {
          if (isDuplicateEntry(error)) return 'duplicate';
          throw error;
        },
      ),
    );
  /** One INSERT of a group's rows; a duplicate among them is thrown for insert-groups.ts to split the group. */
  const sendGroup = async (rows: readonly GroupRow[], sinceUs: number): Promise<void> => {
    const [only] = rows;
    if (rows.length === 1 && only !== undefined) {
      await timed('insert', (connection) => connection.query(sql.insert, [only.user, only.sale]), sinceUs);
      return;
    }
    await timed('insert-many', (connection) => connection.query(sql.insertGroup, [rows.map((row) => [row.user, row.sale])]), sinceUs);
  };
  const groupRows = options.groupRows ?? 1;
  const record = groupRows > 1 ? createInsertGroups({ maxRows: groupRows, slots: options.poolSize, clock, send: sendGroup }) : insertOne;

  return {
    record,

    async remove(sale, user): Promise<boolean> {
      const [header] = await timed('delete', (connection) => connection.query<ResultSetHeader>(sql.delete, [user, sale]));
      return header.affectedRows > 0;
    },

    recordFenced(sale, user, token) {
      // Two statements on one connection, timed as the one 'insert' they stand for.
      return timed('insert', async (connection): Promise<LedgerWrite | 'stale'> => {
        await connection.query(sql.advanceFence, [sale, token]);
        try {
          const [header] = await connection.query<ResultSetHeader>(sql.insertFenced, [user, sale, sale, token]);
          return header.affectedRows > 0 ? 'inserted' : 'stale';
        } catch (error) {
          // Only reachable while the token is the newest: a stale write selects no row to insert.
          if (isDuplicateEntry(error)) return 'duplicate';
          throw error;
        }
      });
    },

    removeFenced(sale, user, token) {
      return timed('delete', async (connection): Promise<boolean | 'stale'> => {
        await connection.query(sql.advanceFence, [sale, token]);
        const [header] = await connection.query<ResultSetHeader>(sql.deleteFenced, [user, sale, token]);
        if (header.affectedRows > 0) return true;
        // Nothing went: no row, or the fence had moved past the token. Reading it now may also see a
        // newer token that arrived after the DELETE: then `stale` only costs the caller a retry.
        const [rows] = await connection.query<FenceRow[]>(sql.readFence, [sale]);
        return Number(rows[0]?.token ?? token) > token ? 'stale' : false;
      });
    },

    async recordMany(sale, users) {
      if (users.length === 0) return { inserted: 0, skipped: 0 };
      const rows = users.map((user) => [user, sale]);
      const [header] = await timed('insert-many', (connection) => connection.query<ResultSetHeader>(sql.insertMany, [rows]));
      return { inserted: header.affectedRows, skipped: users.length - header.affectedRows };
    },

    async removeMany(sale, users) {
      if (users.length === 0) return { deleted: 0, absent: 0 };
      const [header] = await timed('delete-many', (connection) => connection.query<ResultSetHeader>(sql.deleteMany, [sale, users]));
      return { deleted: header.affectedRows, absent: users.length - header.affectedRows };
    },

    async rowsSince(sale, afterId) {
      // Untimed: watching rows appear is measurement, not the workload's SQL.
      const [rows] = await pool.query<IdRow[]>(sql.rowsSince, [afterId, sale]);
      return rows.map((row) => ({ id: Number(row.id), userId: row.user_id }));
    },

    async lastRowId() {
      const [rows] = await pool.query<(RowDataPacket & { id: number | string | null })[]>(sql.lastRowId);
      return Number(rows[0]?.id ?? 0);
    },

    async purchases(sale): Promise<PurchaseRow[]> {
      const [rows] = await timed('select', (connection) => connection.query<PurchaseCountRow[]>(sql.purchases, [sale]));
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
