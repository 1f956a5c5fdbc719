// Tests of the in-process fenced operations (the `fenced` strategy's storage side): tokens count up
// per sale; once a newer token has looked, the inventory refuses an older one's look and
// reservation, and the ledger an older one's INSERT and DELETE; an atomic release is never refused.
import { describe, expect, it } from 'vitest';
import { TicketsimError } from '../../errors.js';
import { createMemoryInventory } from './inventory.js';
import { createMemoryLedger } from './ledger.js';
import { createRandom } from './random.js';
import { createVirtualClock } from './virtual-clock.js';

const SALE = 'concert-fenced';

function setUp() {
  const clock = createVirtualClock();
  return {
    inventory: createMemoryInventory({ clock, random: createRandom(1) }),
    ledger: createMemoryLedger({ clock, random: createRandom(2), poolSize: 5 }),
  };
}

describe('in-process inventory, fenced', () => {
  it('issues 1, 2, 3, … per sale', async () => {
    const { inventory } = setUp();
    expect([await inventory.issueFence(SALE), await inventory.issueFence(SALE), await inventory.issueFence('other')]).toEqual([1, 2, 1]);
  });

  it('looks and reserves under the newest token, as reserve() would', async () => {
    const { inventory } = setUp();
    await inventory.createSale(SALE, 1);
    expect(await inventory.fencedLook(SALE, 'a', 1)).toEqual({ stock: 1, isBuyer: false });
    expect(await inventory.fencedReserve(SALE, 'a', 1)).toBe('reserved');
    expect(await inventory.fencedLook(SALE, 'a', 2)).toEqual({ stock: 0, isBuyer: true });
    expect(await inventory.fencedReserve(SALE, 'a', 2)).toBe('duplicate');
    expect(await inventory.fencedReserve(SALE, 'b', 3)).toBe('sold-out');
    expect(await inventory.inspect(SALE)).toEqual({ stock: 0, buyers: ['a'] });
  });

  it('refuses an older token once a newer one has looked, changing nothing', async () => {
    const { inventory } = setUp();
    await inventory.createSale(SALE, 5);
    expect(await inventory.fencedLook(SALE, 'old', 1)).toEqual({ stock: 5, isBuyer: false });
    expect(await inventory.fencedLook(SALE, 'new', 2)).toEqual({ stock: 5, isBuyer: false });
    expect(await inventory.fencedReserve(SALE, 'old', 1)).toBe('stale');
    expect(await inventory.fencedLook(SALE, 'old', 1)).toBe('stale');
    expect(await inventory.inspect(SALE)).toEqual({ stock: 5, buyers: [] });
    expect(await inventory.fencedReserve(SALE, 'new', 2)).toBe('reserved');
  });

  it('never refuses the release of a seat, whatever token came since', async () => {
    const { inventory } = setUp();
    await inventory.createSale(SALE, 5);
    expect(await inventory.fencedReserve(SALE, 'a', 1)).toBe('reserved');
    expect(await inventory.fencedLook(SALE, 'b', 7)).toEqual({ stock: 4, isBuyer: false });
    expect(await inventory.release(SALE, 'a')).toBe(true);
    expect(await inventory.inspect(SALE)).toEqual({ stock: 5, buyers: [] });
  });

  it('refuses to look at or reserve in a sale that does not exist', async () => {
    const { inventory } = setUp();
    await expect(inventory.fencedLook('no-such-sale', 'a', 1)).rejects.toBeInstanceOf(TicketsimError);
    await expect(inventory.fencedReserve('no-such-sale', 'a', 1)).rejects.toBeInstanceOf(TicketsimError);
  });
});

describe('in-process ledger, fenced', () => {
  it('writes under the newest token; the UNIQUE key still says duplicate', async () => {
    const { ledger } = setUp();
    expect(await ledger.recordFenced(SALE, 'a', 1)).toBe('inserted');
    expect(await ledger.recordFenced(SALE, 'a', 2)).toBe('duplicate');
    expect(await ledger.recordFenced(SALE, 'b', 2)).toBe('inserted');
    expect(await ledger.purchases(SALE)).toEqual([
      { userId: 'a', rows: 1 },
      { userId: 'b', rows: 1 },
    ]);
  });

  it('refuses an INSERT or a DELETE carrying an older token than one it accepted', async () => {
    const { ledger } = setUp();
    expect(await ledger.recordFenced(SALE, 'a', 5)).toBe('inserted');
    expect(await ledger.recordFenced(SALE, 'late', 4)).toBe('stale');
    expect(await ledger.removeFenced(SALE, 'a', 3)).toBe('stale');
    expect(await ledger.purchases(SALE)).toEqual([{ userId: 'a', rows: 1 }]);
    expect(await ledger.removeFenced(SALE, 'a', 6)).toBe(true);
    expect(await ledger.removeFenced(SALE, 'a', 6)).toBe(false);
    expect(await ledger.purchases(SALE)).toEqual([]);
  });

  it('keeps one fence per sale', async () => {
    const { ledger } = setUp();
    expect(await ledger.recordFenced(SALE, 'a', 9)).toBe('inserted');
    expect(await ledger.recordFenced('other-sale', 'a', 1)).toBe('inserted');
  });
});
