// The strategies on the in-process infrastructure, under the spam pattern (one buyer, many
// simultaneous requests): where each looks the buyer up decides whether repeats leak seats.
import { describe, expect, it } from 'vitest';
import { createMemoryInfrastructure } from '../memory/index.js';
import type { PurchaseOutcome } from '../ports.js';
import type { StrategyName } from './index.js';
import { createStrategy, createSyncWriter } from './index.js';

const SALE = 'concert-spam';

/** One user fires `requests` purchases at once on a sale of `stock` seats. */
async function spam(name: StrategyName, requests: number, stock = 10) {
  const lockCalls: { granted: boolean; tries: number }[] = [];
  const infra = createMemoryInfrastructure({ seed: 3, poolSize: 5, observer: { lockAcquisition: (granted, tries) => lockCalls.push({ granted, tries }) } });
  await infra.inventory.createSale(SALE, stock);
  const strategy = createStrategy(name, { ...infra, writer: createSyncWriter(infra.ledger) });
  const outcomes = await Promise.all(Array.from({ length: requests }, () => strategy.purchase(SALE, 'spammer')));
  const { stock: left, buyers } = await infra.inventory.inspect(SALE);
  const rows = await infra.ledger.purchases(SALE);
  return { outcomes, left, buyers, rows, lockCalls, strategy, infra };
}

const kinds = (outcomes: PurchaseOutcome[]) => outcomes.map((o) => (o.kind === 'duplicate' ? `duplicate:${o.caughtBy}` : o.kind));

describe('strategies under one user spamming', () => {
  it.each(['dcl', 'lua'] as const)('%s: one purchase, one seat taken, every repeat turned away', async (name) => {
    const { outcomes, left, buyers, rows } = await spam(name, 20);
    expect(outcomes.filter((o) => o.kind === 'purchased')).toHaveLength(1);
    expect(left).toBe(9);
    expect(buyers).toEqual(['spammer']);
    expect(rows).toEqual([{ userId: 'spammer', rows: 1 }]);
  });

  it.each(['lock', 'precheck'] as const)('%s: one row, but every repeat that reached the stock leaked a seat', async (name) => {
    const { outcomes, left, rows } = await spam(name, 5);
    expect(rows).toEqual([{ userId: 'spammer', rows: 1 }]);
    expect(kinds(outcomes).sort()).toEqual(['duplicate:ledger', 'duplicate:ledger', 'duplicate:ledger', 'duplicate:ledger', 'purchased']);
    expect(left).toBe(5); // 10 − 1 sold − 4 leaked
  });

  it('dcl: concurrent repeats are caught by the look-up under the lock, each after one lock acquisition', async () => {
    const { outcomes, lockCalls } = await spam('dcl', 5);
    expect(kinds(outcomes).filter((k) => k !== 'purchased')).toEqual(Array(4).fill('duplicate:recheck'));
    expect(lockCalls).toHaveLength(5);
    expect(lockCalls.every((call) => call.granted && call.tries >= 1)).toBe(true);
  });

  it.each(['dcl', 'precheck'] as const)('%s: a later repeat is rejected before the lock, with no lock traffic', async (name) => {
    const { strategy, lockCalls, infra } = await spam(name, 1);
    expect(lockCalls).toHaveLength(1);
    expect(await strategy.purchase(SALE, 'spammer')).toEqual({ kind: 'duplicate', caughtBy: 'precheck' });
    expect(lockCalls).toHaveLength(1);
    expect((await infra.inventory.inspect(SALE)).stock).toBe(9);
  });

  it('lua: the script is the guard', async () => {
    const { outcomes } = await spam('lua', 3);
    expect(kinds(outcomes).sort()).toEqual(['duplicate:script', 'duplicate:script', 'purchased']);
  });
});

describe('cancel', () => {
  /** A sale of 10 seats that `buyer` has bought once. */
  async function bought(name: StrategyName) {
    const infra = createMemoryInfrastructure({ seed: 5, poolSize: 5 });
    await infra.inventory.createSale(SALE, 10);
    const strategy = createStrategy(name, { ...infra, writer: createSyncWriter(infra.ledger) });
    expect(await strategy.purchase(SALE, 'buyer')).toEqual({ kind: 'purchased' });
    const state = async () => ({ ...(await infra.inventory.inspect(SALE)), rows: await infra.ledger.purchases(SALE) });
    return { strategy, state };
  }

  it.each(['lock', 'precheck', 'dcl', 'lua'] as const)('%s: three racing cancels of one ticket delete one row and give back one seat', async (name) => {
    const { strategy, state } = await bought(name);
    const outcomes = await Promise.all([1, 2, 3].map(() => strategy.cancel(SALE, 'buyer')));
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['cancelled', 'not-purchased', 'not-purchased']);
    expect(await state()).toEqual({ stock: 10, buyers: [], rows: [] });
  });

  it.each(['lock', 'precheck', 'dcl', 'lua'] as const)('%s: a cancel by someone who never bought changes nothing', async (name) => {
    const { strategy, state } = await bought(name);
    expect(await strategy.cancel(SALE, 'stranger')).toEqual({ kind: 'not-purchased' });
    expect(await state()).toEqual({ stock: 9, buyers: ['buyer'], rows: [{ userId: 'buyer', rows: 1 }] });
  });

  it('naive: duplicate and bogus cancels each create a seat (over-stocking)', async () => {
    const { strategy, state } = await bought('naive');
    const outcomes = await Promise.all([strategy.cancel(SALE, 'buyer'), strategy.cancel(SALE, 'buyer'), strategy.cancel(SALE, 'stranger')]);
    expect(outcomes.every((o) => o.kind === 'cancelled')).toBe(true);
    const after = await state();
    expect(after.rows).toEqual([]);
    expect(after.buyers).toEqual([]);
    expect(after.stock).toBeGreaterThan(10);
  });

  it('a freed seat can be bought again', async () => {
    const { strategy, state } = await bought('dcl');
    await strategy.cancel(SALE, 'buyer');
    expect(await strategy.purchase(SALE, 'buyer')).toEqual({ kind: 'purchased' });
    expect(await state()).toEqual({ stock: 9, buyers: ['buyer'], rows: [{ userId: 'buyer', rows: 1 }] });
  });
});
