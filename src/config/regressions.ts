// --max-regression SPEC: how far a run may fall behind its --baseline before it fails, e.g.
// `p99=20%,throughput=10%`. Each key is a figure:
//   OPERATION.STAT or a bare STAT (every operation), STAT one of p50 p90 p99 p99.9 max mean: the
//     latency may grow by at most the percent;
//   throughput: may shrink by at most the percent;
//   errors.rate: may grow by at most the percent, in points (0.5% allows 0.1% → 0.6%);
//   lag.STAT: the write-behind lag (writing behind only), as a latency.
// Parsed with the rest of the flags (exit 2 before any load); the runner compares (runner/baseline.ts).
import { SCENARIO_OPERATIONS } from './defaults.js';
import type { ScenarioName } from './defaults.js';
import type { WriteModeName } from './write-config.js';

/** The latency statistics a limit may name. */
export const REGRESSION_STATS = ['p50', 'p90', 'p99', 'p99.9', 'max', 'mean'] as const;
export type RegressionStat = (typeof REGRESSION_STATS)[number];

/** What a limit holds to its baseline; a latency with no operation means every operation. */
export type RegressionMetric =
  | { kind: 'latency'; operation: string | undefined; stat: RegressionStat }
  | { kind: 'lag'; stat: RegressionStat }
  | { kind: 'errors' }
  | { kind: 'throughput' };

/** One KEY=N% of --max-regression. */
export interface RegressionLimit {
  /** As given, spaces dropped, e.g. `purchase.p99=20%`: what the reproduce line repeats. */
  text: string;
  /** The figure's name, e.g. `purchase.p99`, `p99`, `throughput`. */
  key: string;
  metric: RegressionMetric;
  /** 0.2 for 20%: a relative change, or for errors.rate an absolute one (a share). */
  allowed: number;
}

/** What the run the limits go with is. */
export interface RegressionContext {
  scenario: ScenarioName;
  write: WriteModeName;
}

const EXAMPLE = 'not a limit like p99=20%,throughput=10%';

/** Parses --max-regression; each problem goes to `problems` (exit 2). */
export function parseMaxRegression(spec: string, context: RegressionContext, problems: string[]): RegressionLimit[] {
  const limits: RegressionLimit[] = [];
  for (const part of spec.split(',')) {
    const parsed = parseLimit(part.replace(/\s+/g, ''), context);
    if (typeof parsed === 'string') problems.push(`--max-regression ${JSON.stringify(spec)}: ${parsed}`);
    else if (limits.some(({ key }) => key === parsed.key)) problems.push(`--max-regression ${JSON.stringify(spec)}: ${parsed.key} is given twice`);
    else limits.push(parsed);
  }
  return limits;
}

/** One KEY=N% → a limit, or what is wrong with it. */
export function parseLimit(text: string, context: RegressionContext): RegressionLimit | string {
  const [key, value, ...rest] = text.split('=');
  if (!key || !value || rest.length > 0) return EXAMPLE;
  const metric = parseKey(key, context);
  if (typeof metric === 'string') return metric;
  const match = /^(\d+(?:\.\d+)?|\.\d+)%$/.exec(value);
  if (match === null) return `${key}=${value}: a limit is a percent, e.g. ${key}=20%`;
  return { text, key, metric, allowed: Number(match[1]) / 100 };
}

function parseKey(key: string, context: RegressionContext): RegressionMetric | string {
  if (key === 'throughput') return { kind: 'throughput' };
  if (key === 'errors.rate') return { kind: 'errors' };
  if (isStat(key)) return { kind: 'latency', operation: undefined, stat: key };
  const dot = key.indexOf('.');
  const [subject, stat] = dot <= 0 ? [key, ''] : [key.slice(0, dot), key.slice(dot + 1)];
  if (!isStat(stat)) return `${key} is not a figure: use STAT or OPERATION.STAT (STAT one of ${REGRESSION_STATS.join(', ')}), lag.STAT, throughput or errors.rate`;
  if (subject === 'lag') {
    if (context.write !== 'behind') return 'lag is measured only when the run writes behind (--write behind)';
    return { kind: 'lag', stat };
  }
  const operations = SCENARIO_OPERATIONS[context.scenario];
  if (operations !== undefined && !operations.includes(subject)) return `the ${context.scenario} scenario performs no ${subject}; its operations: ${operations.join(', ')}`;
  return { kind: 'latency', operation: subject, stat };
}

function isStat(text: string): text is RegressionStat {
  return (REGRESSION_STATS as readonly string[]).includes(text);
}
