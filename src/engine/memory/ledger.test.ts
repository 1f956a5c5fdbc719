// Tests of the in-process ledger: the UNIQUE key (and the planted table without it), the pool bound,
// and MySQL's max_connections refusing a pool larger than the server allows.
import { describe, expect, it } from 'vitest';
import { InfrastructureError, UsageError } from '../../errors.js';
import type { StatementTiming } from '../ports.js';
import { createMemoryLedger } from './ledger.js';
import { createRandom } from './random.js';
import { createVirtualClock } from './virtual-clock.js';

const SALE = 'concert-test';

function setUp(poolSize: number, maxConnections?: number, seed = 1) {
  const clock = createVirtualClock();
  return { clock, ledger: createMemoryLedger({ clock, random: createRandom(seed), poolSize, maxConnections }) };
}

/** 1,000 concurrent inserts of distinct users; settles every one. */
async function burst(ledger: ReturnType<typeof setUp>['ledger'], n = 1000) {
  return Promise.allSettled(Array.from({ length: n }, (_, i) => ledger.record(SALE, `user-${i}`)));
}

describe('createMemoryLedger', () => {
  it('enforces UNIQUE(user_id, ticket_name), also under concurrency', async () => {
    const { ledger } = setUp(10);
    expect(await ledger.record(SALE, 'a')).toBe('inserted');
    expect(await ledger.record(SALE, 'a')).toBe('duplicate');
    expect(await ledger.record('other-sale', 'a')).toBe('inserted');
    const spam = await Promise.all(Array.from({ length: 20 }, () => ledger.record(SALE, 'b')));
    expect(spam.filter((w) => w === 'inserted')).toHaveLength(1);
    expect(await ledger.purchases(SALE)).toEqual([
      { userId: 'a', rows: 1 },
      { userId: 'b', rows: 1 },
    ]);
    expect(await ledger.purchases('no-such-sale')).toEqual([]);
  });

  it('lists the rows after an id in id order, without the deleted ones, a re-bought row under its new id', async () => {
    const { ledger } = setUp(10);
    for (const user of ['a', 'b', 'c']) await ledger.record(SALE, user);
    await ledger.remove(SALE, 'b');
    await ledger.record(SALE, 'b');
    await ledger.recordMany(SALE, ['d', 'a']);
    expect(await ledger.rowsSince(SALE, 0)).toEqual([
      { id: 1, userId: 'a' },
      { id: 3, userId: 'c' },
      { id: 4, userId: 'b' },
      { id: 5, userId: 'd' },
    ]);
    expect(await ledger.rowsSince(SALE, 3)).toEqual([
      { id: 4, userId: 'b' },
      { id: 5, userId: 'd' },
    ]);
    expect(await ledger.rowsSince('no-such-sale', 0)).toEqual([]);
  });

  it('keeps at most poolSize queries in flight and queues the rest', async () => {
    const { ledger } = setUp(10);
    const results = await burst(ledger);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const stats = ledger.stats();
    expect(stats.maxInFlight).toBe(10);
    expect(stats.connections).toBe(10);
    expect(stats.inFlight).toBe(0);
    expect(await ledger.purchases(SALE)).toHaveLength(1000);
  });

  it('fails the excess with ER_CON_COUNT_ERROR when the pool outgrows max_connections', async () => {
    const { ledger } = setUp(1000, 151);
    const results = await burst(ledger);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0);
    for (const { reason } of failed) {
      expect(reason).toBeInstanceOf(InfrastructureError);
      const cause = (reason as InfrastructureError).cause as Error & { code?: string };
      expect(cause.code).toBe('ER_CON_COUNT_ERROR');
      expect(cause.message).toBe('Too many connections');
      expect((reason as InfrastructureError).message).toContain('Too many connections');
    }
    const stats = ledger.stats();
    expect(stats.connections).toBe(151);
    expect(stats.maxInFlight).toBeLessThanOrEqual(151);
    expect(stats.refusedConnections).toBe(failed.length);
    expect(await ledger.purchases(SALE)).toHaveLength(1000 - failed.length);
  });

  it('refuses no connection when the pool stays within max_connections', async () => {
    const { ledger } = setUp(151, 151);
    const results = await burst(ledger);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(ledger.stats()).toMatchObject({ refusedConnections: 0, maxInFlight: 151 });
  });

  it('recovers: queued queries retry a connection that the server refused', async () => {
    const { ledger } = setUp(5, 3);
    const results = await burst(ledger, 50);
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    expect(ok).toBeGreaterThan(0);
    expect(ok + ledger.stats().refusedConnections).toBe(50);
    expect(ledger.stats().connections).toBe(3);
  });

  it('takes a MySQL-like time per insert and is reproducible for a seed', async () => {
    const run = async (seed: number) => {
      const { clock, ledger } = setUp(10, undefined, seed);
      await burst(ledger, 200);
      return clock.nowUs();
    };
    const endUs = await run(2);
    expect(endUs).toBe(await run(2));
    // 200 inserts through 10 connections at ≥ 0.5 ms each: at least 20 waves of 0.5 ms.
    expect(endUs).toBeGreaterThan(20 * 500);
    expect(() => setUp(0)).toThrow(UsageError);
  });
});

describe('createMemoryLedger timing', () => {
  it('reports every statement with its pool wait and execution, and counts the server-side slow ones', async () => {
    const clock = createVirtualClock();
    const timings: StatementTiming[] = [];
    const ledger = createMemoryLedger({ clock, random: createRandom(2), poolSize: 2, observer: { statement: (t) => timings.push(t) }, slowThresholdMs: 1 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => ledger.record(SALE, `user-${i}`)));
    await ledger.purchases(SALE);
    expect(timings.filter((t) => t.kind === 'insert')).toHaveLength(50);
    expect(timings.filter((t) => t.kind === 'select')).toHaveLength(1);
    // Two connections for fifty inserts: the last ones waited for most of the run, and executed briefly.
    const last = timings.filter((t) => t.kind === 'insert').at(-1)!;
    expect(last.waitUs).toBeGreaterThan(10 * last.execUs);
    expect(timings.every((t) => t.ok && t.waitUs >= 0 && t.execUs > 0)).toBe(true);
    const server = await ledger.serverStats();
    expect(server).toMatchObject({ writes: 50, thresholdMs: 1 });
    expect(server!.slow).toBeGreaterThan(0);
    expect(server!.slow).toBeLessThan(50);
  });

  it('says nothing of the server without a threshold', async () => {
    const { ledger } = setUp(2);
    expect(await ledger.serverStats()).toBeUndefined();
  });
});

describe('createMemoryLedger without the UNIQUE key (the planted non-idempotent table)', () => {
  it('inserts every copy, counts each user\'s rows, and deletes them all', async () => {
    const clock = createVirtualClock();
    const ledger = createMemoryLedger({ clock, random: createRandom(3), poolSize: 2, idempotent: false });
    expect(await ledger.recordMany(SALE, ['a', 'b', 'a'])).toEqual({ inserted: 3, skipped: 0 });
    expect(await ledger.recordMany(SALE, ['a'])).toEqual({ inserted: 1, skipped: 0 });
    expect(await ledger.record(SALE, 'b')).toBe('inserted');
    expect(await ledger.purchases(SALE)).toEqual([
      { userId: 'a', rows: 3 },
      { userId: 'b', rows: 2 },
    ]);
    expect(await ledger.rowsSince(SALE, 1)).toEqual([
      { id: 2, userId: 'b' },
      { id: 3, userId: 'a' },
      { id: 4, userId: 'a' },
      { id: 5, userId: 'b' },
    ]);
    // Every row of the user goes; the count is of users (cancel events), as the worker's figures are.
    expect(await ledger.removeMany(SALE, ['a', 'c'])).toEqual({ deleted: 1, absent: 1 });
    expect(await ledger.remove(SALE, 'b')).toBe(true);
    expect(await ledger.purchases(SALE)).toEqual([]);
    expect(await ledger.rowsSince(SALE, 0)).toEqual([]);
    // A user bought again after the delete starts over with one row.
    await ledger.record(SALE, 'a');
    expect(await ledger.purchases(SALE)).toEqual([{ userId: 'a', rows: 1 }]);
  });
});

describe('createMemoryLedger for a seed', () => {
  it('gives the same answers at the same virtual instants it always has (the order of its draws is part of a seed)', async () => {
    const clock = createVirtualClock();
    const ledger = createMemoryLedger({ clock, random: createRandom(7), poolSize: 3, slowThresholdMs: 1 });
    const ends: number[] = [];
    const timed = <T>(work: Promise<T>) => work.then((answer) => (ends.push(clock.nowUs()), answer));
    const answers = await Promise.all([
      ...['a', 'b', 'a', 'c'].map((user) => timed(ledger.record(SALE, user))),
      timed(ledger.remove(SALE, 'b')),
      timed(ledger.recordFenced(SALE, 'd', 2)),
      timed(ledger.removeFenced(SALE, 'a', 1)),
      timed(ledger.recordMany(SALE, ['e', 'f', 'a'])),
      timed(ledger.removeMany(SALE, ['e', 'x'])),
    ]);
    expect(answers).toEqual(['duplicate', 'inserted', 'inserted', 'inserted', true, 'inserted', 'stale', { inserted: 2, skipped: 1 }, { deleted: 1, absent: 1 }]);
    expect(ends).toEqual([3191, 3220, 3565, 4149, 4574, 4768, 5048, 5516, 6019]);
    expect(await ledger.serverStats()).toMatchObject({ writes: 9, slow: 3, sessions: 3 });
  });
});
