// Tests of the assembled in-process infrastructure: the Infrastructure contract and reproducibility
// of a whole purchase flow for a seed.
import { describe, expect, it } from 'vitest';
import { createMemoryInfrastructure } from './index.js';

/** A small lock-protected purchase flow over all the ports; returns what a run would report. */
async function flow(seed: number) {
  const infra = createMemoryInfrastructure({ seed, poolSize: 5 });
  const { inventory, locks, ledger, clock } = infra;
  await inventory.createSale('s', 20);
  const outcomes = await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const lease = await locks.acquireSale('s', 500);
      if (lease === undefined) return 'lock-timeout';
      try {
        const reservation = await inventory.reserve('s', `u${i % 80}`);
        if (reservation === 'reserved') await ledger.record('s', `u${i % 80}`);
        return reservation;
      } finally {
        await lease.release();
      }
    }),
  );
  const tally = new Map<string, number>();
  for (const o of outcomes) tally.set(o, (tally.get(o) ?? 0) + 1);
  const rows = await ledger.purchases('s');
  await infra.close();
  return { tally: [...tally].sort(), rows: rows.length, endUs: clock.nowUs() };
}

describe('createMemoryInfrastructure', () => {
  it('is an Infrastructure of kind memory that closes cleanly', async () => {
    const infra = createMemoryInfrastructure({ seed: 1, poolSize: 10 });
    expect(infra.kind).toBe('memory');
    expect(infra.versions).toEqual({ redis: 'in-process', mysql: 'in-process' });
    expect(infra.clock.nowUs()).toBe(0);
    await expect(infra.close()).resolves.toBeUndefined();
  });

  it('reproduces a whole run for the same seed', async () => {
    const a = await flow(11);
    expect(a.rows).toBe(20);
    expect(await flow(11)).toEqual(a);
    expect((await flow(12)).endUs).not.toBe(a.endUs);
  });
});
