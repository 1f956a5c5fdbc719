// The fenced strategy on the in-process infrastructure: under the pause-holder fault (lock holders
// that stall past the lock's TTL) `lock` and `dcl` oversell while `fenced` sells exactly the stock,
// refusing the stalled holders' stale steps; without the fault, under spam and in cancels it keeps
// the promises of dcl.
import { describe, expect, it } from 'vitest';
import { createMemoryInfrastructure } from '../memory/index.js';
import type { Clock, EngineFaults, PurchaseOutcome, Writer } from '../ports.js';
import type { StrategyName } from './index.js';
import { MAX_ROUNDS, createStrategy, createSyncWriter } from './index.js';

const SALE = 'concert-fenced';
const PAUSE_MS = 3000; // 1.5 × the lock's TTL (LOCK_TTL_MS, 2 s)

/** pause-holder as the run injects it: the first `holders` lock holders that see ≤ 2 seats left stall. */
function pausingHolders(holders: number): EngineFaults {
  let paused = 0;
  return { holderPause: (stockSeen) => (stockSeen <= 2 && paused++ < holders ? PAUSE_MS : 0) };
}

/** `users` distinct buyers at once on `stock` seats; what the stores hold afterwards. */
async function burst(name: StrategyName, options: { users: number; stock: number; faults?: EngineFaults; writer?: (sync: Writer, clock: Clock) => Writer }) {
  const stale: string[] = [];
  const infra = createMemoryInfrastructure({ seed: 7, poolSize: 10 });
  await infra.inventory.createSale(SALE, options.stock);
  const sync = createSyncWriter(infra.ledger);
  const writer = options.writer?.(sync, infra.clock) ?? sync;
  const strategy = createStrategy(name, { ...infra, writer, faults: options.faults, observer: { staleRefused: (store) => stale.push(store) } });
  const outcomes = await Promise.all(Array.from({ length: options.users }, (_, i) => strategy.purchase(SALE, `user-${i}`)));
  const { stock, buyers } = await infra.inventory.inspect(SALE);
  const rows = await infra.ledger.purchases(SALE);
  const purchased = outcomes.filter((o) => o.kind === 'purchased').length;
  return { outcomes, purchased, stock, buyers: buyers.sort(), rows, rowCount: rows.reduce((sum, row) => sum + row.rows, 0), stale, infra, strategy };
}

const kinds = (outcomes: PurchaseOutcome[]) => outcomes.map((o) => (o.kind === 'duplicate' ? `duplicate:${o.caughtBy}` : o.kind));

describe('fenced under pause-holder (holders stalling past the lock TTL)', () => {
  it.each(['lock', 'dcl'] as const)('%s: a stalled holder writes after losing its lock and oversells', async (name) => {
    const run = await burst(name, { users: 1000, stock: 100, faults: pausingHolders(2) });
    expect(run.stock).toBeLessThan(0);
    expect(run.rowCount).toBeGreaterThan(100);
  });

  it('fenced: the stalled holders are refused, exactly the stock is sold and Redis agrees with MySQL', async () => {
    const run = await burst('fenced', { users: 1000, stock: 100, faults: pausingHolders(2) });
    expect(run.purchased).toBe(100);
    expect(run.stock).toBe(0);
    expect(run.rowCount).toBe(100);
    expect(run.rows.every((row) => row.rows === 1)).toBe(true);
    expect(run.rows.map((row) => row.userId).sort()).toEqual(run.buyers);
    expect(run.stale.length).toBeGreaterThanOrEqual(1);
    expect(run.stale.every((store) => store === 'redis')).toBe(true);
    expect(run.outcomes.filter((o) => o.kind !== 'purchased' && o.kind !== 'sold-out')).toEqual([]);
  });

  it('fenced: a holder whose INSERT stalls past the TTL is refused by MySQL, hands its seat back and buys in a later round', async () => {
    let stalls = 1;
    const stallFirstWrite = (sync: Writer, clock: Clock): Writer => ({
      ...sync,
      fenced: {
        ...sync.fenced!,
        purchase: async (sale, user, token) => {
          if (stalls-- > 0) await clock.sleep(PAUSE_MS);
          return sync.fenced!.purchase(sale, user, token);
        },
      },
    });
    const run = await burst('fenced', { users: 10, stock: 5, writer: stallFirstWrite });
    expect(run.stale).toEqual(['mysql']);
    expect(run.purchased).toBe(5);
    expect(run.outcomes[0]).toEqual({ kind: 'purchased' });
    expect({ stock: run.stock, rows: run.rowCount }).toEqual({ stock: 0, rows: 5 });
    expect(run.rows.map((row) => row.userId).sort()).toEqual(run.buyers);
  });

  it('fenced: a holder that loses every round gives up as a lock timeout, keeping nothing', async () => {
    const run = await burst('fenced', { users: 2, stock: 5, faults: { holderPause: () => PAUSE_MS } });
    // Each holder's stall lets the other in with a newer token, so each round one of them loses;
    // the one that lost MAX_ROUNDS times gives up, the other wins its round once alone.
    expect(kinds(run.outcomes).sort()).toEqual(['lock-timeout', 'purchased']);
    expect(run.stale.length).toBeGreaterThanOrEqual(MAX_ROUNDS);
    expect({ stock: run.stock, rows: run.rowCount }).toEqual({ stock: 4, rows: 1 });
    expect(run.rows.map((row) => row.userId)).toEqual(run.buyers);
  });
});

describe('fenced without faults', () => {
  it('sells exactly the stock to 1,000 buyers, refusing nothing', async () => {
    const run = await burst('fenced', { users: 1000, stock: 100 });
    expect(run.purchased).toBe(100);
    expect({ stock: run.stock, rows: run.rowCount, buyers: run.buyers.length, stale: run.stale }).toEqual({ stock: 0, rows: 100, buyers: 100, stale: [] });
  });

  it('under spam: one row per user, every repeat turned away, no seat leaked', async () => {
    const infra = createMemoryInfrastructure({ seed: 3, poolSize: 5 });
    await infra.inventory.createSale(SALE, 10);
    const strategy = createStrategy('fenced', { ...infra, writer: createSyncWriter(infra.ledger) });
    const requests = Array.from({ length: 60 }, (_, i) => `spammer-${i % 3}`);
    const outcomes = await Promise.all(requests.map((user) => strategy.purchase(SALE, user)));
    expect(outcomes.filter((o) => o.kind === 'purchased')).toHaveLength(3);
    expect(kinds(outcomes).filter((k) => k !== 'purchased' && !k.startsWith('duplicate:'))).toEqual([]);
    const { stock, buyers } = await infra.inventory.inspect(SALE);
    expect({ stock, buyers: buyers.sort() }).toEqual({ stock: 7, buyers: ['spammer-0', 'spammer-1', 'spammer-2'] });
    const rows = await infra.ledger.purchases(SALE);
    expect(rows.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(['spammer-0', 'spammer-1', 'spammer-2'].map((userId) => ({ userId, rows: 1 })));
    expect(await strategy.purchase(SALE, 'spammer-0')).toEqual({ kind: 'duplicate', caughtBy: 'precheck' });
  });

  it('cancels: racing duplicates cancel once, a bogus cancel changes nothing, the seat can be bought again', async () => {
    const infra = createMemoryInfrastructure({ seed: 5, poolSize: 5 });
    await infra.inventory.createSale(SALE, 10);
    const strategy = createStrategy('fenced', { ...infra, writer: createSyncWriter(infra.ledger) });
    const state = async () => ({ ...(await infra.inventory.inspect(SALE)), rows: await infra.ledger.purchases(SALE) });
    expect(await strategy.purchase(SALE, 'buyer')).toEqual({ kind: 'purchased' });
    expect(await strategy.cancel(SALE, 'stranger')).toEqual({ kind: 'not-purchased' });
    const outcomes = await Promise.all([1, 2, 3].map(() => strategy.cancel(SALE, 'buyer')));
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['cancelled', 'not-purchased', 'not-purchased']);
    expect(await state()).toEqual({ stock: 10, buyers: [], rows: [] });
    expect(await strategy.purchase(SALE, 'buyer')).toEqual({ kind: 'purchased' });
    expect(await state()).toEqual({ stock: 9, buyers: ['buyer'], rows: [{ userId: 'buyer', rows: 1 }] });
  });
});
