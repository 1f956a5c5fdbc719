// Tests of the load renderers: the model and generator sentences, the bottleneck warning (present
// only when ticketsim held the load back), the dashboard's recent line and the per-second series.
import { describe, expect, it } from 'vitest';
import { passingResult, rateResult } from './fixtures.js';
import { bottleneckWarning, generatorSentence, loadModelSentence, recentLine, seriesMermaid, seriesText } from './load.js';
import type { SeriesPoint } from '../result.js';

describe('load sentences', () => {
  it('names the model, the cap and what was achieved', () => {
    expect(loadModelSentence(passingResult.load)).toBe('burst: every attempt due at the release, at most 20,000 in flight');
    expect(loadModelSentence(rateResult.load)).toBe('rate 2,000/s for 3s (achieved 1,960/s), at most 200 in flight');
    expect(loadModelSentence({ ...rateResult.load, rampFrom: 100 })).toContain('rate 2,000/s ramping from 100/s for 3s');
  });

  it('says how late the starts were, what was dropped and how busy the generator was', () => {
    expect(generatorSentence(rateResult.load)).toBe(
      '37 of 5,880 started late (start lag p99 2.9ms, max 9.8ms) · 120 dropped at the cap · event-loop delay p99 61.4ms',
    );
  });

  it('warns only when ticketsim, not the system, held the load back', () => {
    expect(bottleneckWarning(passingResult.load)).toBeUndefined();
    const warning = bottleneckWarning(rateResult.load)!;
    expect(warning).toContain('120 arrivals dropped at the in-flight cap');
    expect(warning).toContain('event loop lagged (p99 61.4ms)');
    const short = { ...rateResult.load, dropped: 0, eventLoopDelayMs: { p50: 1, p99: 2, max: 3 }, achievedRate: 1500 };
    expect(bottleneckWarning(short)).toBe('the rate fell short: 1,500/s of 2,000/s');
    // A ramp never reaches its top rate on average: no shortfall claimed.
    expect(bottleneckWarning({ ...short, rampFrom: 0 })).toBeUndefined();
  });
});

describe('series renderers', () => {
  it('gives the dashboard the recent seconds in one line', () => {
    expect(recentLine(rateResult.series)).toBe('last 3 s: 1,900 1,990 1,990 replies/s · p99 242ms 10.3ms 7.17ms');
  });

  it('draws one line per second with the throughput as a bar, thinned to the limit', () => {
    const lines = seriesText(rateResult.series);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^ {3}1s {2}█+\s+1,990\/s {2}started {3}1,960 {2}p50 1\.94ms {2}p99 10\.3ms$/);
    const long: SeriesPoint[] = Array.from({ length: 100 }, (_, second) => ({ ...rateResult.series[1]!, second }));
    expect(seriesText(long, 20).length).toBeLessThanOrEqual(20);
  });

  it('charts throughput and p99 (ms) as mermaid lines whose values are the series', () => {
    const charts = seriesMermaid(rateResult.series);
    expect(charts).toContain('x-axis "second" ["0", "1", "2"]');
    expect(charts).toContain('line [1900, 1990, 1990]');
    expect(charts).toContain('line [241.7, 10.3, 7.2]');
  });
});
