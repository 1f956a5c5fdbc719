import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { boundsLag, parseThreshold, parseThresholds } from './thresholds.js';
import type { ThresholdContext } from './thresholds.js';

const OVERSELL: ThresholdContext = { scenario: 'oversell', write: 'sync', target: false };
const STORM: ThresholdContext = { scenario: 'cancel-storm', write: 'sync', target: false };
const BEHIND: ThresholdContext = { scenario: 'write-behind', write: 'behind', target: false };

describe('parseThreshold', () => {
  it.each([
    ['purchase.p99<500ms', OVERSELL, { metric: { kind: 'latency', operation: 'purchase', stat: 'p99' }, operator: '<', bound: 500_000 }],
    ['cancel.p50<=50ms', STORM, { metric: { kind: 'latency', operation: 'cancel', stat: 'p50' }, operator: '<=', bound: 50_000 }],
    ['sell-out.p99.9 < 2s', STORM, { metric: { kind: 'latency', operation: 'sell-out', stat: 'p99.9' }, operator: '<', bound: 2_000_000 }],
    ['purchase.max<250µs', OVERSELL, { metric: { kind: 'latency', operation: 'purchase', stat: 'max' }, operator: '<', bound: 250 }],
    ['purchase.mean<1.5us', OVERSELL, { metric: { kind: 'latency', operation: 'purchase', stat: 'mean' }, operator: '<', bound: 1.5 }],
    ['purchase.min>=.5ms', OVERSELL, { metric: { kind: 'latency', operation: 'purchase', stat: 'min' }, operator: '>=', bound: 500 }],
    ['errors.rate<0.01', OVERSELL, { metric: { kind: 'errors' }, operator: '<', bound: 0.01 }],
    ['errors.rate<=1%', OVERSELL, { metric: { kind: 'errors' }, operator: '<=', bound: 0.01 }],
    ['throughput>=5000/s', OVERSELL, { metric: { kind: 'throughput' }, operator: '>=', bound: 5000 }],
    ['lag.p99<200ms', BEHIND, { metric: { kind: 'lag', stat: 'p99' }, operator: '<', bound: 200_000 }],
  ] as const)('reads %s', (expression, context, expected) => {
    expect(parseThreshold(expression, context)).toEqual({ text: expression.replace(/\s+/g, ''), ...expected });
  });

  it.each([
    ['p99 fast', OVERSELL, 'not a threshold like purchase.p99<500ms'],
    ['purchase.p99', OVERSELL, 'not a threshold like purchase.p99<500ms'],
    ['purchase.p99<', OVERSELL, 'not a threshold like purchase.p99<500ms'],
    ['purchase.p99=5ms', OVERSELL, 'not a threshold like purchase.p99<500ms'],
    ['1ms<purchase.p99<5ms', OVERSELL, 'not a threshold like purchase.p99<500ms'],
    ['p99<5ms', OVERSELL, 'p99 is not a metric: use OPERATION.STAT (e.g. purchase.p99), lag.STAT, errors.rate or throughput'],
    ['purchase.p98<5ms', OVERSELL, 'p98 is not a statistic: use one of p50, p90, p99, p99.9, max, mean, min'],
    ['cancel.p99<5ms', OVERSELL, 'the oversell scenario performs no cancel; its operations: purchase'],
    ['purchase.p99<500', OVERSELL, 'a time needs a unit: µs (or us), ms or s, e.g. 500ms'],
    ['purchase.p99<5/s', OVERSELL, 'a time needs a unit: µs (or us), ms or s, e.g. 5ms'],
    ['purchase.p99<fast', OVERSELL, 'fast is not a number with a unit (e.g. 500ms, 5000/s, 1%)'],
    ['purchase.p99<-5ms', OVERSELL, '-5ms is not a number with a unit (e.g. 500ms, 5000/s, 1%)'],
    ['throughput>=5000', OVERSELL, 'a throughput is a rate per second, e.g. 5000/s'],
    ['errors.rate<2', OVERSELL, 'an error rate is a share from 0 to 1 (0.01) or a percent up to 100%'],
    ['errors.rate<150%', OVERSELL, 'an error rate is a share from 0 to 1 (0.01) or a percent up to 100%'],
    ['errors.rate<5ms', OVERSELL, 'an error rate is a share from 0 to 1 (0.01) or a percent (1%)'],
    ['lag.p99<200ms', OVERSELL, 'lag is measured only when the run writes behind (--write behind)'],
    ['lag.p99<200ms', { ...BEHIND, target: true }, "lag is the built-in engine's write-behind lag; a --target service's is not measured"],
  ] as const)('refuses %s', (expression, context, problem) => {
    expect(parseThreshold(expression, context)).toBe(problem);
  });
});

describe('parseThresholds', () => {
  it('names the expression in each problem and refuses one given twice', () => {
    const problems: string[] = [];
    const parsed = parseThresholds(['purchase.p99<5ms', 'p99 fast', 'purchase.p99 < 5ms'], OVERSELL, problems);
    expect(parsed.map(({ text }) => text)).toEqual(['purchase.p99<5ms']);
    expect(problems).toEqual(['--threshold "p99 fast": not a threshold like purchase.p99<500ms', '--threshold "purchase.p99 < 5ms" is given twice']);
  });

  it('tells lag thresholds apart (compare leaves them out of runs that write sync)', () => {
    expect(boundsLag(' lag.p99<1s')).toBe(true);
    expect(boundsLag('purchase.p99<1s')).toBe(false);
  });
});

describe('--threshold in the config', () => {
  it('is carried in the run config, in the order given', () => {
    const { run } = loadConfig({ scenario: 'oversell', threshold: ['purchase.p99<500ms', 'errors.rate<1%'] }, {});
    expect(run.thresholds.map(({ text }) => text)).toEqual(['purchase.p99<500ms', 'errors.rate<1%']);
  });

  it('is empty when none is given', () => {
    expect(loadConfig({ scenario: 'oversell' }, {}).run.thresholds).toEqual([]);
  });

  it('is a usage error, with the other problems, before any load', () => {
    expect(() => loadConfig({ scenario: 'oversell', users: -1, threshold: ['cancel.p99<1ms'] }, {})).toThrow(/--threshold "cancel.p99<1ms": the oversell scenario performs no cancel/);
  });
});
