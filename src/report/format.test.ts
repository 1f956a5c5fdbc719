// Unit tests of the shared formatting and histogram helpers.
import { describe, expect, it } from 'vitest';
import { failingResult, interruptedResult, passingResult } from './fixtures.js';
import { fit, formatBucketLabel, formatBytes, formatCount, formatDuration, formatElapsed, formatMicros, formatPercent, latencyCells, paint, thinPoints, verdictOf } from './format.js';
import { drawBar, fitBuckets, logScaleBars, textHistogram, trimBuckets } from './histogram.js';

describe('formatting', () => {
  it('thins a series to at most the count, first and last kept, evenly spread', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i);
    for (const count of [1, 2, 7, 20, 99]) {
      const kept = thinPoints(hundred, count);
      expect(kept.length).toBeLessThanOrEqual(count);
      expect(kept.at(-1)).toBe(99);
      if (count > 1) expect(kept[0]).toBe(0);
    }
    expect(thinPoints([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(thinPoints(hundred, 5)).toEqual([0, 25, 50, 74, 99]);
  });

  it('scales microseconds to µs, ms and s with three significant digits', () => {
    expect([12, 812, 999.6, 1024, 4100, 131_072, 1_048_576].map(formatMicros)).toEqual([
      '12µs', '812µs', '1ms', '1.02ms', '4.1ms', '131ms', '1.05s',
    ]);
    expect(formatBucketLabel(128, 256)).toBe('128µs–256µs');
  });

  it('formats counts, elapsed times and fixed-width cells', () => {
    expect(formatCount(1000)).toBe('1,000');
    expect([412, 12_345, 125_000].map(formatElapsed)).toEqual(['412ms', '12.3s', '2m05s']);
    expect(fit('no-oversell', 6)).toBe('no-ov…');
    expect(fit('ok', 4)).toBe('ok  ');
  });

  it('formats measured durations in human units, sub-millisecond and negative ones too', () => {
    expect([0.4, 3.2, 113, 3310.5, 59_949, 125_000, -3.2].map(formatDuration)).toEqual([
      '400µs', '3.2ms', '113ms', '3.31s', '59.9s', '2m05s', '-3.2ms',
    ]);
  });

  it('formats sizes in binary units', () => {
    expect([512, 1023.6 * 1024, 222_298_112, 25_275_953_152].map(formatBytes)).toEqual(['512 B', '1 MiB', '212 MiB', '23.5 GiB']);
  });

  it('formats shares as percentages that never round to a false 0% or 100%', () => {
    expect([0, 0.0002, 0.012, 0.52, 0.9996, 1, 1.465].map(formatPercent)).toEqual(['0%', '<0.1%', '1.2%', '52%', '99.9%', '100%', '147%']);
  });

  it('gives a latency row min, mean and the percentiles in human units', () => {
    expect(latencyCells(passingResult.latency.purchase!)).toEqual(['41µs', '797µs', '406µs', '1.19ms', '3.21ms', '5.9ms', '6.1ms']);
  });

  it('paints only when colour is on', () => {
    expect(paint('red', 'x', false)).toBe('x');
    expect(paint('red', 'x', true)).toBe('\u001b[31mx\u001b[39m');
  });

  it('derives the verdict from ok and the checks', () => {
    expect(verdictOf(passingResult)).toEqual({ word: 'PASS', interrupted: false, summary: 'all 4 checks held' });
    expect(verdictOf(failingResult).summary).toBe('2 of 3 checks failed — no-oversell: sold 1000 of 100: oversold by 900; also stock-conserved');
    expect(verdictOf(interruptedResult).interrupted).toBe(true);
  });

  it('counts thresholds apart from the invariant checks', () => {
    const met = { kind: 'threshold' as const, name: 'purchase.p99<60s', ok: true, expected: '< 60s', observed: '1.2ms', detail: '60s under the bound, at <0.1% of it' };
    const broken = { ...met, name: 'purchase.p99<1us', ok: false, expected: '< 1µs', detail: '1.2ms over the bound, at 1,200× it' };
    const withThresholds = (result: typeof passingResult, ...thresholds: (typeof met)[]) => ({ ...result, checks: [...result.checks, ...thresholds], ok: result.ok && thresholds.every(({ ok }) => ok) });
    expect(verdictOf(withThresholds(passingResult, met, met)).summary).toBe('all 4 checks and 2 thresholds held');
    expect(verdictOf(withThresholds(passingResult, met, broken))).toEqual({
      word: 'FAIL',
      interrupted: false,
      summary: '1 of 2 thresholds broken — purchase.p99<1us: 1.2ms over the bound, at 1,200× it',
    });
    expect(verdictOf(withThresholds(failingResult, broken)).summary).toBe(
      '2 of 3 checks failed and 1 of 1 threshold broken — no-oversell: sold 1000 of 100: oversold by 900; also stock-conserved, purchase.p99<1us',
    );
  });

  it('counts the limits against a baseline apart from checks and thresholds', () => {
    const held = { kind: 'regression' as const, name: 'throughput vs baseline', ok: true, expected: '≥ −10% (baseline 5,000/s)', observed: '5,100/s (+2%)', detail: '+2%, within the limit of −10%; run a against baseline b (old.json)' };
    const exceeded = { ...held, name: 'purchase.p99 vs baseline', ok: false, detail: '+28%, beyond the limit of +20%; run a against baseline b (old.json)' };
    const withLimits = (...limits: (typeof held)[]) => ({ ...passingResult, checks: [...passingResult.checks, ...limits], ok: limits.every(({ ok }) => ok) });
    expect(verdictOf(withLimits(held)).summary).toBe('all 4 checks and 1 baseline limit held');
    expect(verdictOf(withLimits(held, exceeded)).summary).toBe('1 of 2 baseline limits exceeded — purchase.p99 vs baseline: +28%, beyond the limit of +20%; run a against baseline b (old.json)');
    const threshold = { kind: 'threshold' as const, name: 'purchase.p99<60s', ok: true, expected: '< 60s', observed: '1.2ms', detail: '60s under the bound' };
    expect(verdictOf({ ...passingResult, checks: [...passingResult.checks, threshold, held, held] }).summary).toBe('all 4 checks, 1 threshold and 2 baseline limits held');
  });

  it('says how many answers were unknown even though the checks held, and mostly why', () => {
    const target = { name: 'shop', baseUrl: 'http://127.0.0.1:8080', file: 'shop.json', rules: [], unknown: [{ why: 'connection refused by 127.0.0.1:8080', count: 1834 }, { why: 'connection reset by 127.0.0.1:8080', count: 2 }] };
    const unknown = { ...passingResult, target, counts: { ...passingResult.counts, unknown: 1836 } };
    expect(verdictOf(unknown).summary).toBe('all 4 checks held · 1,836 answers unknown, mostly connection refused by 127.0.0.1:8080');
  });

  it('says when infrastructure errors happened even though the checks held', () => {
    const errors = { ...passingResult, counts: { ...passingResult.counts, errors: 365 }, errorCauses: [{ cause: 'ER_CON_COUNT_ERROR: Too many connections', count: 365 }] };
    expect(verdictOf(errors).summary).toBe('all 4 checks held · 365 infrastructure errors, mostly ER_CON_COUNT_ERROR: Too many connections');
  });
});

describe('histogram helpers', () => {
  const buckets = [
    { fromUs: 1, toUs: 2, count: 0 },
    { fromUs: 2, toUs: 4, count: 5 },
    { fromUs: 4, toUs: 8, count: 0 },
    { fromUs: 8, toUs: 16, count: 7 },
    { fromUs: 16, toUs: 32, count: 1 },
    { fromUs: 32, toUs: 64, count: 0 },
  ];

  it('trims empty edges but keeps empty buckets inside', () => {
    expect(trimBuckets(buckets).map((b) => b.count)).toEqual([5, 0, 7, 1]);
    expect(trimBuckets([{ fromUs: 1, toUs: 2, count: 0 }])).toEqual([]);
  });

  it('merges the quietest neighbours until the rows fit, keeping every sample', () => {
    expect(fitBuckets(buckets, 3)).toEqual([
      { fromUs: 2, toUs: 8, count: 5 },
      { fromUs: 8, toUs: 16, count: 7 },
      { fromUs: 16, toUs: 32, count: 1 },
    ]);
    const purchase = passingResult.latency.purchase!.buckets;
    expect(fitBuckets(purchase, 6).map((b) => b.count)).toEqual([44, 212, 380, 251, 86, 27]);
    expect(fitBuckets(purchase, 1)).toEqual([{ fromUs: 32, toUs: 8192, count: 1000 }]);
  });

  it('draws bars in eighths, at least one eighth for any sample', () => {
    expect(drawBar(10, 10, 4)).toBe('████');
    expect(drawBar(5, 10, 4)).toBe('██');
    expect(drawBar(1, 1000, 4)).toBe('▏');
    expect(drawBar(0, 10, 4)).toBe('');
  });

  it('draws values 50× apart on a log scale: the small bar keeps a decade, a zero gets none', () => {
    const lines = logScaleBars(
      [
        { label: 'lock', value: 365, shown: '365/s' },
        { label: 'lua', value: 18_250, shown: '18,250/s' },
        { label: 'down', value: 0, shown: '0/s' },
      ],
      40,
    );
    const cells = (line: string) => [...line.replaceAll(/[^█▉▊▋▌▍▎▏]/g, '')].length;
    expect(lines[0]).toMatch(/^lock +█+[▉▊▋▌▍▎▏]? +365\/s$/);
    expect(cells(lines[0]!)).toBe(15);
    expect(cells(lines[1]!)).toBe(40);
    expect(lines[2]).toMatch(/^down +0\/s$/);
    expect(lines[3]).toBe('(log scale: 14.8 cells for each ×10)');
    expect(logScaleBars([{ label: 'none', value: 0, shown: '0' }], 10)).toEqual(['none            0']);
  });

  it('lays out a text chart within the width', () => {
    const lines = textHistogram(passingResult.latency.purchase!.buckets, 60);
    expect(lines).toHaveLength(8);
    expect(lines.every((line) => line.length <= 60)).toBe(true);
    expect(lines[3]).toMatch(/^256µs–512µs\s+█+\s+380$/);
  });
});
