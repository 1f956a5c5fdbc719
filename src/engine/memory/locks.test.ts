// Tests of the in-process locks: mutual exclusion, bounded retries ending in a timeout, lease expiry
// in virtual time, and token-checked release.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { createMemoryLocks } from './locks.js';
import type { MemoryLocksOptions } from './locks.js';
import { createRandom } from './random.js';
import { createVirtualClock } from './virtual-clock.js';

function setUp(settings: Omit<MemoryLocksOptions, 'clock' | 'random'> = {}, seed = 1) {
  const clock = createVirtualClock();
  return { clock, locks: createMemoryLocks({ clock, random: createRandom(seed), ...settings }) };
}

describe('createMemoryLocks', () => {
  it('never lets two holders into the critical section', async () => {
    const { clock, locks } = setUp();
    let holders = 0;
    let most = 0;
    let entered = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const lease = await locks.acquireSale('sale', 1000);
        if (lease === undefined) return 'timeout';
        holders++;
        entered++;
        most = Math.max(most, holders);
        await clock.sleep(2); // the protected work, well inside the ttl
        holders--;
        await lease.release();
        return 'held';
      }),
    );
    expect(most).toBe(1);
    expect(entered).toBe(outcomes.filter((o) => o === 'held').length);
    expect(entered).toBeGreaterThan(0);
  });

  it('returns undefined (a lock timeout) when the sale’s lock stays held past the retries', async () => {
    const { clock, locks } = setUp({ retryCount: 3, retryDelayMs: 10, retryJitterMs: 5 });
    const first = await locks.acquireSale('r', 10_000);
    expect(first).toBeDefined();
    const before = clock.nowUs();
    expect(await locks.acquireSale('r', 10_000)).toBeUndefined();
    const waitedMs = (clock.nowUs() - before) / 1000;
    expect(waitedMs).toBeGreaterThanOrEqual(3 * 5); // three back-offs of 10 ± 5 ms
    expect(waitedMs).toBeLessThan(3 * 15 + 5);
    await first?.release();
    expect(await locks.acquireSale('r', 10_000)).toBeDefined();
  });

  it('uses the Redlock defaults: 50 retries of 200 ± 100 ms', async () => {
    const { clock, locks } = setUp();
    await locks.acquireSale('r', 60_000);
    const before = clock.nowUs();
    expect(await locks.acquireSale('r', 60_000)).toBeUndefined();
    const waitedMs = (clock.nowUs() - before) / 1000;
    expect(waitedMs).toBeGreaterThan(50 * 160);
    expect(waitedMs).toBeLessThan(50 * 240);
  });

  it('expires a lease after its ttl in virtual time', async () => {
    const { clock, locks } = setUp({ retryCount: 0 });
    expect(await locks.acquireSale('r', 100)).toBeDefined();
    expect(await locks.acquireSale('r', 100)).toBeUndefined();
    await clock.sleep(101);
    expect(await locks.acquireSale('r', 100)).toBeDefined();
  });

  it('keeps an expired holder from releasing the newer holder’s lock', async () => {
    const { clock, locks } = setUp({ retryCount: 0 });
    const stale = await locks.acquireSale('r', 50);
    await clock.sleep(60); // the holder pauses past its ttl
    const current = await locks.acquireSale('r', 1000);
    expect(current).toBeDefined();
    await stale?.release(); // must not delete the current holder's key
    expect(await locks.acquireSale('r', 1000)).toBeUndefined();
    await current?.release();
    await current?.release(); // a second release is harmless
    expect(await locks.acquireSale('r', 1000)).toBeDefined();
  });

  it('keeps the locks of different sales independent', async () => {
    const { locks } = setUp({ retryCount: 0 });
    expect(await locks.acquireSale('a', 1000)).toBeDefined();
    expect(await locks.acquireSale('b', 1000)).toBeDefined();
  });

  it('is reproducible for a seed and rejects nonsense settings', async () => {
    const run = async (seed: number) => {
      const { clock, locks } = setUp({ retryCount: 5 }, seed);
      const got = await Promise.all(Array.from({ length: 50 }, () => locks.acquireSale('r', 20)));
      return { held: got.filter(Boolean).length, endUs: clock.nowUs() };
    };
    expect(await run(4)).toEqual(await run(4));
    expect(() => setUp({ retryCount: -1 })).toThrow(UsageError);
    await expect(setUp().locks.acquireSale('r', 0)).rejects.toBeInstanceOf(UsageError);
  });
});
