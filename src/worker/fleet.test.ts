// The in-process fleet under the kill-worker fault: workers killed mid-drain (the chunk in progress
// not committed) and replaced lose nothing and write nothing twice, the killed workers' figures stay
// in the totals, and those totals still account for every record delivered (at least once).
import { describe, expect, it } from 'vitest';
import { createMemoryInfrastructure } from '../engine/memory/index.js';
import { startInProcessFleet } from './fleet.js';

const SALE = 'concert-fleet';
const TOTAL = 3000;

/** The in-process log with a 4-partition topic and a fleet of `count` workers (chunks of 20) on it. */
async function setUp(count: number) {
  const infra = createMemoryInfrastructure({ seed: 11, poolSize: 4, withLog: true });
  const log = infra.log!;
  await log.createTopic('t', 4);
  const fleet = await startInProcessFleet({ count, topic: 't', group: 'g', dlqTopic: 't.dlq', batchSize: 20, writesInFlight: 2, log, ledger: infra.workerLedger! });
  const behind = async () => {
    const { end, committed } = await log.lag('t', 'g');
    return end - committed;
  };
  return { infra, log, fleet, behind };
}

describe('startInProcessFleet', () => {
  it('kills workers mid-drain and replaces them: one row per acknowledged purchase, every record accounted for', async () => {
    const { infra, log, fleet, behind } = await setUp(2);
    const bus = await log.bus('t', { redeliver: 0.1 });
    const acknowledged: string[] = [];
    await Promise.all(
      Array.from({ length: TOTAL }, async (_, i) => {
        const user = `user-${i}`;
        await bus.publish({ type: 'purchased', sale: SALE, user, id: `p${i}` });
        acknowledged.push(user);
      }),
    );

    // Kill each worker once while the group is still well behind.
    const killed: string[] = [];
    const behindAtKill: number[] = [];
    for (let kill = 0; kill < 2; kill++) {
      while ((await behind()) > TOTAL * (0.8 - kill * 0.3)) await infra.clock.sleep(1);
      behindAtKill.push(await behind());
      const { killed: name, replaced } = await fleet.kill();
      await replaced;
      killed.push(name);
    }
    while ((await behind()) > 0) await infra.clock.sleep(5);
    const stats = await fleet.stop();

    expect(killed).toEqual(['in-process worker 1', 'in-process worker 2']);
    expect(behindAtKill.every((records) => records > 0)).toBe(true);
    const rows = await infra.ledger.purchases(SALE);
    expect(rows.every((row) => row.rows === 1)).toBe(true);
    expect(rows.map((row) => row.userId).sort()).toEqual([...acknowledged].sort());

    // worker-accounted: every record delivered is accounted for, and every record sent was delivered.
    const { published, redelivered } = bus.stats();
    expect(stats.inserted).toBe(TOTAL);
    expect(stats.inserted + stats.skipped + stats.deleted + stats.absent + stats.deadLettered).toBe(stats.delivered);
    expect(stats.delivered).toBeGreaterThanOrEqual(published + redelivered);
    // The chunks the killed workers wrote but never committed came again, and were skipped.
    expect(stats.statements).toBeGreaterThan(stats.commits);
    expect(stats.skipped).toBeGreaterThan(redelivered);
    await bus.close();
  });

  it('keeps a killed worker\'s figures in the totals', async () => {
    const { infra, log, fleet, behind } = await setUp(1);
    const bus = await log.bus('t');
    await Promise.all(Array.from({ length: 200 }, (_, i) => bus.publish({ type: 'purchased', sale: SALE, user: `user-${i}`, id: `p${i}` })));
    while ((await behind()) > 100) await infra.clock.sleep(1);
    const before = fleet.stats().inserted;
    await (await fleet.kill()).replaced;
    expect(fleet.stats().inserted).toBeGreaterThanOrEqual(before);
    while ((await behind()) > 0) await infra.clock.sleep(5);
    expect(await fleet.stop()).toMatchObject({ inserted: 200 });
    await bus.close();
  });
});
