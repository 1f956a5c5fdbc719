// Tests of the in-process tables' statements at one server instant: insert-or-skip under the
// UNIQUE key, the plain table without it, and the sale_fences rows fenced writes are checked against.
import { describe, expect, it } from 'vitest';
import { createPurchaseTable } from './purchase-table.js';

const SALE = 'concert-table';

describe('createPurchaseTable', () => {
  it('skips a repeat insert under the UNIQUE key, and deletes a purchase once', () => {
    const table = createPurchaseTable(true);
    expect([table.insert(SALE, 'a'), table.insert(SALE, 'a')]).toEqual(['inserted', 'duplicate']);
    expect(table.insertMany(SALE, ['a', 'b', 'b'])).toBe(1);
    expect(table.purchases(SALE)).toEqual([
      { userId: 'a', rows: 1 },
      { userId: 'b', rows: 1 },
    ]);
    expect([table.remove(SALE, 'a'), table.remove(SALE, 'a')]).toEqual([true, false]);
    expect(table.removeMany(SALE, ['a', 'b', 'c'])).toBe(1);
    expect(table.purchases(SALE)).toEqual([]);
    expect(table.lastRowId()).toBe(2);
  });

  it('adds every insert to the plain table', () => {
    const table = createPurchaseTable(false);
    expect([table.insert(SALE, 'a'), table.insert(SALE, 'a')]).toEqual(['inserted', 'inserted']);
    expect(table.insertMany(SALE, ['a', 'b'])).toBe(2);
    expect(table.purchases(SALE)).toEqual([
      { userId: 'a', rows: 3 },
      { userId: 'b', rows: 1 },
    ]);
    expect(table.rowsSince(SALE, 2).map((row) => row.id)).toEqual([3, 4]);
  });

  it('refuses a fenced write whose token is older than one the sale has seen, changing nothing', () => {
    const table = createPurchaseTable(true);
    expect(table.insertFenced(SALE, 'a', 2)).toBe('inserted');
    expect(table.insertFenced(SALE, 'b', 1)).toBe('stale');
    expect(table.removeFenced(SALE, 'a', 1)).toBe('stale');
    expect(table.insertFenced(SALE, 'a', 2)).toBe('duplicate');
    expect(table.removeFenced(SALE, 'a', 3)).toBe(true);
    expect(table.insertFenced('other-sale', 'a', 1)).toBe('inserted');
    expect(table.purchases(SALE)).toEqual([]);
  });
});
