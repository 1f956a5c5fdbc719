// The MySQL side: the purchases table (or the table a run writes instead), what a write did, what
// the checks read back, and how each statement was timed, by ticketsim and by the server.
import type { SaleId, UserId } from './sale.js';

/**
 * The table a ledger writes, and whether its batch insert skips rows the UNIQUE key already holds.
 * Only the selftest's planted non-idempotent worker writes anything but the purchases table.
 */
export interface LedgerTable {
  name: string;
  /** true: INSERT IGNORE against UNIQUE(user_id, ticket_name); false: plain INSERT, no unique key. */
  idempotent: boolean;
}

/** What a ledger insert did. `duplicate` means the UNIQUE(user_id, ticket_name) key held it off. */
export type LedgerWrite = 'inserted' | 'duplicate';

/** One purchases row as the checks see it. */
export interface PurchaseRow {
  userId: UserId;
  /** How many rows this user has for the sale (more than 1 would be a double sale). */
  rows: number;
}

/**
 * What the database server itself counted for the ledger's statements, read from its own
 * sessions (not from ticketsim's timers), to confirm or contradict the client-side timings.
 */
export interface ServerStatementStats {
  /** Where the figures come from, e.g. `SHOW SESSION STATUS of 10 pool sessions`. */
  source: string;
  /** Data-changing statements the server executed (Com_insert + Com_delete), summed over sessions. */
  writes: number;
  /** Statements the server itself found slower than `thresholdMs` (Slow_queries), execution only. */
  slow: number;
  thresholdMs: number;
  /** How many sessions were read; a session that died during the run took its counters with it. */
  sessions: number;
}

/** The MySQL side: the purchases table, through a bounded connection pool. */
export interface Ledger {
  /** Inserts one purchase synchronously. Infrastructure failures throw. */
  record(sale: SaleId, user: UserId): Promise<LedgerWrite>;
  /**
   * Deletes the user's purchase of the sale (`DELETE … WHERE user_id = ? AND ticket_name = ?`);
   * true when a row went, false when there was none (the seed's repository: (bool, error)).
   */
  remove(sale: SaleId, user: UserId): Promise<boolean>;
  /**
   * Inserts many purchases of one sale in one statement, skipping those the UNIQUE key already
   * holds (insert-or-skip): the write-behind worker's batch write.
   */
  recordMany(sale: SaleId, users: readonly UserId[]): Promise<{ inserted: number; skipped: number }>;
  /** Deletes many users' purchases of one sale in one statement; `absent`: nothing was there. */
  removeMany(sale: SaleId, users: readonly UserId[]): Promise<{ deleted: number; absent: number }>;
  /**
   * fenced: inserts one purchase only while `token` is the newest the sale's MySQL-side fence has
   * accepted (a newer one already accepted: `stale`, nothing written).
   */
  recordFenced(sale: SaleId, user: UserId, token: number): Promise<LedgerWrite | 'stale'>;
  /** fenced: deletes the user's purchase under the same guard; true when a row went. */
  removeFenced(sale: SaleId, user: UserId, token: number): Promise<boolean | 'stale'>;
  /** Every buyer of the sale with their row count, read from the table itself. */
  purchases(sale: SaleId): Promise<PurchaseRow[]>;
  /** Rows of the sale inserted after row `afterId`, oldest first (for watching rows appear). */
  rowsSince(sale: SaleId, afterId: number): Promise<{ id: number; userId: UserId }[]>;
  /** The newest row id of the whole table (0 when empty): where watching for new rows starts. */
  lastRowId(): Promise<number>;
  /** The server's own count of this ledger's statements (undefined when it cannot tell). */
  serverStats(): Promise<ServerStatementStats | undefined>;
}

/** Kinds of SQL statement the ledger runs. */
export type StatementKind = 'insert' | 'delete' | 'select' | 'insert-many' | 'delete-many';

/** One SQL statement as the ledger timed it, in µs of the infrastructure's clock. */
export interface StatementTiming {
  kind: StatementKind;
  /** When the ledger was asked to run it. */
  startUs: number;
  /** Waiting for a pool connection (measured: from the request to the connection in hand). */
  waitUs: number;
  /** Executing on the connection (measured: from sending the statement to its reply). */
  execUs: number;
  /** False when it failed (the failure is also thrown to the caller). */
  ok: boolean;
}
