// Tests of the virtual clock: virtual order, stable ties, speed, and an idle scheduler.
import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';
import { createVirtualClock } from './virtual-clock.js';

describe('createVirtualClock', () => {
  it('starts at 0 (or startUs) and advances only through sleep', async () => {
    const clock = createVirtualClock();
    expect(clock.nowUs()).toBe(0);
    await clock.sleep(1.5);
    expect(clock.nowUs()).toBe(1500);
    expect(createVirtualClock({ startUs: 42 }).nowUs()).toBe(42);
  });

  it('wakes 10,000 concurrent sleepers in virtual order, without waiting their time in real time', async () => {
    const clock = createVirtualClock();
    const random = createRandom(7);
    const durations = Array.from({ length: 10_000 }, () => Math.round(random.between(0, 5_000)));
    const woke: { index: number; atUs: number }[] = [];
    const started = performance.now();
    await Promise.all(
      durations.map(async (ms, index) => {
        await clock.sleep(ms);
        woke.push({ index, atUs: clock.nowUs() });
      }),
    );
    const realMs = performance.now() - started;

    // Virtual time jumps from timer to timer: 5 s of it never waits 5 s of real time.
    expect(realMs).toBeLessThan(clock.nowUs() / 1000);
    expect(woke).toHaveLength(10_000);
    const late = woke.filter(({ index, atUs }) => atUs !== (durations[index] as number) * 1000);
    expect(late).toEqual([]);
    const expected = durations.map((ms, index) => ({ index, atUs: ms * 1000 })).sort((a, b) => a.atUs - b.atUs); // stable: ties FIFO
    expect(woke).toEqual(expected);
    expect(clock.nowUs()).toBe(Math.max(...durations) * 1000);
  });

  it('lets all promise work at one instant finish before time moves on', async () => {
    const clock = createVirtualClock();
    const seen: string[] = [];
    const a = (async () => {
      await clock.sleep(1);
      for (let i = 0; i < 5; i++) await Promise.resolve(); // a chain of microtasks
      seen.push(`a@${clock.nowUs()}`);
    })();
    const b = (async () => {
      await clock.sleep(1.001);
      seen.push(`b@${clock.nowUs()}`);
    })();
    await Promise.all([a, b]);
    expect(seen).toEqual(['a@1000', 'b@1001']);
  });

  it('treats sleep(0) as "after everything runnable now" and never goes back in time', async () => {
    const clock = createVirtualClock();
    await clock.sleep(2);
    const order: number[] = [];
    await Promise.all([clock.sleep(0).then(() => order.push(0)), clock.sleep(-5).then(() => order.push(1))]);
    expect(order).toEqual([0, 1]);
    expect(clock.nowUs()).toBe(2000);
    await expect(clock.sleep(Number.NaN)).rejects.toBeInstanceOf(RangeError);
  });

  it('calls at() callbacks with their argument at their instant, in registration order with the sleepers there', async () => {
    const clock = createVirtualClock({ resolutionUs: 50 });
    const seen: string[] = [];
    const note = (what: string) => seen.push(`${what}@${clock.nowUs()}`);
    clock.at(0.12, note, 'b');
    const sleeper = clock.sleep(0.11).then(() => note('c'));
    clock.at(0.02, note, 'a');
    clock.at(0.101, () => clock.at(0, note, 'd'));
    await sleeper;
    await clock.sleep(1);
    // 0.11 ms and 0.12 ms share the 150 µs tick; what a callback adds at its own instant comes after.
    expect(seen).toEqual(['a@50', 'b@150', 'c@150', 'd@150']);
  });

  it('stops scheduling when idle and restarts on demand', async () => {
    const clock = createVirtualClock();
    expect(clock.running).toBe(false);
    const sleeping = clock.sleep(10);
    expect(clock.pending).toBe(1);
    expect(clock.running).toBe(true);
    await sleeping;
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(clock.pending).toBe(0);
    expect(clock.running).toBe(false);
    await clock.sleep(5);
    expect(clock.nowUs()).toBe(15_000);
  });

  it('gives the same timeline for the same seed', async () => {
    const timeline = async (seed: number): Promise<number[]> => {
      const clock = createVirtualClock();
      const random = createRandom(seed);
      const stamps: number[] = [];
      await Promise.all(
        Array.from({ length: 500 }, async () => {
          for (let hop = 0; hop < 3; hop++) {
            await clock.sleep(random.between(0.1, 3));
            stamps.push(clock.nowUs());
          }
        }),
      );
      return stamps;
    };
    expect(await timeline(3)).toEqual(await timeline(3));
    expect(await timeline(3)).not.toEqual(await timeline(4));
  });
});
