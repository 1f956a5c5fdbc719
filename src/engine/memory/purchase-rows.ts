// The rows of the in-process purchases table: per sale, each buyer's row id, and, in the planted
// table without UNIQUE(user_id, ticket_name), the rows a buyer has beyond the first; plus every row
// ever inserted in id order, for watching rows appear. Storage only: purchase-table.ts decides what a
// statement does to them, the ledger how long it takes.
import type { SaleId, UserId } from '../ports.js';

/** A row as rowsSince lists it. */
export interface RowRef {
  id: number;
  userId: UserId;
}

/** The rows of every sale. */
export interface PurchaseRows {
  /**
   * Per sale, each buyer's first row id. Deleting a buyer here deletes every row they have: the
   * rows beyond the first count only while the first is there.
   */
  readonly tables: Map<SaleId, Map<UserId, number>>;
  /** The sale's buyers (created empty on first use). */
  tableOf(sale: SaleId): Map<UserId, number>;
  /** Adds a row for `user` under the next id: the first, or (no UNIQUE key) one more. */
  insertRow(sale: SaleId, table: Map<UserId, number>, user: UserId): void;
  /** How many rows `user` has in the sale (0 or 1, with the UNIQUE key). */
  countOf(sale: SaleId, user: UserId): number;
  /** Rows of the sale inserted after row `afterId` and still there, oldest first. */
  since(sale: SaleId, afterId: number): RowRef[];
  /** The highest row id ever given. */
  lastRowId(): number;
}

const NO_ROWS: readonly number[] = [];

/** Creates an empty purchases table. */
export function createPurchaseRows(): PurchaseRows {
  const tables = new Map<SaleId, Map<UserId, number>>();
  /** Without the UNIQUE key: per sale, a buyer's rows after the first (they go with the first). */
  const extraRows = new Map<SaleId, Map<UserId, number[]>>();
  /** Per sale, every row ever inserted in id order (deleted ones too): what since() searches. */
  const insertLogs = new Map<SaleId, RowRef[]>();
  let lastRowId = 0;

  const extrasOf = (sale: SaleId, user: UserId): readonly number[] =>
    (tables.get(sale)?.has(user) ? extraRows.get(sale)?.get(user) : undefined) ?? NO_ROWS;

  return {
    tables,

    tableOf(sale) {
      let table = tables.get(sale);
      if (table === undefined) tables.set(sale, (table = new Map()));
      return table;
    },

    insertRow(sale, table, user) {
      const id = ++lastRowId;
      if (!table.has(user)) {
        table.set(user, id);
        extraRows.get(sale)?.delete(user); // rows left from before the first went are gone with it
      } else {
        let extras = extraRows.get(sale);
        if (extras === undefined) extraRows.set(sale, (extras = new Map()));
        extras.set(user, [...(extras.get(user) ?? []), id]);
      }
      let log = insertLogs.get(sale);
      if (log === undefined) insertLogs.set(sale, (log = []));
      log.push({ id, userId: user });
    },

    countOf(sale, user) {
      return tables.get(sale)?.has(user) ? 1 + extrasOf(sale, user).length : 0;
    },

    since(sale, afterId) {
      const log = insertLogs.get(sale) ?? [];
      const table = tables.get(sale);
      // The first row after afterId (the log is in id order), then those still there.
      let low = 0;
      let high = log.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (log[middle]!.id <= afterId) low = middle + 1;
        else high = middle;
      }
      return log.slice(low).filter((row) => table?.get(row.userId) === row.id || extrasOf(sale, row.userId).includes(row.id));
    },

    lastRowId: () => lastRowId,
  };
}
