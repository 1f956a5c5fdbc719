// Tests of the in-process inventory: a naive read-then-write oversells like it would over a network,
// the atomic reserve sells exactly the stock, release is idempotent, sales are never overwritten.
import { describe, expect, it } from 'vitest';
import { SaleExistsError, SaleNotFoundError } from '../../errors.js';
import type { Inventory } from '../ports.js';
import { createMemoryInventory } from './inventory.js';
import { createRandom } from './random.js';
import { createVirtualClock } from './virtual-clock.js';

const SALE = 'concert-test';
const users = (n: number): string[] => Array.from({ length: n }, (_, i) => `user-${i}`);

function setUp(seed = 1) {
  const clock = createVirtualClock();
  return { clock, inventory: createMemoryInventory({ clock, random: createRandom(seed) }) };
}

/** The v1 bug, written out here on purpose: read the stock, then write stock - 1 in a second trip. */
async function naiveBuy(inventory: Inventory, user: string): Promise<boolean> {
  const stock = await inventory.readStock(SALE);
  if (stock <= 0) return false;
  await inventory.writeStock(SALE, stock - 1);
  await inventory.addBuyer(SALE, user);
  return true;
}

async function naiveRun(seed: number) {
  const { clock, inventory } = setUp(seed);
  await inventory.createSale(SALE, 100);
  const results = await Promise.all(users(1000).map((user) => naiveBuy(inventory, user)));
  const after = await inventory.inspect(SALE);
  return { sold: results.filter(Boolean).length, stock: after.stock, buyers: after.buyers.length, endUs: clock.nowUs() };
}

describe('createMemoryInventory', () => {
  it('lets a naive read-then-write oversell with 1,000 concurrent buyers', async () => {
    const run = await naiveRun(1);
    expect(run.sold).toBeGreaterThan(100);
    expect(run.buyers).toBe(run.sold);
    expect(run.stock).toBeGreaterThan(100 - run.sold); // the lost updates
  });

  it('gives identical outcomes for the same seed', async () => {
    const [a, b] = [await naiveRun(9), await naiveRun(9)];
    expect(a).toEqual(b);
  });

  it('sells exactly the stock with 1,000 concurrent reserve() calls', async () => {
    const { inventory } = setUp();
    await inventory.createSale(SALE, 100);
    const answers = await Promise.all(users(1000).map((user) => inventory.reserve(SALE, user)));
    expect(answers.filter((a) => a === 'reserved')).toHaveLength(100);
    expect(answers.filter((a) => a === 'sold-out')).toHaveLength(900);
    const after = await inventory.inspect(SALE);
    expect(after.stock).toBe(0);
    expect(after.buyers).toHaveLength(100);
  });

  it('answers duplicate to a buyer who already has a ticket, even concurrently', async () => {
    const { inventory } = setUp();
    await inventory.createSale(SALE, 10);
    const answers = await Promise.all(Array.from({ length: 50 }, () => inventory.reserve(SALE, 'spammer')));
    expect(answers.filter((a) => a === 'reserved')).toHaveLength(1);
    expect(answers.filter((a) => a === 'duplicate')).toHaveLength(49);
    expect(await inventory.readStock(SALE)).toBe(9);
  });

  it('releases idempotently: stock comes back once, only for a real buyer', async () => {
    const { inventory } = setUp();
    await inventory.createSale(SALE, 1);
    expect(await inventory.reserve(SALE, 'a')).toBe('reserved');
    const releases = await Promise.all([inventory.release(SALE, 'a'), inventory.release(SALE, 'a')]);
    expect(releases.sort()).toEqual([false, true]);
    expect(await inventory.release(SALE, 'a')).toBe(false);
    expect(await inventory.release(SALE, 'never-bought')).toBe(false);
    expect(await inventory.inspect(SALE)).toEqual({ stock: 1, buyers: [] });
  });

  it('keeps the plain commands: decrement without bound, buyer set membership', async () => {
    const { inventory } = setUp();
    await inventory.createSale(SALE, 0);
    expect(await inventory.decrementStock(SALE)).toBe(-1);
    expect(await inventory.isBuyer(SALE, 'a')).toBe(false);
    expect(await inventory.addBuyer(SALE, 'a')).toBe(true);
    expect(await inventory.addBuyer(SALE, 'a')).toBe(false);
    expect(await inventory.isBuyer(SALE, 'a')).toBe(true);
  });

  it('never overwrites a sale and refuses to read a missing one', async () => {
    const { inventory } = setUp();
    await inventory.createSale(SALE, 5);
    await expect(inventory.createSale(SALE, 50)).rejects.toBeInstanceOf(SaleExistsError);
    expect(await inventory.readStock(SALE)).toBe(5);
    await expect(inventory.readStock('no-such-sale')).rejects.toBeInstanceOf(SaleNotFoundError);
    await expect(inventory.reserve('no-such-sale', 'a')).rejects.toBeInstanceOf(SaleNotFoundError);
    expect(await inventory.inspect('no-such-sale')).toEqual({ stock: undefined, buyers: [] });
  });

  it('takes simulated network time: a round trip is ~0.1–0.4 ms of virtual time', async () => {
    const { clock, inventory } = setUp();
    await inventory.createSale(SALE, 5);
    const before = clock.nowUs();
    await inventory.readStock(SALE);
    const tripUs = clock.nowUs() - before;
    expect(tripUs).toBeGreaterThanOrEqual(100);
    expect(tripUs).toBeLessThanOrEqual(420);
  });
});
