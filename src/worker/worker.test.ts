// The worker over the in-process log and ledger: writes in partition order, skips what the UNIQUE
// key already holds, dead-letters malformed records, commits after the write, loses nothing when a
// member leaves and another takes over (at least once); counts and reports a chunk only once its
// write is done, before its commit; and a crash commits nothing more.
import { describe, expect, it } from 'vitest';
import { encodeEvent } from '../engine/events.js';
import { createMemoryInfrastructure } from '../engine/memory/index.js';
import type { SaleEvent } from '../engine/ports.js';
import { oneBatch } from './fixtures.js';
import { createWorker } from './worker.js';

const SALE = 'concert-w';
const purchased = (i: number): SaleEvent => ({ type: 'purchased', sale: SALE, user: `user-${i}`, id: `p${i}` });
const cancelled = (i: number): SaleEvent => ({ type: 'cancelled', sale: SALE, user: `user-${i}`, id: `c${i}` });

/** An in-process log with a 2-partition topic, the ledger, and a way to wait for the group to catch up. */
async function setUp() {
  const infra = createMemoryInfrastructure({ seed: 4, poolSize: 4, withLog: true });
  const log = infra.log!;
  await log.createTopic('t', 2);
  const bus = await log.bus('t');
  const deadLetters = await log.deadLetters('t.dlq');
  const worker = (group = 'g', batchSize = 50) => createWorker({ topic: 't', consumer: log.consumer('t', group), ledger: infra.ledger, deadLetters, batchSize, writesInFlight: 2 });
  const drained = async (group = 'g') => {
    for (;;) {
      const { end, committed } = await log.lag('t', group);
      if (committed >= end) return;
      await infra.clock.sleep(10);
    }
  };
  const users = async () => (await infra.ledger.purchases(SALE)).map((row) => row.userId).sort();
  return { infra, log, bus, worker, drained, users };
}

describe('createWorker', () => {
  it('writes purchases and cancels in order and skips what is already there', async () => {
    const { bus, worker, drained, users } = await setUp();
    const w = worker();
    await w.start();
    await Promise.all([purchased(1), purchased(2), purchased(3)].map((e) => bus.publish(e)));
    await bus.publish(cancelled(2));
    await Promise.all([purchased(1), purchased(3)].map((e) => bus.publish(e))); // redelivered copies
    await drained();
    const stats = await w.stop();
    expect(await users()).toEqual(['user-1', 'user-3']);
    expect(stats).toMatchObject({ delivered: 6, inserted: 3, skipped: 2, deleted: 1, absent: 0, deadLettered: 0 });
    expect(stats.commits).toBeGreaterThan(0);
  });

  it('sends a malformed record to the dead-letter topic with its reason, and keeps going', async () => {
    const { log, bus, worker, drained, users } = await setUp();
    const w = worker();
    await w.start();
    // An outside producer's records, straight into the topic.
    log.append('t', 0, { key: null, value: 'not json' });
    log.append('t', 1, { ...encodeEvent(purchased(1)), value: '{"v":1,"type":"refunded","sale":"s","user":"user-1","id":"x"}' });
    await bus.publish(purchased(2));
    await drained();
    const stats = await w.stop();
    expect(await users()).toEqual(['user-2']);
    expect(stats).toMatchObject({ delivered: 3, inserted: 1, deadLettered: 2 });
    const letters = log.records('t.dlq');
    expect(letters.map((letter) => [letter.value, letter.headers?.reason, letter.headers?.['source-topic']])).toEqual(
      expect.arrayContaining([
        ['not json', 'value is not JSON', 't'],
        ['{"v":1,"type":"refunded","sale":"s","user":"user-1","id":"x"}', 'unknown type "refunded"', 't'],
      ]),
    );
  });

  it('loses nothing when one member leaves mid-stream and another takes over', async () => {
    const { bus, worker, drained, users } = await setUp();
    const first = worker('g', 7);
    const second = worker('g', 7);
    await first.start();
    await second.start();
    const publishing = Promise.all(Array.from({ length: 300 }, (_, i) => bus.publish(purchased(i))));
    await first.stop();
    await publishing;
    await drained();
    const stats = await second.stop();
    expect(await users()).toHaveLength(300);
    expect(stats.inserted + first.stats().inserted).toBe(300);
  });

  it('counts and reports each chunk after its write and before its commit', async () => {
    const trace: string[] = [];
    const { worker } = oneBatch([purchased(0), purchased(1), purchased(2), purchased(3), purchased(4)], trace, (w) => ({
      recordMany: async (_sale, users) => {
        trace.push(`write ${users.length} (counted so far ${w().stats().delivered})`);
        return { inserted: users.length, skipped: 0 };
      },
    }));
    await worker.start();
    expect(trace).toEqual([
      'write 2 (counted so far 0)',
      'reported 2',
      'commit 1',
      'write 2 (counted so far 2)',
      'reported 4',
      'commit 3',
      'write 1 (counted so far 4)',
      'reported 5',
      'commit 4',
    ]);
    expect(await worker.stop()).toMatchObject({ delivered: 5, inserted: 5, statements: 3, commits: 3 });
  });

  it('crashing after a write: that chunk stays counted but is not committed', async () => {
    const trace: string[] = [];
    let crashed: Promise<unknown> | undefined;
    const { worker } = oneBatch([purchased(0), purchased(1), purchased(2), purchased(3)], trace, (w) => ({
      recordMany: async (_sale, users) => {
        trace.push(`write ${users.length}`);
        if (trace.includes('commit 1')) crashed ??= w().crash();
        return { inserted: users.length, skipped: 0 };
      },
    }));
    await worker.start();
    expect(await crashed).toMatchObject({ delivered: 4, inserted: 4, commits: 1 });
    expect(trace).toEqual(['write 2', 'reported 2', 'commit 1', 'write 2', 'reported 4']);
  });

  it('crashing mid-chunk: no statement after it, and nothing of the chunk counted (never half a chunk)', async () => {
    const trace: string[] = [];
    let crashed: Promise<unknown> | undefined;
    const { worker } = oneBatch([purchased(0), cancelled(0)], trace, (w) => ({
      recordMany: async (_sale, users) => {
        trace.push(`write ${users.length}`);
        crashed ??= w().crash();
        return { inserted: users.length, skipped: 0 };
      },
      removeMany: async (_sale, users) => {
        trace.push(`delete ${users.length}`);
        return { deleted: users.length, absent: 0 };
      },
    }));
    await worker.start();
    expect(await crashed).toMatchObject({ delivered: 0, inserted: 0, commits: 0 });
    expect(trace).toEqual(['write 1']);
  });
});
