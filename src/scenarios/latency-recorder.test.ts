import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from './latency-recorder.js';

describe('LatencyRecorder', () => {
  it('splits by outcome and keeps raw service time apart', () => {
    const recorder = new LatencyRecorder();
    for (let i = 1; i <= 100; i += 1) recorder.record(i <= 10 ? 'purchased' : 'sold-out', i * 1000, i * 100);
    const summary = recorder.summary();
    expect(summary.count).toBe(100);
    expect(summary.byOutcome.purchased!.count).toBe(10);
    expect(summary.byOutcome['sold-out']!.count).toBe(90);
    expect(summary.p50).toBeGreaterThanOrEqual(49_900);
    expect(summary.p50).toBeLessThanOrEqual(50_100);
    expect(summary.raw.max).toBeLessThanOrEqual(10_010);
    expect(summary.mean).toBe(50_500);
  });

  it('never reports a percentile above the maximum', () => {
    const recorder = new LatencyRecorder();
    for (let i = 0; i < 1000; i += 1) recorder.record('sold-out', 799_000 + (i % 500), 10);
    const summary = recorder.summary();
    expect(summary.p999).toBeLessThanOrEqual(summary.max);
    expect(summary.p99).toBeLessThanOrEqual(summary.max);
  });

  it('buckets every value into contiguous log2 ranges', () => {
    const recorder = new LatencyRecorder();
    recorder.record('x', 3, 3);
    recorder.record('x', 100, 100);
    const { buckets } = recorder.overview();
    expect(buckets[0]).toEqual({ fromUs: 2, toUs: 4, count: 1 });
    expect(buckets.at(-1)).toEqual({ fromUs: 64, toUs: 128, count: 1 });
    expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(2);
  });
});

describe('freeing a recorder\'s histograms', () => {
  it('gives their WebAssembly memory back: a thousand recorders made and freed leave it where it was', () => {
    const make = () => {
      const recorder = new LatencyRecorder();
      recorder.record('purchased', 120, 100);
      recorder.record('sold-out', 80, 70);
      return recorder;
    };
    make().free(); // the first may grow the memory once; the rest must reuse it
    const before = process.memoryUsage().external;
    for (let i = 0; i < 1000; i++) make().free();
    // Unfreed, each recorder keeps four histograms of ~94 KB: hundreds of MB.
    expect(process.memoryUsage().external - before).toBeLessThan(20_000_000);
  });

  it('refuses to be read once freed', () => {
    const recorder = new LatencyRecorder();
    recorder.record('purchased', 120, 100);
    recorder.free();
    expect(() => recorder.summary()).toThrow(/destroyed/);
  });
});
