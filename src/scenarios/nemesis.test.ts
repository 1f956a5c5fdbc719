import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../config/faults.js';
import { createVirtualClock } from '../engine/memory/virtual-clock.js';
import type { ServiceSwitch } from '../engine/ports.js';
import { Nemesis } from './nemesis.js';
import type { NemesisDeps } from './nemesis.js';

const lockRun: NemesisDeps['run'] = { scenario: 'oversell', strategy: 'lock', write: 'sync' };
const behindRun: NemesisDeps['run'] = { scenario: 'write-behind', strategy: 'lua', write: 'behind' };

function nemesisOf(faults: FaultSpec[], extra: Partial<NemesisDeps> = {}) {
  const clock = createVirtualClock();
  const nemesis = new Nemesis({ faults, clock, run: lockRun, sinceRelease: () => clock.nowUs() / 1000, ...extra });
  return { nemesis, clock };
}

describe('Nemesis', () => {
  it('pause-holder stalls only the first `holders` holders that find the last seats', () => {
    const { nemesis } = nemesisOf([{ name: 'pause-holder', holders: 2, pauseMs: 3000 }]);
    const faults = nemesis.engineFaults()!;
    expect([50, 3, 2, 2, 1, 1].map((stock) => faults.holderPause!(stock))).toEqual([0, 0, 3000, 3000, 0, 0]);
    const [record] = nemesis.records();
    expect(record).toMatchObject({ name: 'pause-holder', spec: 'pause-holder:holders=2,pause=3s', fired: 2 });
    expect(record!.events[0]!.what).toBe('a lock holder that found 2 seats left stalls 3 s');
    expect(nemesis.live()).toEqual([{ name: 'pause-holder', fired: 2, last: 'a lock holder that found 2 seats left stalls 3 s' }]);
  });

  it('records a fault that does not apply as skipped, and never fires it', () => {
    const { nemesis } = nemesisOf([{ name: 'pause-holder', holders: 2, pauseMs: 3000 }], { run: { ...lockRun, strategy: 'lua' } });
    expect(nemesis.engineFaults()).toBeUndefined();
    expect(nemesis.records()[0]).toMatchObject({ fired: 0, summary: expect.stringMatching(/^did not apply: .*lua takes no lock/) });
  });

  it('kill-worker kills on schedule from the first release, and settle() waits for the last kill', async () => {
    const kills: number[] = [];
    const { nemesis, clock } = nemesisOf([{ name: 'kill-worker', times: 3, afterMs: 100, everyMs: 200 }], {
      run: behindRun,
      behind: {
        pending: async () => 1,
        killWorker: async () => {
          kills.push(clock.nowUs() / 1000);
          return { killed: `worker ${kills.length}`, behind: 7 };
        },
        rewind: async () => 0,
      },
    });
    nemesis.start();
    await nemesis.settle();
    expect(kills).toEqual([100, 300, 500]);
    expect(nemesis.records()[0]).toMatchObject({ fired: 3, summary: '3 of 3 worker kills (SIGKILL, then a replacement joined the group)' });
  });

  it('kill-worker waits for the workers to have something uncommitted, a few seconds at most', async () => {
    const kills: number[] = [];
    let backlog = 0;
    const { nemesis, clock } = nemesisOf([{ name: 'kill-worker', times: 2, afterMs: 100, everyMs: 100 }], {
      run: behindRun,
      behind: {
        pending: async () => backlog,
        killWorker: async () => {
          kills.push(clock.nowUs() / 1000);
          return { killed: 'w', behind: backlog };
        },
        rewind: async () => 0,
      },
    });
    clock.at(500, () => (backlog = 10));
    nemesis.start();
    await nemesis.settle();
    expect(kills[0]).toBeGreaterThanOrEqual(500);
    expect(kills[0]).toBeLessThan(600);
    backlog = 0;
    const idle = nemesisOf([{ name: 'kill-worker', times: 1, afterMs: 0, everyMs: 100 }], {
      run: behindRun,
      behind: { pending: async () => 0, killWorker: async () => ({ killed: 'w', behind: 0 }), rewind: async () => 0 },
    });
    idle.nemesis.start();
    await idle.nemesis.settle();
    expect(idle.clock.nowUs()).toBe(3_000_000);
    expect(idle.nemesis.records()[0]!.fired).toBe(1);
  });

  it('halt() stops further kills', async () => {
    let kills = 0;
    const { nemesis } = nemesisOf([{ name: 'kill-worker', times: 3, afterMs: 100, everyMs: 200 }], {
      run: behindRun,
      behind: { pending: async () => 1, killWorker: async () => ({ killed: `worker ${++kills}`, behind: 0 }), rewind: async () => 0 },
    });
    nemesis.start();
    nemesis.halt();
    await nemesis.settle();
    expect(kills).toBe(0);
  });

  it('redeliver rewinds and drains again after the drain, as often as asked', async () => {
    const calls: string[] = [];
    const { nemesis } = nemesisOf([{ name: 'redeliver', times: 2 }], {
      run: behindRun,
      behind: { pending: async () => 0, killWorker: async () => ({ killed: '', behind: 0 }), rewind: async () => (calls.push('rewind'), 10) },
    });
    await nemesis.afterDrain(async () => void calls.push('drain'));
    expect(calls).toEqual(['rewind', 'drain', 'rewind', 'drain']);
    expect(nemesis.records()[0]!.summary).toBe('2 rewinds of the consumer group: 20 committed records read again');
  });

  it('service-down stops the service for a while, then brings it back', async () => {
    const calls: string[] = [];
    const kafka: ServiceSwitch = { describe: 'test broker', stop: async () => void calls.push('stop'), start: async () => void calls.push('start') };
    const { nemesis, clock } = nemesisOf([{ name: 'service-down', service: 'kafka', afterMs: 1000, forMs: 5000 }], { run: behindRun, switches: { kafka } });
    nemesis.start();
    await nemesis.settle();
    expect(calls).toEqual(['stop', 'start']);
    expect(clock.nowUs()).toBe(6_000_000);
    const [record] = nemesis.records();
    expect(record!.fired).toBe(1);
    expect(record!.events.map((event) => event.what)).toEqual(['kafka stopped (test broker)', 'kafka back, 5.0 s after it was stopped']);
  });

  it('a stopped run brings a stopped service back at once, without waiting out the outage', async () => {
    const calls: string[] = [];
    const kafka: ServiceSwitch = { describe: 'test broker', stop: async () => void calls.push('stop'), start: async () => void calls.push('start') };
    const { nemesis, clock } = nemesisOf([{ name: 'service-down', service: 'kafka', afterMs: 0, forMs: 60_000 }], { run: behindRun, switches: { kafka } });
    nemesis.start();
    clock.at(1000, () => nemesis.halt());
    await nemesis.settle();
    expect(calls).toEqual(['stop', 'start']);
    expect(clock.nowUs()).toBe(1_000_000);
  });

  it('service-down without a switch for the service records why it did nothing', async () => {
    const { nemesis } = nemesisOf([{ name: 'service-down', service: 'kafka', afterMs: 0, forMs: 100 }], { run: behindRun });
    nemesis.start();
    await nemesis.settle();
    expect(nemesis.records()[0]).toMatchObject({ fired: 0, summary: 'did not apply: no kafka that ticketsim started is in this run' });
  });
});
