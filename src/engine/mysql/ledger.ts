// The real Ledger: the purchases table through a bounded mysql2 pool. One plain INSERT per purchase
// (the original's synchronous write); the UNIQUE(user_id, ticket_name) key turns a repeat into
// `duplicate`. Every other failure is thrown untouched, so a run can group errors by their code
// (ER_CON_COUNT_ERROR "Too many connections", ETIMEDOUT, …).
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Ledger, LedgerWrite, PurchaseRow } from '../ports.js';
import { PURCHASES_TABLE } from './tables.js';

const INSERT_PURCHASE = `INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES (?, ?)`;
const SELECT_PURCHASES = `SELECT user_id, COUNT(*) AS n FROM ${PURCHASES_TABLE} WHERE ticket_name = ? GROUP BY user_id`;

/** True for the error MySQL/MariaDB raise when a UNIQUE key refuses a row. */
function isDuplicateEntry(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ER_DUP_ENTRY';
}

interface PurchaseCountRow extends RowDataPacket {
  user_id: string;
  n: number | string;
}

/**
 * Creates the MySQL ledger over `pool` (the caller owns and ends it). The pool's connection limit is
 * the bound on concurrent writes; the sale id is the row's ticket_name.
 */
export function createMysqlLedger(pool: Pool): Ledger {
  return {
    async record(sale, user): Promise<LedgerWrite> {
      try {
        await pool.query(INSERT_PURCHASE, [user, sale]);
        return 'inserted';
      } catch (error) {
        if (isDuplicateEntry(error)) return 'duplicate';
        throw error;
      }
    },

    async purchases(sale): Promise<PurchaseRow[]> {
      const [rows] = await pool.query<PurchaseCountRow[]>(SELECT_PURCHASES, [sale]);
      return rows.map((row) => ({ userId: row.user_id, rows: Number(row.n) }));
    },
  };
}
