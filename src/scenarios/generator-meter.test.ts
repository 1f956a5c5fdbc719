// Tests of the generator meter: CPU and wall time counted from the run's start only, the highest
// memory sample kept, and the real process's figures present and consistent.
import { describe, expect, it } from 'vitest';
import { GeneratorMeter } from './generator-meter.js';
import type { ProcessProbe } from './generator-meter.js';

/** A process whose clock, CPU time and memory the test sets. */
function fakeProcess() {
  const state = { now: 5000, user: 2_000_000, system: 500_000, rss: 100 << 20, maxRss: 150 << 20 };
  const probe: ProcessProbe = {
    now: () => state.now,
    cpu: () => ({ user: state.user, system: state.system }),
    rss: () => state.rss,
    maxRss: () => state.maxRss,
  };
  return { state, probe };
}

describe('GeneratorMeter', () => {
  it('counts CPU and wall time from its start, not from the process start', () => {
    const { state, probe } = fakeProcess();
    const meter = new GeneratorMeter(probe, 60_000);
    Object.assign(state, { now: 8310.56, user: 3_920_040, system: 920_000 });
    const { wallMs, generator } = meter.finish();
    expect(wallMs).toBe(3310.6);
    expect(generator).toMatchObject({ cpuUserMs: 1920, cpuSystemMs: 420 });
  });

  it('keeps the highest memory sample, and the process peak when it is higher', () => {
    const { state, probe } = fakeProcess();
    const meter = new GeneratorMeter(probe, 60_000);
    state.rss = 210 << 20;
    meter.sample();
    state.rss = 120 << 20;
    const { generator } = meter.finish();
    expect(generator).toMatchObject({ peakRssBytes: 210 << 20, processPeakRssBytes: 210 << 20, sampleMs: 60_000 });
    state.maxRss = 300 << 20;
    expect(new GeneratorMeter(probe, 60_000).finish().generator.processPeakRssBytes).toBe(300 << 20);
  });

  it('measures this process', () => {
    const { wallMs, generator } = new GeneratorMeter().finish();
    expect(wallMs).toBeGreaterThanOrEqual(0);
    expect(generator.cpuUserMs + generator.cpuSystemMs).toBeGreaterThanOrEqual(0);
    expect(generator.peakRssBytes).toBeGreaterThan(0);
    expect(generator.processPeakRssBytes).toBeGreaterThanOrEqual(generator.peakRssBytes);
  });
});
