// The strategies on real Redis + MariaDB: a 1,000-buyer burst on 100 seats, released together
// behind a barrier. lua and lock must sell exactly 100 with Redis and MySQL agreeing; naive must
// oversell. Also the ledger's duplicate mapping, the strategies' compensation when the ledger fails,
// and Redlock's timeout and expired-release behaviour. Each test owns its sale id and cleans up only
// its own keys and rows.
import { describe, expect, it } from 'vitest';
import { connectMysql } from '../../src/engine/mysql/connect.js';
import { createMysqlLedger } from '../../src/engine/mysql/ledger.js';
import { saleKeys } from '../../src/engine/redis/keys.js';
import { createRedlockLocks } from '../../src/engine/redis/locks.js';
import { createRealClock } from '../../src/engine/real-clock.js';
import { createStrategy, createSyncWriter } from '../../src/engine/strategies/index.js';
import type { Ledger, OutcomeKind, StatementTiming, Strategy } from '../../src/engine/ports.js';
import { servicesAvailable, servicesConfig } from './services.js';
import { realEngine } from './engine-stores.js';

const available = await servicesAvailable('redis', 'mysql');
const timeout = { connectTimeoutMs: servicesConfig.connectTimeoutMs };
const USERS = 1000;
const STOCK = 100;

/** Runs `users` purchases released together behind a barrier and counts their outcomes. */
async function burst(strategy: Strategy, sale: string, users: number) {
  let open!: () => void;
  const barrier = new Promise<void>((resolve) => (open = resolve));
  const attempts = Array.from({ length: users }, async (_, i) => {
    await barrier;
    return (await strategy.purchase(sale, `user-${i}`)).kind;
  });
  open();
  const outcomes = await Promise.all(attempts);
  const counts: Partial<Record<OutcomeKind, number>> = {};
  for (const kind of outcomes) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe.skipIf(!available)('strategies on real Redis + MariaDB', () => {
  const engine = realEngine('it');
  /** A ledger whose inserts fail like an exhausted server, to exercise compensation. */
  const tooManyConnections = async (): Promise<never> => {
    throw Object.assign(new Error('Too many connections'), { code: 'ER_CON_COUNT_ERROR' });
  };
  const failingLedger: Ledger = {
    record: tooManyConnections,
    recordFenced: tooManyConnections,
    remove: async () => false,
    removeFenced: async () => false,
    recordMany: async () => ({ inserted: 0, skipped: 0 }),
    removeMany: async () => ({ deleted: 0, absent: 0 }),
    purchases: async () => [],
    rowsSince: async () => [],
    lastRowId: async () => 0,
    serverStats: async () => undefined,
  };




  /** Redis buyers and MySQL rows of a sale, for the agreement checks. */
  async function sides(sale: string) {
    const { stock, buyers } = await engine.deps.inventory.inspect(sale);
    const rows = await engine.deps.ledger.purchases(sale);
    return { stock, buyers: [...buyers].sort(), rows };
  }

  for (const name of ['lua', 'lock', 'dcl', 'fenced'] as const) {
    it(`${name}: ${USERS} buyers on ${STOCK} seats sell exactly ${STOCK}, and Redis agrees with MySQL`, async () => {
      const sale = engine.newSale();
      await engine.deps.inventory.createSale(sale, STOCK);
      const counts = await burst(createStrategy(name, engine.deps), sale, USERS);
      expect(counts.purchased).toBe(STOCK);
      expect((counts['sold-out'] ?? 0) + (counts['lock-timeout'] ?? 0)).toBe(USERS - STOCK);
      const { stock, buyers, rows } = await sides(sale);
      expect(stock).toBe(0);
      expect(buyers).toHaveLength(STOCK);
      expect(rows.every((row) => row.rows === 1)).toBe(true);
      expect(rows.map((row) => row.userId).sort()).toEqual(buyers);
    });
  }

  it(`naive: ${USERS} buyers on ${STOCK} seats oversell`, async () => {
    const sale = engine.newSale();
    await engine.deps.inventory.createSale(sale, STOCK);
    const counts = await burst(createStrategy('naive', engine.deps), sale, USERS);
    expect(counts.purchased).toBeGreaterThan(STOCK);
    const { buyers, rows } = await sides(sale);
    expect(buyers.length).toBeGreaterThan(STOCK);
    expect(rows.length).toBe(counts.purchased);
  });

  it('ledger: one row per purchase, a repeat is a duplicate, rows are counted per user', async () => {
    const sale = engine.newSale();
    expect(await engine.deps.ledger.record(sale, 'u1')).toBe('inserted');
    expect(await engine.deps.ledger.record(sale, 'u1')).toBe('duplicate');
    expect(await engine.deps.ledger.record(sale, 'u2')).toBe('inserted');
    const rows = await engine.deps.ledger.purchases(sale);
    expect(rows.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { userId: 'u1', rows: 1 },
      { userId: 'u2', rows: 1 },
    ]);
  });

  for (const name of ['lua', 'lock', 'precheck', 'dcl', 'fenced'] as const) {
    it(`${name}: a failing ledger write is rethrown as-is and the Redis side is undone`, async () => {
      const sale = engine.newSale();
      await engine.deps.inventory.createSale(sale, 3);
      const strategy = createStrategy(name, { ...engine.deps, writer: createSyncWriter(failingLedger) });
      await expect(strategy.purchase(sale, 'u1')).rejects.toMatchObject({ code: 'ER_CON_COUNT_ERROR' });
      expect(await engine.deps.inventory.inspect(sale)).toEqual({ stock: 3, buyers: [] });
    });

    it(`${name}: a buyer MySQL already has is a duplicate and keeps no seat in Redis`, async () => {
      const sale = engine.newSale();
      await engine.deps.inventory.createSale(sale, 3);
      await engine.deps.ledger.record(sale, 'u1');
      expect(await createStrategy(name, engine.deps).purchase(sale, 'u1')).toEqual({ kind: 'duplicate', caughtBy: 'ledger' });
      expect(await engine.deps.inventory.inspect(sale)).toEqual({ stock: 3, buyers: [] });
      expect(await engine.deps.ledger.purchases(sale)).toEqual([{ userId: 'u1', rows: 1 }]);
    });
  }

  for (const name of ['lock', 'precheck', 'dcl', 'fenced', 'lua'] as const) {
    it(`${name}: three racing cancels of one ticket delete one row and give back one seat; a bogus cancel changes nothing`, async () => {
      const sale = engine.newSale();
      await engine.deps.inventory.createSale(sale, 5);
      const strategy = createStrategy(name, engine.deps);
      expect(await strategy.purchase(sale, 'u1')).toEqual({ kind: 'purchased' });
      const outcomes = await Promise.all([1, 2, 3].map(() => strategy.cancel(sale, 'u1')));
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['cancelled', 'not-purchased', 'not-purchased']);
      expect(await strategy.cancel(sale, 'never-bought')).toEqual({ kind: 'not-purchased' });
      expect(await sides(sale)).toEqual({ stock: 5, buyers: [], rows: [] });
    });
  }

  it('naive: duplicate and bogus cancels each give a seat back that never was (over-stocking)', async () => {
    const sale = engine.newSale();
    await engine.deps.inventory.createSale(sale, 5);
    const strategy = createStrategy('naive', engine.deps);
    await strategy.purchase(sale, 'u1');
    await Promise.all([strategy.cancel(sale, 'u1'), strategy.cancel(sale, 'u1'), strategy.cancel(sale, 'never-bought')]);
    const { stock, rows } = await sides(sale);
    expect(rows).toEqual([]);
    expect(stock).toBe(4 + 3);
  });

  it('ledger: remove says whether a row went', async () => {
    const sale = engine.newSale();
    await engine.deps.ledger.record(sale, 'u1');
    expect(await engine.deps.ledger.remove(sale, 'u1')).toBe(true);
    expect(await engine.deps.ledger.remove(sale, 'u1')).toBe(false);
    expect(await engine.deps.ledger.purchases(sale)).toEqual([]);
  });

  it('ledger: times every statement in two parts, and the server counts the writes and the slow ones itself', async () => {
    const sale = engine.newSale();
    const timings: StatementTiming[] = [];
    const clock = createRealClock();
    // A pool of one for twenty concurrent INSERTs: nineteen of them must wait for the connection.
    const single = await connectMysql({ ...servicesConfig.mysql, ...timeout }, 1, { sessionLongQueryMs: 1 });
    try {
      const ledger = createMysqlLedger(single, { clock, poolSize: 1, sessionLongQueryMs: 1, observer: { statement: (t) => timings.push(t) } });
      const writes = await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.record(sale, `u${i % 19}`)));
      expect(writes.filter((w) => w === 'duplicate')).toHaveLength(1);
      await expect(single.query('SELECT SLEEP(0.01)')).resolves.toBeDefined(); // one statement over 1 ms on the server
      expect(timings).toHaveLength(20);
      expect(timings.every((t) => t.kind === 'insert' && t.ok && t.execUs > 0)).toBe(true);
      // All twenty asked for the one connection in the same tick: the statement served last waited
      // while each of the others ran on it (less a little for rounding and the asking order).
      const last = timings.reduce((longest, t) => (t.waitUs > longest.waitUs ? t : longest));
      const othersExecUs = timings.filter((t) => t !== last).reduce((sum, t) => sum + t.execUs, 0);
      expect(last.waitUs).toBeGreaterThanOrEqual(othersExecUs - 1_000);
      const server = await ledger.serverStats();
      expect(server).toMatchObject({ writes: 20, thresholdMs: 1, sessions: 1 });
      expect(server!.slow).toBeGreaterThanOrEqual(1);
    } finally {
      await single.end();
    }
  });

  it('locks: a held lock times out as undefined, an expired lease releases without throwing', async () => {
    const sale = engine.newSale();
    const lockKey = saleKeys(sale).lock; // where Redlock keeps the sale's lock
    const impatient = createRedlockLocks(engine.redis, { retryCount: 2, retryDelay: 10, retryJitter: 0 });
    const held = await impatient.acquireSale(sale, 5_000);
    expect(held).toBeDefined();
    // Two quick retries, then undefined: had it waited out the 5 s lease, it would have the lock.
    expect(await impatient.acquireSale(sale, 5_000)).toBeUndefined();
    await held!.release();
    await held!.release();
    const short = await impatient.acquireSale(sale, 50);
    expect(short).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 120));
    const next = await impatient.acquireSale(sale, 5_000);
    expect(next).toBeDefined();
    await expect(short!.release()).resolves.toBeUndefined();
    expect(await engine.redis.exists(lockKey)).toBe(1);
    await next!.release();
    expect(await engine.redis.exists(lockKey)).toBe(0);
  });
});
