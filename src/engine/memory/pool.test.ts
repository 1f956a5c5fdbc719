// Tests of the in-process connection pool on its own: connections opened on demand and kept, the
// queue served first come first served, and a refused connection letting the next in line try.
import { describe, expect, it } from 'vitest';
import { InfrastructureError, UsageError } from '../../errors.js';
import { createServiceTimes } from './latency.js';
import { createMemoryPool } from './pool.js';
import { createRandom } from './random.js';
import { createVirtualClock } from './virtual-clock.js';

function poolOf(poolSize: number, maxConnections?: number) {
  const clock = createVirtualClock();
  return { clock, pool: createMemoryPool({ clock, times: createServiceTimes(createRandom(1)), poolSize, maxConnections }) };
}

describe('createMemoryPool', () => {
  it('opens connections up to its size, keeps them, and serves the queue in order', async () => {
    const { pool } = poolOf(2);
    const order: number[] = [];
    await Promise.all([pool.take(), pool.take()]);
    const waiting = [1, 2, 3].map((n) => pool.take().then(() => order.push(n)));
    expect(pool.stats()).toEqual({ inFlight: 2, maxInFlight: 2, connections: 2, refusedConnections: 0 });
    pool.give();
    pool.give();
    await Promise.all(waiting.slice(0, 2));
    pool.give();
    await waiting[2];
    expect(order).toEqual([1, 2, 3]);
    expect(pool.stats()).toMatchObject({ inFlight: 2, connections: 2 });
  });

  it('refuses a connection beyond max_connections, and the one waiting for it tries anew instead of waiting forever', async () => {
    const { pool } = poolOf(2, 1);
    const results = await Promise.allSettled([pool.take(), pool.take(), pool.take()]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    const reason = (results[1] as PromiseRejectedResult).reason as InfrastructureError;
    expect(reason).toBeInstanceOf(InfrastructureError);
    expect((reason.cause as { code?: string }).code).toBe('ER_CON_COUNT_ERROR');
    expect(pool.stats()).toEqual({ inFlight: 1, maxInFlight: 1, connections: 1, refusedConnections: 2 });
    pool.give();
    await pool.take();
    expect(pool.stats()).toMatchObject({ connections: 1, inFlight: 1 });
  });

  it('refuses a size or a max_connections that is not a whole number ≥ 1', () => {
    expect(() => poolOf(0)).toThrow(UsageError);
    expect(() => poolOf(2, 1.5)).toThrow(/max_connections must be a whole number/);
  });
});
