// Each kind of threshold, on planted figures, both held and broken: a threshold that cannot fail
// would pass every run. And one whose figure the run does not have fails, saying so.
import { describe, expect, it } from 'vitest';
import { parseThreshold } from '../config/thresholds.js';
import type { Threshold, ThresholdContext } from '../config/thresholds.js';
import type { LatencySummary } from '../result.js';
import { thresholdChecks } from './thresholds.js';
import type { ThresholdFigures } from './thresholds.js';

const STORM: ThresholdContext = { scenario: 'cancel-storm', write: 'behind', target: false };

function summary(p50: number, p99: number): LatencySummary {
  return { unit: 'us', count: 100, min: p50 / 2, mean: p50, p50, p90: p99 / 2, p99, p999: p99 * 2, max: p99 * 3 };
}

/** purchase p99 400µs, cancel never answered, 5 errors of 1,000, 2,000/s, lag p99 150ms. */
const FIGURES = {
  latency: { purchase: summary(100, 400), cancel: { ...summary(0, 0), count: 0 } },
  counts: { attempts: 1000, errors: 5 },
  throughput: 2000,
  writeBehind: { lag: summary(50_000, 150_000) },
} as unknown as ThresholdFigures;

function threshold(expression: string): Threshold {
  const parsed = parseThreshold(expression, STORM);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

function check(expression: string, figures: ThresholdFigures = FIGURES) {
  const [result] = thresholdChecks([threshold(expression)], figures);
  return result!;
}

describe('thresholdChecks', () => {
  it.each([
    ['purchase.p99<500ms', true],
    ['purchase.p99<300us', false],
    ['purchase.p99<=400us', true],
    ['purchase.p99<400us', false],
    ['purchase.p50>50us', true],
    ['purchase.p50>=1ms', false],
    ['purchase.p99.9<1ms', true],
    ['purchase.p99.9<700us', false],
    ['purchase.max<1.5ms', true],
    ['purchase.max<1ms', false],
    ['purchase.min>=50us', true],
    ['purchase.min>50us', false],
    ['purchase.mean<101us', true],
    ['purchase.mean<99us', false],
    ['purchase.p90<=200us', true],
    ['purchase.p90<199us', false],
    ['errors.rate<0.01', true],
    ['errors.rate<0.1%', false],
    ['errors.rate<=0.5%', true],
    ['throughput>=2000/s', true],
    ['throughput>=5000/s', false],
    ['throughput<5000/s', true],
    ['lag.p99<200ms', true],
    ['lag.p99<100ms', false],
    ['lag.p50<=50ms', true],
    ['lag.max<400ms', false],
  ] as const)('%s: held %s', (expression, held) => {
    const result = check(expression);
    expect(result).toMatchObject({ kind: 'threshold', name: expression, ok: held });
    expect(result.detail).toMatch(/ the bound, at \S+ (of )?it$|^exactly at the bound, which \S+ (in|ex)cludes$/);
  });

  it('words the bound, the figure and the margin in the report\'s units', () => {
    expect(check('purchase.p99<500ms')).toEqual({
      kind: 'threshold',
      name: 'purchase.p99<500ms',
      ok: true,
      expected: '< 500ms',
      observed: '400µs',
      detail: '500ms under the bound, at <0.1% of it',
      reads: ['the answers'],
    });
    expect(check('purchase.p99<1us')).toMatchObject({ ok: false, expected: '< 1µs', observed: '400µs', detail: '399µs over the bound, at 400× it' });
    expect(check('purchase.p99<=500us')).toMatchObject({ ok: true, detail: '100µs under the bound, at 80% of it' });
    expect(check('purchase.p99<400us')).toMatchObject({ ok: false, detail: 'exactly at the bound, which < excludes' });
    expect(check('errors.rate<0.1%')).toMatchObject({ ok: false, expected: '< 0.1%', observed: '0.5% (5 of 1,000)', detail: '0.4% over the bound, at 500% of it' });
    expect(check('throughput>=5000/s')).toMatchObject({ ok: false, expected: '>= 5,000/s', observed: '2,000/s', detail: '3,000/s under the bound, at 40% of it' });
    expect(check('lag.p99<100ms')).toMatchObject({ ok: false, expected: '< 100ms', observed: '150ms' });
  });

  it('fails a threshold whose figure the run does not have, saying so', () => {
    expect(check('cancel.p99<60s')).toMatchObject({ ok: false, observed: 'none', detail: 'no cancel was answered: nothing to hold against the bound' });
    expect(check('sell-out.p99<60s')).toMatchObject({ ok: false, detail: 'no sell-out was answered: nothing to hold against the bound' });
    expect(check('lag.p99<60s', { ...FIGURES, writeBehind: undefined })).toMatchObject({ ok: false, detail: 'no write-behind lag was measured: nothing to hold against the bound' });
    const idle = { ...FIGURES, counts: { ...FIGURES.counts, attempts: 0, errors: 0 }, throughput: 0 };
    expect(check('errors.rate<=100%', idle)).toMatchObject({ ok: false, detail: 'no operation was made: nothing to hold against the bound' });
    expect(check('throughput>=0/s', idle)).toMatchObject({ ok: false, detail: 'no operation was made: nothing to hold against the bound' });
  });

  it('keeps the order given', () => {
    const checks = thresholdChecks([threshold('throughput>=1/s'), threshold('purchase.p99<1s')], FIGURES);
    expect(checks.map(({ name }) => name)).toEqual(['throughput>=1/s', 'purchase.p99<1s']);
  });
});
