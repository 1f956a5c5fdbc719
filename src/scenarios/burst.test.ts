// Tests of the load generator: a stall of the system shows in the corrected latency and not in
// the service time (coordinated omission), a burst waits at the in-flight cap while a rate drops,
// and the memory held does not grow with the number of attempts.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createRealClock } from '../engine/real-clock.js';
import { createVirtualClock } from '../engine/memory/virtual-clock.js';
import type { Clock } from '../engine/ports.js';
import { Burst } from './burst.js';
import type { BurstOptions } from './burst.js';
import { OperationLatencies } from './latency-recorder.js';
// The whole in-process run path, for its memory test (test files may cross the layers).
import { startRun } from '../runner/run.js';

const soldOut = async () => ({ kind: 'sold-out' as const });

function burst(clock: Clock, options: Partial<BurstOptions> & Pick<BurstOptions, 'total' | 'attempt'>): Burst {
  return new Burst({ maxInFlight: 1000, clock, latency: new OperationLatencies(), ...options });
}

/**
 * A virtual clock the test can stall: stall(ms) moves its time on at once, as a generator that
 * stopped for `ms` (a long GC pause, a system that stops answering in process) finds it when it
 * runs again. Virtual, so what is late and by how much does not depend on the machine's speed.
 */
function stallableClock(): { clock: Clock; stall(ms: number): void } {
  const virtual = createVirtualClock();
  let skippedUs = 0;
  return {
    clock: { nowUs: () => virtual.nowUs() + skippedUs, sleep: (ms) => virtual.sleep(ms), idle: () => virtual.idle?.() ?? false },
    stall: (ms) => {
      skippedUs += ms * 1000;
    },
  };
}

describe('Burst', () => {
  it('counts a stall of the system in the corrected latency of every attempt due during it, not in their service time', async () => {
    const latency = new OperationLatencies();
    const { clock, stall } = stallableClock();
    // 1,000 arrivals/s for 0.4 s; the 100th purchase stalls the process 100 ms (an in-process
    // system that stops answering), so the ~100 arrivals due meanwhile are sent late. Their replies
    // are then immediate: only the correction, timing them from when they were due, sees the stall.
    const run = burst(clock, {
      total: 400,
      arrivals: { kind: 'rate', rate: 1000, durationMs: 400 },
      latency,
      attempt: async (index, act) => {
        await act('purchase', async () => {
          if (index === 100) stall(100);
          return { kind: 'sold-out' as const };
        });
      },
    });
    await run.run();
    const purchase = latency.summary().purchase!;
    expect(purchase.count).toBe(400);
    expect(purchase.p90).toBeGreaterThanOrEqual(20_000);
    expect(purchase.p99).toBeGreaterThanOrEqual(80_000);
    // Timed from their delayed sends, the waiting attempts look instant; only the stalled one is slow.
    expect(purchase.raw.p90).toBeLessThan(5_000);
    expect(purchase.raw.max).toBeGreaterThanOrEqual(100_000);
    expect(run.lateStarts).toBeGreaterThanOrEqual(50);
    expect(run.startLag.summary().max).toBeGreaterThanOrEqual(90_000);
  });

  it('never sends an arrival before it is due, even on a clock whose sleeps wake early', async () => {
    const virtual = createVirtualClock();
    // As Node's timers do: a fraction of a millisecond is dropped, and less than 1 ms is 1 ms.
    const early: Clock = { nowUs: () => virtual.nowUs(), sleep: (ms) => virtual.sleep(Math.max(1, Math.floor(ms))), idle: () => virtual.idle?.() ?? false };
    const latency = new OperationLatencies();
    const run = burst(early, {
      total: 300,
      arrivals: { kind: 'rate', rate: 700, durationMs: 428 },
      latency,
      attempt: async (_index, act) => {
        await act('purchase', () => virtual.sleep(1).then(() => ({ kind: 'sold-out' as const })));
      },
    });
    await run.run();
    const purchase = latency.summary().purchase!;
    // Each reply takes 1 ms: timed from when it was due, none can take less.
    expect(purchase.min).toBeGreaterThanOrEqual(purchase.raw.min);
    expect(purchase.min).toBeGreaterThanOrEqual(1000);
  });

  it('makes a burst wait for a slot at the cap: all start, never more than the cap in flight', async () => {
    const clock = createVirtualClock();
    let inFlight = 0;
    let most = 0;
    const run = burst(clock, {
      total: 50,
      maxInFlight: 3,
      attempt: async (_, act) => {
        most = Math.max(most, ++inFlight);
        await act('purchase', async () => {
          await clock.sleep(10);
          return { kind: 'purchased' as const };
        });
        inFlight--;
      },
    });
    await run.run();
    expect(most).toBe(3);
    expect(run.counts).toMatchObject({ attempts: 50, purchased: 50, dropped: 0, errors: 0 });
    // 50 attempts of 10 ms, 3 at a time: the last starts 160 ms after the release, and is late.
    expect(run.startLag.summary().max).toBeGreaterThanOrEqual(160_000);
    expect(run.elapsedMs).toBeCloseTo(170, 0);
  });

  it('makes a rate drop the arrivals that find the cap full, and counts them', async () => {
    const clock = createVirtualClock();
    const run = burst(clock, {
      total: 100,
      maxInFlight: 2,
      arrivals: { kind: 'rate', rate: 1000, durationMs: 100 },
      attempt: async (_, act) => {
        await act('purchase', async () => {
          await clock.sleep(10);
          return { kind: 'purchased' as const };
        });
      },
    });
    await run.run();
    expect(run.counts.dropped).toBeGreaterThan(50);
    expect(run.started + run.counts.dropped).toBe(100);
    expect(run.done).toBe(100);
    // A dropped arrival is not a late start: every attempt that started, started on time.
    expect(run.lateStarts).toBe(0);
  });

  it('ends a run whose in-process replies can never come, counting them as errors with the cause', async () => {
    const clock = createVirtualClock();
    const run = burst(clock, {
      total: 10,
      maxInFlight: 4,
      attempt: async (index, act) => {
        // A planted simulator bug: the third purchase waits on a promise nothing will settle.
        await act('purchase', () => (index === 2 ? new Promise<never>(() => undefined) : clock.sleep(1).then(() => ({ kind: 'sold-out' as const }))));
      },
    });
    await run.run();
    expect(run.counts).toMatchObject({ soldOut: 9, errors: 1, attempts: 10, notStarted: 0 });
    expect(run.errorCauses()).toEqual([{ cause: expect.stringMatching(/^in-process simulation stalled/), count: 1 }]);
  });

  it('counts a reply a real service never sends as an error once the operation timeout passes, and ends', async () => {
    const run = burst(createRealClock(), {
      total: 3,
      operationTimeoutMs: 50,
      attempt: async (index, act) => {
        await act('purchase', () => (index === 1 ? new Promise<never>(() => undefined) : soldOut()));
      },
    });
    await run.run();
    expect(run.counts).toMatchObject({ attempts: 3, soldOut: 2, errors: 1 });
    expect(run.errorCauses()).toEqual([{ cause: 'no reply within 50 ms', count: 1 }]);
  });

  it('sends attempts of one operation each without act, telling each answer with its index', async () => {
    const clock = createVirtualClock();
    const latency = new OperationLatencies();
    const heard: [number, string | undefined][] = [];
    const run = burst(clock, {
      total: 6,
      maxInFlight: 2,
      latency,
      attempt: {
        operation: 'purchase',
        send: async (index) => {
          await clock.sleep(10);
          if (index === 4) throw new Error('connection reset');
          return { kind: index < 2 ? ('purchased' as const) : ('sold-out' as const) };
        },
      },
      answered: (index, outcome) => heard.push([index, outcome?.kind]),
    });
    await run.run();
    expect(run.counts).toMatchObject({ attempts: 6, purchased: 2, soldOut: 3, errors: 1 });
    expect(run.errorCauses()).toEqual([{ cause: 'connection reset', count: 1 }]);
    expect(heard.sort(([a], [b]) => a - b)).toEqual([[0, 'purchased'], [1, 'purchased'], [2, 'sold-out'], [3, 'sold-out'], [4, undefined], [5, 'sold-out']]);
    // Two at a time, 10 ms each: the last pair waited 20 ms for its slots, timed from the release.
    expect(latency.summary().purchase!.max).toBeGreaterThanOrEqual(30_000);
    expect(run.operations).toEqual(['purchase']);
  });

  it('counts an attempt that throws outside act as an error with its cause', async () => {
    const run = burst(createVirtualClock(), {
      total: 4,
      attempt: async (index, act) => {
        if (index % 2 === 1) throw new Error('scenario step failed');
        await act('purchase', soldOut);
      },
    });
    await run.run();
    expect(run.counts).toMatchObject({ attempts: 2, soldOut: 2, errors: 2 });
    expect(run.errorCauses()).toEqual([{ cause: 'scenario step failed', count: 2 }]);
  });

  describe('memory that does not grow with the number of attempts', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    /** Bytes in use after a full GC: the JavaScript heap, and array buffers (typed arrays) apart. */
    const inUse = (): { heap: number; buffers: number } => {
      gc();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return { heap: heapUsed, buffers: arrayBuffers };
    };

    it('holds no state per attempt in the generator: the heap after 200,000 attempts is the heap after 10,000', async () => {
      /** Heap in use halfway through a burst of `total` attempts. */
      const heapMidway = async (total: number): Promise<number> => {
        let heap = 0;
        const clock = createVirtualClock();
        await burst(clock, {
          total,
          attempt: async (index, act) => {
            if (index === total / 2) heap = inUse().heap;
            await act('purchase', async () => {
              await clock.sleep(1);
              return { kind: 'sold-out' as const };
            });
          },
        }).run();
        return heap;
      };
      await heapMidway(10_000); // warm up: code, histograms, WASM
      const small = await heapMidway(10_000);
      const large = await heapMidway(200_000);
      // Measured: tens of kB apart. Keeping even 24 bytes per attempt would add 2.3 MB by halfway.
      expect(large - small).toBeLessThan(2 * 1024 * 1024);
    });

    it('holds no state per buyer on the whole in-process run path but one byte of answers', async () => {
      /** Memory in use halfway through an in-process oversell run of `users` buyers (the runner, target, engine and checks). */
      const midway = async (users: number): Promise<{ heap: number; buffers: number }> => {
        let seen = 0;
        let memory = { heap: 0, buffers: 0 };
        const run = startRun(loadConfig({ scenario: 'oversell', strategy: 'lua', infra: 'memory', users, stock: 1000, json: true }, {}));
        run.listen({ operationEnded: () => void (++seen === users / 2 && (memory = inUse())) });
        const result = await run.result;
        expect(result.counts).toMatchObject({ attempts: users, purchased: 1000, errors: 0 });
        expect(result.ok).toBe(true);
        return memory;
      };
      await midway(20_000); // warm up
      const small = await midway(20_000);
      const large = await midway(400_000);
      // Measured: the heaps within 200 kB, the buffers 380,000 bytes apart (the answers' byte a
      // buyer). A string or object kept per buyer (30 bytes or more) would add 5 MB by halfway.
      expect(large.heap - small.heap).toBeLessThan(2 * 1024 * 1024);
      expect(large.buffers - small.buffers).toBeLessThan(380_000 + 512 * 1024);
    }, 120_000);
  });
});
