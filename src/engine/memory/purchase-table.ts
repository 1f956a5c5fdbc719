// What the in-process ledger's statements do to the tables, each decided at one server instant: the
// purchases table with UNIQUE(user_id, ticket_name), where a repeat insert is skipped (or, for the
// planted non-idempotent worker, without it, where every insert adds a row), and the sale_fences
// rows that fenced writes raise and are checked against. No time passes here: the ledger decides
// how long a statement takes.
import type { LedgerWrite, PurchaseRow, SaleId, UserId } from '../ports.js';
import { createPurchaseRows } from './purchase-rows.js';
import type { RowRef } from './purchase-rows.js';
import { named } from './store-view.js';

/** The statements' effects on the tables. */
export interface PurchaseTable {
  /** INSERT IGNORE of one purchase (a plain INSERT without the UNIQUE key). */
  insert(sale: SaleId, user: UserId): LedgerWrite;
  /** DELETE of the user's purchase: true when a row went. */
  remove(sale: SaleId, user: UserId): boolean;
  /**
   * The fenced INSERT: raises the sale's fence to `token`, then inserts only while `token` is the
   * newest it has seen (`stale` otherwise); a repeat is a duplicate, as under the UNIQUE key.
   */
  insertFenced(sale: SaleId, user: UserId, token: number): LedgerWrite | 'stale';
  /** The fenced DELETE: as remove, only while `token` is the newest the sale's fence has seen. */
  removeFenced(sale: SaleId, user: UserId, token: number): boolean | 'stale';
  /** A multi-row INSERT IGNORE (plain INSERT without the key): how many rows went in. */
  insertMany(sale: SaleId, users: readonly UserId[]): number;
  /** A multi-row DELETE: how many of the users had a purchase. */
  removeMany(sale: SaleId, users: readonly UserId[]): number;
  /** Every buyer of the sale with their row count, by user id. */
  purchases(sale: SaleId): PurchaseRow[];
  /** Rows of the sale inserted after row `afterId` and still there, oldest first. */
  rowsSince(sale: SaleId, afterId: number): RowRef[];
  /** The highest row id ever given. */
  lastRowId(): number;
  /** Each sale's rows (`{user-0, user-1 ×2}`) and fence, for an explored run's timeline. */
  view(): Record<string, string>;
}

/**
 * Creates empty tables. `idempotent` true: UNIQUE(user_id, ticket_name), a repeat insert is
 * skipped; false: the planted table without the key, a user's rows are a multiset.
 */
export function createPurchaseTable(idempotent: boolean): PurchaseTable {
  const rows = createPurchaseRows();
  const { tables, tableOf, insertRow } = rows;
  /** fenced: per sale, the newest fencing token a guarded write has carried (the sale_fences row). */
  const fences = new Map<SaleId, number>();
  /** Raises the sale's fence to `token` (never lowers it); true while `token` is the newest. */
  const admitFence = (sale: SaleId, token: number): boolean => {
    const newest = Math.max(fences.get(sale) ?? 0, token);
    fences.set(sale, newest);
    return newest === token;
  };

  return {
    insert(sale, user) {
      const table = tableOf(sale);
      if (idempotent && table.has(user)) return 'duplicate';
      insertRow(sale, table, user);
      return 'inserted';
    },

    remove: (sale, user) => tables.get(sale)?.delete(user) ?? false,

    insertFenced(sale, user, token) {
      const table = tableOf(sale);
      const write = !admitFence(sale, token) ? 'stale' : table.has(user) ? 'duplicate' : 'inserted';
      if (write === 'inserted') insertRow(sale, table, user);
      return write;
    },

    removeFenced: (sale, user, token) => (admitFence(sale, token) ? (tables.get(sale)?.delete(user) ?? false) : 'stale'),

    insertMany(sale, users) {
      const table = tableOf(sale);
      let inserted = 0;
      for (const user of users) {
        if (idempotent && table.has(user)) continue;
        insertRow(sale, table, user);
        inserted++;
      }
      return inserted;
    },

    removeMany(sale, users) {
      const table = tables.get(sale);
      let deleted = 0;
      for (const user of users) if (table?.delete(user)) deleted++;
      return deleted;
    },

    purchases: (sale) =>
      [...(tables.get(sale) ?? new Map<UserId, number>())]
        .map(([userId]) => ({ userId, rows: rows.countOf(sale, userId) }))
        .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)),

    rowsSince: (sale, afterId) => rows.since(sale, afterId),

    lastRowId: () => rows.lastRowId(),

    view() {
      const entries: Record<string, string> = {};
      for (const [sale, table] of tables) {
        const users = [...table.keys()].sort().map((user) => (rows.countOf(sale, user) > 1 ? `${user} ×${rows.countOf(sale, user)}` : user));
        entries[named('rows', sale, tables.size)] = `{${users.join(', ')}}`;
      }
      for (const [sale, token] of fences) entries[named('fence row', sale, fences.size)] = String(token);
      return entries;
    },
  };
}
