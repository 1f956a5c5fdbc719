// The in-process log: partitions by key, consumer groups that split partitions, at-least-once
// delivery (what a member handled but never committed comes again to the member after it), and
// rewinding an idle group so it reads everything again, and a broker taken away and brought back.
import { describe, expect, it } from 'vitest';
import { encodeEvent } from '../events.js';
import type { LogBatch } from '../ports.js';
import { createMemoryLog } from './log.js';
import { createRandom } from './random.js';
import { createVirtualClock } from './virtual-clock.js';

function setUp() {
  const clock = createVirtualClock();
  return { clock, log: createMemoryLog({ clock, random: createRandom(3) }) };
}

const record = (user: string) => encodeEvent({ type: 'purchased', sale: 's', user, id: user });

describe('createMemoryLog', () => {
  it('keeps one key on one partition, in order', async () => {
    const { log } = setUp();
    await log.createTopic('t', 4);
    const bus = await log.bus('t');
    for (let i = 0; i < 3; i++) await bus.publish({ type: i === 1 ? 'cancelled' : 'purchased', sale: 's', user: 'user-1', id: `e${i}` });
    const values = log.records('t').map((r) => JSON.parse(r.value!).id as string);
    expect(values).toEqual(['e0', 'e1', 'e2']);
    await expect(log.createTopic('t', 1)).rejects.toThrow(/already exists/);
  });

  it('splits the partitions between the members of a group and reports lag', async () => {
    const { clock, log } = setUp();
    await log.createTopic('t', 2);
    for (let i = 0; i < 10; i++) log.append('t', i % 2, record(`user-${i}`));
    expect(await log.lag('t', 'g')).toEqual({
      end: 10,
      committed: 0,
      partitions: [
        { partition: 0, end: 5, committed: 0 },
        { partition: 1, end: 5, committed: 0 },
      ],
    });
    const seenBy: number[][] = [[], []];
    const members = [0, 1].map(() => log.consumer('t', 'g'));
    await Promise.all(
      members.map((member, m) =>
        member.start(async (batch: LogBatch) => {
          seenBy[m]!.push(batch.partition);
          await batch.commit(batch.records.at(-1)!.offset);
        }),
      ),
    );
    while ((await log.lag('t', 'g')).committed < 10) await clock.sleep(5);
    await Promise.all(members.map((member) => member.stop()));
    expect(new Set(seenBy[0])).not.toEqual(new Set(seenBy[1]));
    expect([...new Set([...seenBy[0]!, ...seenBy[1]!])].sort()).toEqual([0, 1]);
  });

  it('hands records handled but not committed to the next member (at least once)', async () => {
    const { clock, log } = setUp();
    await log.createTopic('t', 1);
    for (let i = 0; i < 5; i++) log.append('t', 0, record(`user-${i}`));
    const forgetful = log.consumer('t', 'g');
    let handled = 0;
    await forgetful.start(async (batch) => {
      handled += batch.records.length;
    });
    while (handled < 5) await clock.sleep(5);
    await forgetful.stop();
    const next = log.consumer('t', 'g');
    const again: string[] = [];
    await next.start(async (batch) => {
      again.push(...batch.records.map((r) => r.offset));
      await batch.commit(batch.records.at(-1)!.offset);
    });
    while (again.length < 5) await clock.sleep(5);
    await next.stop();
    expect(again).toEqual(['0', '1', '2', '3', '4']);
    expect(await log.lag('t', 'g')).toMatchObject({ end: 5, committed: 5 });
  });

  it('rewinds an idle group to the start: its next member reads everything again', async () => {
    const { clock, log } = setUp();
    await log.createTopic('t', 2);
    for (let i = 0; i < 6; i++) log.append('t', i % 2, record(`user-${i}`));
    const read: string[] = [];
    const member = () => {
      const consumer = log.consumer('t', 'g');
      const started = consumer.start(async (batch) => {
        read.push(...batch.records.map((r) => `${r.partition}:${r.offset}`));
        await batch.commit(batch.records.at(-1)!.offset);
      });
      return { consumer, started };
    };
    const first = member();
    await first.started;
    while ((await log.lag('t', 'g')).committed < 6) await clock.sleep(5);
    await expect(log.rewindGroup('t', 'g')).rejects.toThrow(/still has 1 members/);
    await first.consumer.stop();

    expect(await log.rewindGroup('t', 'g')).toBe(6);
    expect(await log.lag('t', 'g')).toMatchObject({ end: 6, committed: 0 });
    const second = member();
    await second.started;
    while ((await log.lag('t', 'g')).committed < 6) await clock.sleep(5);
    await second.consumer.stop();
    expect(read.sort()).toEqual(['0:0', '0:0', '0:1', '0:1', '0:2', '0:2', '1:0', '1:0', '1:1', '1:1', '1:2', '1:2']);
    expect(await log.rewindGroup('t', 'other')).toBe(0);
  });

  it('deletes only the topics and groups it is told to', async () => {
    const { log } = setUp();
    await log.createTopic('mine', 1);
    await log.createTopic('theirs', 1);
    await log.deleteTopics(['mine'], ['g']);
    await expect(log.lag('mine', 'g')).rejects.toThrow(/does not exist/);
    expect(await log.lag('theirs', 'g')).toEqual({ end: 0, committed: 0, partitions: [{ partition: 0, end: 0, committed: 0 }] });
  });

  it('with its broker away: a publish fails after the producer retries, nothing is fetched, lag cannot be read; then all resumes', async () => {
    const { clock, log } = setUp();
    await log.createTopic('t', 1);
    const bus = await log.bus('t');
    const fetched: string[] = [];
    const member = log.consumer('t', 'g');
    await member.start(async (batch) => {
      fetched.push(...batch.records.map((r) => r.key ?? ''));
      await batch.commit(batch.records.at(-1)!.offset);
    });
    await log.broker.stop();
    log.append('t', 0, record('user-1'));
    const started = clock.nowUs();
    await expect(bus.publish({ type: 'purchased', sale: 's', user: 'user-2', id: 'e2' })).rejects.toThrow(/the broker is away/);
    expect(clock.nowUs() - started).toBeGreaterThanOrEqual(2_000_000);
    expect(fetched).toEqual([]);
    await expect(log.lag('t', 'g')).rejects.toThrow(/the broker is away/);
    await log.broker.start();
    await bus.publish({ type: 'purchased', sale: 's', user: 'user-3', id: 'e3' });
    await clock.sleep(50);
    expect(fetched).toEqual(['user-1', 'user-3']);
    expect(await log.lag('t', 'g')).toMatchObject({ end: 2, committed: 2 });
    await member.stop();
  });
});
