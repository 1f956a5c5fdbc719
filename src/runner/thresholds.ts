// The run's thresholds (--threshold, config/thresholds.ts) held against what it measured: each one
// a row of the checks table (kind `threshold`), worded in the report's units, saying by how much it
// held or broke. A threshold whose figure the run does not have fails: it never passes unmeasured.
import { LATENCY_FIELDS } from '../config/thresholds.js';
import type { Threshold, ThresholdMetric, ThresholdStat } from '../config/thresholds.js';
import type { CheckResult, LatencySummary, RunResult } from '../result.js';
import { formatCount, formatMicros, formatPercent, formatRate, threeDigits } from '../units.js';

/** The figures of a finished run a threshold may bound. */
export type ThresholdFigures = Pick<RunResult, 'latency' | 'counts' | 'throughput' | 'writeBehind'>;

/** A figure as measured: its value in the threshold's unit and how the report words it. */
interface Measured {
  value: number;
  shown: string;
}

/** Each threshold as a check of the run, in the order given. */
export function thresholdChecks(thresholds: readonly Threshold[], figures: ThresholdFigures): CheckResult[] {
  return thresholds.map((threshold) => thresholdCheck(threshold, figures));
}

function thresholdCheck(threshold: Threshold, figures: ThresholdFigures): CheckResult {
  const { text, metric, operator, bound } = threshold;
  const unit = unitOf(metric);
  const reads = metric.kind === 'lag' ? ['the rows written behind (MySQL)'] : ['the answers'];
  const base = { kind: 'threshold' as const, name: text, expected: `${operator} ${unit(bound)}`, reads };
  const measured = measure(metric, figures);
  if (typeof measured === 'string') return { ...base, ok: false, observed: 'none', detail: `${measured}: nothing to hold against the bound` };
  const ok = holds(operator, measured.value, bound);
  return { ...base, ok, observed: measured.shown, detail: margin(threshold, measured.value, ok, unit) };
}

/** The figure a metric names, or why the run has none. */
function measure(metric: ThresholdMetric, figures: ThresholdFigures): Measured | string {
  const { counts } = figures;
  switch (metric.kind) {
    case 'latency': {
      const latency = figures.latency[metric.operation];
      if (latency === undefined || latency.count === 0) return `no ${metric.operation} was answered`;
      return timed(latency, metric.stat);
    }
    case 'lag': {
      const lag = figures.writeBehind?.lag;
      if (lag === undefined || lag.count === 0) return 'no write-behind lag was measured';
      return timed(lag, metric.stat);
    }
    case 'errors':
      if (counts.attempts === 0) return 'no operation was made';
      return { value: counts.errors / counts.attempts, shown: `${formatShare(counts.errors / counts.attempts)} (${formatCount(counts.errors)} of ${formatCount(counts.attempts)})` };
    case 'throughput':
      if (counts.attempts === 0) return 'no operation was made';
      return { value: figures.throughput, shown: formatRate(figures.throughput) };
  }
}

function timed(latency: LatencySummary, stat: ThresholdStat): Measured {
  const value = latency[LATENCY_FIELDS[stat]];
  return { value, shown: formatMicros(value) };
}

function holds(operator: Threshold['operator'], value: number, bound: number): boolean {
  switch (operator) {
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
  }
}

/** `120µs under the bound, at 76% of it`, `1.2ms over the bound, at 1,200× it`, `exactly at the bound, which < excludes`. */
function margin({ operator, bound }: Threshold, value: number, ok: boolean, unit: (value: number) => string): string {
  if (value === bound) return `exactly at the bound, which ${operator} ${ok ? 'includes' : 'excludes'}`;
  const side = value < bound ? 'under' : 'over';
  const share = value / bound;
  const ratio = bound === 0 ? '' : share < 10 ? `, at ${formatPercent(share)} of it` : `, at ${formatCount(share)}× it`;
  return `${unit(Math.abs(value - bound))} ${side} the bound${ratio}`;
}

/** How a metric's values are worded: times in µs, rates per second, error rates as percentages. */
function unitOf(metric: ThresholdMetric): (value: number) => string {
  if (metric.kind === 'throughput') return formatRate;
  if (metric.kind === 'errors') return formatShare;
  return formatMicros;
}

/** A 0–1 share to three significant digits: `0.05%`, `1%`, `12.5%` (a bound of 0.01% reads as given). */
function formatShare(share: number): string {
  return `${threeDigits(share * 100)}%`;
}
