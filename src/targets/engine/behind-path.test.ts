// The write-behind path's faults on the in-process infrastructure: killing a worker mid-drain and
// rewinding the group under a fresh fleet keep one row per acknowledged purchase, with worker
// figures totalled over every fleet; and a drain outlives a log that briefly cannot say its lag.
import { describe, expect, it } from 'vitest';
import { workerLauncher } from '../../cli/workers.js';
import { loadConfig } from '../../config/config.js';
import type { WriteConfig } from '../../config/write-config.js';
import { createMemoryInfrastructure } from '../../engine/memory/index.js';
import type { EventLog, Infrastructure } from '../../engine/ports.js';
import { checkBehind } from './behind-checks.js';
import { BehindPath } from './behind-path.js';

const SALE = 'concert-path';
const WRITE: WriteConfig = { mode: 'behind', workers: 2, partitions: 4, redeliver: 0, drainTimeoutMs: 5000, keepTopic: false, batchSize: 25, writesInFlight: 2 };
const launcher = workerLauncher(loadConfig({}).services);

/** Opens the path over the in-process infrastructure (its log replaced by `log`, when given). */
async function open(options: { log?: (log: EventLog) => EventLog; write?: Partial<WriteConfig> } = {}) {
  const memory = createMemoryInfrastructure({ seed: 5, poolSize: 4, withLog: true });
  const infra: Infrastructure = { ...memory, log: options.log?.(memory.log!) ?? memory.log };
  const path = await BehindPath.open({ infra, runId: 'test', write: { ...WRITE, ...options.write }, launcher, sale: SALE, originUs: () => 0 });
  const buy = (count: number) => Promise.all(Array.from({ length: count }, (_, i) => path.writer.purchase(SALE, `user-${i}`)));
  return { infra, path, buy };
}

describe('BehindPath faults', () => {
  it('a worker killed mid-drain and the group rewound: one row each, figures over every fleet', async () => {
    const { infra, path, buy } = await open({ write: { redeliver: 0.05 } });
    await buy(1000);
    const kill = await path.killWorker();
    expect(kill).toEqual({ killed: 'in-process worker 1', behind: expect.any(Number) });
    expect(kill.behind).toBeGreaterThan(0);
    await path.drain();
    const beforeRewind = path.workerStats();
    const { published, redelivered } = path.observation([], beforeRewind);

    // Every record was committed, so every record is read again.
    expect(await path.rewind()).toBe(published + redelivered);
    await path.drain();
    const workers = await path.stopWorkers();
    const rows = await infra.ledger.purchases(SALE);
    await path.release();

    expect(rows).toHaveLength(1000);
    expect(rows.every((row) => row.rows === 1)).toBe(true);
    // The second fleet read everything again and skipped it all.
    expect(workers.inserted).toBe(1000);
    expect(workers.delivered).toBeGreaterThanOrEqual(2 * beforeRewind.inserted);
    expect(workers.skipped).toBeGreaterThanOrEqual(1000);
    const checks = checkBehind(path.observation(rows, workers));
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    await expect(path.killWorker()).rejects.toThrow(/already stopped/);
  });

  it('a drain keeps asking a log that briefly fails to say its lag', async () => {
    let failures = 5;
    const { path, buy } = await open({ log: (log) => ({ ...log, lag: (topic, group) => (failures-- > 0 ? Promise.reject(new Error('broker away')) : log.lag(topic, group)) }) });
    await buy(100);
    await path.drain();
    expect(path.drainError()).toBeUndefined();
    expect(path.observation([], await path.stopWorkers())).toMatchObject({ drained: true, lagRecords: 0 });
    await path.release();
  });

  it('a drain that never hears the lag times out and says why', async () => {
    const { path, buy } = await open({ log: (log) => ({ ...log, lag: () => Promise.reject(new Error('broker away')) }), write: { drainTimeoutMs: 300 } });
    await buy(10);
    await path.drain();
    expect(path.drainError()).toBe('broker away');
    expect(path.observation([], await path.stopWorkers())).toMatchObject({ drained: false });
    await path.release();
  });
});
