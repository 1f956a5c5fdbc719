// The `fenced` strategy's guards on real Redis + MariaDB: the fenced Lua scripts refuse an older
// token once a newer one has looked, the MySQL guard (sale_fences) refuses an older token's INSERT
// and DELETE, also when tokens race; and under a lock holder stalling past the lock's TTL, `lock`
// oversells while `fenced` sells exactly the stock. Each test owns its sale id and removes its keys,
// its purchases rows and its sale_fences row.
import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { TicketsimError } from '../../src/errors.js';
import { SALE_FENCES_TABLE } from '../../src/engine/mysql/tables.js';
import { SALE_KEY_TTL_SECONDS, saleKeys } from '../../src/engine/redis/keys.js';
import { createFencedStrategy, createLockFamilyStrategy } from '../../src/engine/strategies/index.js';
import type { EngineFaults, Strategy, StrategyDeps } from '../../src/engine/ports.js';
import { servicesAvailable } from './services.js';
import { realEngine } from './engine-stores.js';

const available = await servicesAvailable('redis', 'mysql');
/** A short lock TTL and a stall well past it, so the stalled holders' test takes seconds, not tens. */
const LOCK_TTL_MS = 300;
const PAUSE_MS = 1500;

describe.skipIf(!available)('fenced on real Redis + MariaDB', () => {
  const engine = realEngine('it-fenced');

  it('redis: tokens count up per sale, and the fence keys expire with the sale', async () => {
    const sale = engine.newSale();
    await engine.deps.inventory.createSale(sale, 3);
    expect([await engine.deps.inventory.issueFence(sale), await engine.deps.inventory.issueFence(sale)]).toEqual([1, 2]);
    expect(await engine.deps.inventory.fencedLook(sale, 'a', 2)).toEqual({ stock: 3, isBuyer: false });
    const { fence, fenceSeen } = saleKeys(sale);
    for (const key of [fence, fenceSeen]) expect(await engine.redis.ttl(key)).toBeGreaterThan(SALE_KEY_TTL_SECONDS - 10);
  });

  it('redis: once a newer token has looked, the older one is refused and nothing changes', async () => {
    const sale = engine.newSale();
    await engine.deps.inventory.createSale(sale, 1);
    expect(await engine.deps.inventory.fencedLook(sale, 'old', 1)).toEqual({ stock: 1, isBuyer: false });
    expect(await engine.deps.inventory.fencedLook(sale, 'new', 2)).toEqual({ stock: 1, isBuyer: false });
    expect(await engine.deps.inventory.fencedReserve(sale, 'old', 1)).toBe('stale');
    expect(await engine.deps.inventory.fencedLook(sale, 'old', 1)).toBe('stale');
    expect(await engine.deps.inventory.inspect(sale)).toEqual({ stock: 1, buyers: [] });
    expect(await engine.deps.inventory.fencedReserve(sale, 'new', 2)).toBe('reserved');
    expect(await engine.deps.inventory.fencedReserve(sale, 'new', 3)).toBe('duplicate');
    expect(await engine.deps.inventory.fencedReserve(sale, 'other', 3)).toBe('sold-out');
    // Handing a seat back is never fenced: it succeeds whatever token came since.
    expect(await engine.deps.inventory.release(sale, 'new')).toBe(true);
    expect(await engine.deps.inventory.inspect(sale)).toEqual({ stock: 1, buyers: [] });
    await expect(engine.deps.inventory.fencedLook(engine.newSale(), 'a', 1)).rejects.toBeInstanceOf(TicketsimError);
  });

  it('mysql: an older token\'s INSERT and DELETE are refused once a newer one was accepted', async () => {
    const sale = engine.newSale();
    const { ledger } = engine.deps;
    expect(await ledger.recordFenced(sale, 'a', 5)).toBe('inserted');
    expect(await ledger.recordFenced(sale, 'a', 6)).toBe('duplicate');
    expect(await ledger.recordFenced(sale, 'late', 4)).toBe('stale');
    expect(await ledger.removeFenced(sale, 'a', 3)).toBe('stale');
    expect(await ledger.purchases(sale)).toEqual([{ userId: 'a', rows: 1 }]);
    expect(await ledger.removeFenced(sale, 'a', 7)).toBe(true);
    expect(await ledger.removeFenced(sale, 'a', 7)).toBe(false);
    const [fence] = await engine.pool.query<RowDataPacket[]>(`SELECT token FROM ${SALE_FENCES_TABLE} WHERE ticket_name = ?`, [sale]);
    expect(fence.map((row) => Number(row.token))).toEqual([7]);
  });

  it('mysql: of racing writes the newest token always lands, and a refused one leaves no row', async () => {
    const sale = engine.newSale();
    const writes = await Promise.all(Array.from({ length: 50 }, (_, i) => engine.deps.ledger.recordFenced(sale, `user-${i + 1}`, i + 1)));
    expect(writes[49]).toBe('inserted');
    expect(writes.every((write) => write === 'inserted' || write === 'stale')).toBe(true);
    const rows = await engine.deps.ledger.purchases(sale);
    expect(rows.map((row) => row.userId).sort()).toEqual(writes.flatMap((write, i) => (write === 'inserted' ? [`user-${i + 1}`] : [])).sort());
  });

  /** `users` buyers at once on `stock` seats; the first two holders that see ≤ 2 seats left stall past the TTL. */
  async function stalledBurst(create: (deps: StrategyDeps) => Strategy, users: number, stock: number) {
    const sale = engine.newSale();
    await engine.deps.inventory.createSale(sale, stock);
    let paused = 0;
    const stale: string[] = [];
    const faults: EngineFaults = { holderPause: (stockSeen) => (stockSeen <= 2 && paused++ < 2 ? PAUSE_MS : 0) };
    const strategy = create({ ...engine.deps, faults, observer: { staleRefused: (store) => stale.push(store) } });
    const outcomes = await Promise.all(Array.from({ length: users }, (_, i) => strategy.purchase(sale, `user-${i}`)));
    const { stock: left, buyers } = await engine.deps.inventory.inspect(sale);
    const rows = await engine.deps.ledger.purchases(sale);
    return { outcomes, left, buyers: buyers.sort(), rows, stale, paused };
  }

  it('lock: holders stalling past the TTL write after losing the lock and oversell', async () => {
    const run = await stalledBurst((d) => createLockFamilyStrategy('lock', d, { lockTtlMs: LOCK_TTL_MS }), 200, 20);
    expect(run.paused).toBeGreaterThanOrEqual(2);
    expect(run.left).toBeLessThan(0);
    expect(run.rows.length).toBeGreaterThan(20);
  });

  it('fenced: the same stalls are refused by the stores; exactly the stock is sold and Redis agrees with MySQL', async () => {
    const run = await stalledBurst((d) => createFencedStrategy(d, { lockTtlMs: LOCK_TTL_MS }), 200, 20);
    expect(run.paused).toBeGreaterThanOrEqual(2);
    expect(run.stale.length).toBeGreaterThanOrEqual(1);
    expect(run.outcomes.filter((o) => o.kind === 'purchased')).toHaveLength(20);
    expect(run.left).toBe(0);
    expect(run.rows.every((row) => row.rows === 1)).toBe(true);
    expect(run.rows.map((row) => row.userId).sort()).toEqual(run.buyers);
  });
});
