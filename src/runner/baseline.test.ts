// A run held to its baseline on planted figures: a regression beyond the limit fails, an
// improvement passes, a figure the baseline lacks is said and fails rather than passing silently,
// and --baseline alone shows the change without failing anything.
import { describe, expect, it } from 'vitest';
import type { BaselineRun } from '../config/baseline.js';
import { parseMaxRegression } from '../config/regressions.js';
import type { LatencySummary } from '../result.js';
import { compareWithBaseline } from './baseline.js';
import type { ComparedFigures } from './baseline.js';

function summary(p50: number, p99: number): LatencySummary {
  return { unit: 'us', count: 100, min: p50 / 2, mean: p50, p50, p90: p99 / 2, p99, p999: p99 * 2, max: p99 * 3 };
}

/** purchase p99 3.2ms, 5,000/s, 1 error in 1,000. */
const BASE: BaselineRun = {
  file: 'old.json', runId: 'base-run', scenario: 'oversell', strategy: 'lua', infra: 'memory',
  params: { users: 1000, stock: 100, write: 'sync' },
  latency: { purchase: summary(1000, 3200) }, throughput: 5000, counts: { attempts: 1000, errors: 1 },
};

function run(p99: number, throughput: number, errors = 1): ComparedFigures {
  return {
    runId: 'this-run', strategy: 'lua', infra: 'memory', params: { users: 1000, stock: 100, write: 'sync' },
    latency: { purchase: summary(1000, p99) }, throughput, counts: { attempts: 1000, errors }, writeBehind: undefined,
  } as unknown as ComparedFigures;
}

function compare(spec: string, figures: ComparedFigures, base: BaselineRun = BASE) {
  const problems: string[] = [];
  const limits = parseMaxRegression(spec, { scenario: 'oversell', write: 'sync' }, problems);
  expect(problems).toEqual([]);
  return compareWithBaseline({ run: base, limits }, figures);
}

describe('compareWithBaseline', () => {
  it('fails a planted latency regression beyond its limit, naming both runs', () => {
    const { checks } = compare('p99=20%', run(4100, 5000));
    expect(checks).toEqual([{
      kind: 'regression', name: 'purchase.p99 vs baseline', ok: false,
      expected: '≤ +20% (baseline 3.2ms)', observed: '4.1ms (+28.1%)',
      detail: '+28.1%, beyond the limit of +20%; run this-run against baseline base-run (old.json)',
      reads: ['the answers', 'the baseline old.json'],
    }]);
  });

  it('fails throughput that shrank beyond its limit, and passes one within it', () => {
    expect(compare('throughput=10%', run(3200, 4000)).checks[0]).toMatchObject({ ok: false, expected: '≥ −10% (baseline 5,000/s)', observed: '4,000/s (−20%)' });
    expect(compare('throughput=10%', run(3200, 4600)).checks[0]).toMatchObject({ ok: true, observed: '4,600/s (−8%)' });
  });

  it('passes an improvement: faster and more throughput', () => {
    const { checks } = compare('p99=1%,throughput=1%', run(1600, 9000));
    expect(checks.map(({ ok, observed }) => ({ ok, observed }))).toEqual([
      { ok: true, observed: '1.6ms (−50%)' },
      { ok: true, observed: '9,000/s (+80%)' },
    ]);
  });

  it('holds the error rate to an absolute increase in points', () => {
    expect(compare('errors.rate=0.5%', run(3200, 5000, 7)).checks[0]).toMatchObject({ ok: false, observed: '0.7% (+0.6 pts)' });
    expect(compare('errors.rate=0.5%', run(3200, 5000, 5)).checks[0]).toMatchObject({ ok: true });
  });

  it('says a figure the baseline lacks and fails it rather than passing silently', () => {
    const { checks, summary: shown } = compare('p99=20%', run(3200, 5000), { ...BASE, latency: {} });
    expect(checks).toMatchObject([{ name: 'purchase.p99 vs baseline', ok: false, expected: '≤ +20% (baseline none)', observed: '3.2ms' }]);
    expect(checks[0]?.detail).toMatch(/^the baseline has no purchase\.p99: nothing to hold against the limit/);
    expect(shown.figures.find(({ name }) => name === 'purchase.p99')).toMatchObject({ baseline: null, change: null, limit: { ok: false } });
  });

  it('shows every figure beside the baseline without failing anything when no limit is given', () => {
    const { checks, summary: shown } = compareWithBaseline({ run: BASE, limits: [] }, run(6400, 2500));
    expect(checks).toEqual([]);
    expect(shown).toMatchObject({ runId: 'base-run', file: 'old.json', differences: [] });
    expect(shown.figures.map(({ name, change }) => [name, change])).toEqual([
      ['purchase.p50', 0], ['purchase.p99', 1], ['throughput', -0.5], ['errors.rate', 0],
    ]);
  });

  it('says where the baseline ran otherwise, without refusing it', () => {
    const { summary: shown } = compareWithBaseline({ run: { ...BASE, strategy: 'dcl', params: { ...BASE.params, users: 500 } }, limits: [] }, run(3200, 5000));
    expect(shown.differences).toEqual(['users 500 in the baseline, 1000 now', 'strategy dcl in the baseline, lua now']);
  });
});
