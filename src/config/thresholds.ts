// Thresholds (--threshold EXPR, repeatable): bounds on what a run measured, which fail it like a
// failed invariant (k6's thresholds). The grammar is `METRIC OP VALUE`:
//   METRIC  OPERATION.STAT (purchase.p99, cancel.p50: an operation of the scenario), lag.STAT
//           (write-behind lag, writing behind only), errors.rate, throughput;
//           STAT one of p50 p90 p99 p99.9 max mean min
//   OP      < <= > >=
//   VALUE   a time with its unit (µs or us, ms, s) for a latency or lag; a rate with /s for
//           throughput; a share 0–1 or a percent (1%) for errors.rate
// Parsed and checked here with the rest of the flags (exit 2 before any load); the runner
// measures each one against the result (runner/thresholds.ts).
import type { LatencySummary } from '../result.js';
import type { ScenarioName } from './defaults.js';
import { SCENARIO_OPERATIONS } from './defaults.js';
import type { WriteModeName } from './write-config.js';

/** The statistics a latency or lag threshold can bound, as the expression names them. */
export const THRESHOLD_STATS = ['p50', 'p90', 'p99', 'p99.9', 'max', 'mean', 'min'] as const;
export type ThresholdStat = (typeof THRESHOLD_STATS)[number];

/** The field of a result's latency summary each statistic names (a threshold's or a baseline limit's). */
export const LATENCY_FIELDS = { p50: 'p50', p90: 'p90', p99: 'p99', 'p99.9': 'p999', max: 'max', mean: 'mean', min: 'min' } as const satisfies Record<ThresholdStat, keyof LatencySummary>;

/** The comparisons, longest first (so `<=` is not read as `<`). */
export const THRESHOLD_OPERATORS = ['<=', '>=', '<', '>'] as const;
export type ThresholdOperator = (typeof THRESHOLD_OPERATORS)[number];

/** What a threshold bounds. */
export type ThresholdMetric =
  | { kind: 'latency'; operation: string; stat: ThresholdStat }
  | { kind: 'lag'; stat: ThresholdStat }
  | { kind: 'errors' }
  | { kind: 'throughput' };

/** One --threshold, parsed. */
export interface Threshold {
  /** The expression as given, spaces dropped: the check's name and what the reproduce line repeats. */
  text: string;
  metric: ThresholdMetric;
  operator: ThresholdOperator;
  /** µs for a latency or lag, per second for throughput, a 0–1 share for errors.rate. */
  bound: number;
}

/** What the run the thresholds go with is. */
export interface ThresholdContext {
  scenario: ScenarioName;
  write: WriteModeName;
  /** A --target run: the lag of writing behind is the built-in engine's figure only. */
  target: boolean;
}

const EXAMPLE = 'not a threshold like purchase.p99<500ms';
const MICROS_PER: Record<string, number> = { µs: 1, us: 1, ms: 1000, s: 1_000_000 };

/** Parses every --threshold; each problem goes to `problems` (exit 2). */
export function parseThresholds(given: readonly string[], context: ThresholdContext, problems: string[]): Threshold[] {
  const thresholds: Threshold[] = [];
  for (const expression of given) {
    const parsed = parseThreshold(expression, context);
    if (typeof parsed === 'string') problems.push(`--threshold ${JSON.stringify(expression)}: ${parsed}`);
    else if (thresholds.some(({ text }) => text === parsed.text)) problems.push(`--threshold ${JSON.stringify(expression)} is given twice`);
    else thresholds.push(parsed);
  }
  return thresholds;
}

/** True for a threshold on the write-behind lag: compare leaves it out of the runs that write sync. */
export function boundsLag(expression: string): boolean {
  return expression.trim().startsWith('lag.');
}

/** One expression → a threshold, or what is wrong with it. */
export function parseThreshold(expression: string, context: ThresholdContext): Threshold | string {
  const text = expression.replace(/\s+/g, '');
  const operator = THRESHOLD_OPERATORS.find((op) => text.includes(op));
  const [name, value, ...rest] = operator === undefined ? [] : text.split(operator);
  if (operator === undefined || !name || !value || rest.length > 0 || /[<>=]/.test(name + value)) return EXAMPLE;
  const metric = parseMetric(name, context);
  if (typeof metric === 'string') return metric;
  const bound = parseBound(value, metric);
  if (typeof bound === 'string') return bound;
  return { text, metric, operator, bound };
}

function parseMetric(name: string, context: ThresholdContext): ThresholdMetric | string {
  if (name === 'throughput') return { kind: 'throughput' };
  if (name === 'errors.rate') return { kind: 'errors' };
  const dot = name.indexOf('.');
  if (dot <= 0) return `${name} is not a metric: use OPERATION.STAT (e.g. purchase.p99), lag.STAT, errors.rate or throughput`;
  const [subject, stat] = [name.slice(0, dot), name.slice(dot + 1)];
  if (!(THRESHOLD_STATS as readonly string[]).includes(stat)) return `${stat} is not a statistic: use one of ${THRESHOLD_STATS.join(', ')}`;
  if (subject === 'lag') {
    if (context.target) return 'lag is the built-in engine\'s write-behind lag; a --target service\'s is not measured';
    if (context.write !== 'behind') return 'lag is measured only when the run writes behind (--write behind)';
    return { kind: 'lag', stat: stat as ThresholdStat };
  }
  // An unknown scenario is a problem of its own already.
  const operations = SCENARIO_OPERATIONS[context.scenario];
  if (operations !== undefined && !operations.includes(subject)) return `the ${context.scenario} scenario performs no ${subject}; its operations: ${operations.join(', ')}`;
  return { kind: 'latency', operation: subject, stat: stat as ThresholdStat };
}

/** The bound in the metric's unit: µs, per second, or a 0–1 share. */
function parseBound(value: string, metric: ThresholdMetric): number | string {
  const match = /^(\d+(?:\.\d+)?|\.\d+)(µs|us|ms|s|\/s|%)?$/.exec(value);
  if (match === null) return `${value} is not a number with a unit (e.g. 500ms, 5000/s, 1%)`;
  const [, digits, unit] = match as unknown as [string, string, string | undefined];
  const number = Number(digits);
  switch (metric.kind) {
    case 'latency':
    case 'lag':
      if (unit === undefined || !(unit in MICROS_PER)) return `a time needs a unit: µs (or us), ms or s, e.g. ${value.replace(/[^\d.]+$/, '')}ms`;
      return number * MICROS_PER[unit]!;
    case 'throughput':
      if (unit !== '/s') return `a throughput is a rate per second, e.g. ${value.replace(/[^\d.]+$/, '')}/s`;
      return number;
    case 'errors': {
      if (unit !== undefined && unit !== '%') return 'an error rate is a share from 0 to 1 (0.01) or a percent (1%)';
      const share = unit === '%' ? number / 100 : number;
      return share > 1 ? 'an error rate is a share from 0 to 1 (0.01) or a percent up to 100%' : share;
    }
  }
}
