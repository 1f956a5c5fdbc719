// Tests of the phase log's live figures: the throughput a dashboard shows while a run goes is the
// one its result ends on, also while the last replies drain and across phases.
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../engine/memory/virtual-clock.js';
import type { Clock } from '../engine/ports.js';
import { Burst } from './burst.js';
import { OperationLatencies } from './latency-recorder.js';
import { PhaseLog } from './phase-log.js';

/** A burst of `total` purchases on `clock`, each answered `sold-out` after `replyMs(index)`. */
function burst(clock: Clock, total: number, replyMs: (index: number) => number): Burst {
  return new Burst({
    total,
    maxInFlight: total,
    clock,
    latency: new OperationLatencies(),
    attempt: (index, act) =>
      act('purchase', async () => {
        await clock.sleep(replyMs(index));
        return { kind: 'sold-out' as const };
      }),
  });
}

/** Reads `read()` at each of `atMs` (clock time from now) while `work` runs. */
async function sampleWhile(clock: Clock, atMs: readonly number[], read: () => number, work: Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  const sampling = (async () => {
    let now = 0;
    for (const at of atMs) {
      await clock.sleep(at - now);
      now = at;
      samples.push(read());
    }
  })();
  await Promise.all([work, sampling]);
  return samples;
}

describe('PhaseLog.throughput', () => {
  it('is operations over burst time, so while the last replies drain it closes in on the final figure', async () => {
    const clock = createVirtualClock();
    const phases = new PhaseLog(1);
    // 99 replies within 10 ms, then one straggler at 2 s: the final throughput is 100 / 2 s = 50/s.
    const only = burst(clock, 100, (index) => (index === 99 ? 2000 : 10));
    phases.start('burst', only);
    const samples = await sampleWhile(clock, [1000, 1500, 1990], () => phases.throughput(), only.run());
    const final = phases.throughput();
    expect(final).toBe(Math.round((phases.counts().attempts / phases.durationMs()) * 1000));
    expect(final).toBe(50);
    // A one-second window would read 0/s here; the run's own figure only falls towards 50/s.
    expect(samples).toEqual([99, 66, 50]);
  });

  it('adds up every phase, and stays put between phases', async () => {
    const clock = createVirtualClock();
    const phases = new PhaseLog(2);
    const first = burst(clock, 100, () => 1000);
    phases.start('sell-out', first);
    await first.run();
    expect(phases.throughput()).toBe(100);
    await clock.sleep(5000);
    expect(phases.throughput()).toBe(100);
    const second = burst(clock, 300, () => 1000);
    phases.start('storm', second);
    await second.run();
    expect(phases.durationMs()).toBe(2000);
    expect(phases.throughput()).toBe(200);
  });

  it('is 0 before the first release', () => {
    expect(new PhaseLog(1).throughput()).toBe(0);
  });
});
