// A finished run beside its baseline (--baseline): the figures now and then with the change, and
// each --max-regression limit as a row of the checks table (kind `regression`). Latency or lag
// growing, throughput shrinking or the error rate rising beyond its limit fails the run; a limited
// figure missing on either side fails too, saying so: it never passes unmeasured.
import type { BaselineConfig, BaselineRun } from '../config/baseline.js';
import type { RegressionLimit, RegressionStat } from '../config/regressions.js';
import { LATENCY_FIELDS } from '../config/thresholds.js';
import type { BaselineFigure, BaselineSummary, CheckResult, LatencySummary, LiveBaseline, RunResult } from '../result.js';
import { formatChange, formatFigure } from '../units.js';

/** What of this run a comparison reads. */
export type ComparedFigures = Pick<RunResult, 'runId' | 'strategy' | 'infra' | 'latency' | 'counts' | 'throughput' | 'writeBehind'> & {
  params: Pick<RunResult['params'], 'users' | 'stock' | 'write'>;
};

/** A figure to show, and the limit it is held to, if any. */
interface Planned {
  name: string;
  unit: BaselineFigure['unit'];
  current: number | undefined;
  baseline: number | undefined;
  limit: RegressionLimit | undefined;
}

/** What the summary shows of each operation even when no limit names it. */
const SHOWN_STATS: readonly RegressionStat[] = ['p50', 'p99'];

/** The comparison with the baseline and one check per limited figure. */
export function compareWithBaseline({ run: base, limits }: BaselineConfig, run: ComparedFigures): { summary: BaselineSummary; checks: CheckResult[] } {
  const figures = planFigures(base, limits, run).map(figureOf);
  const checks = figures.flatMap((figure) => (figure.limit === undefined ? [] : [checkOf(figure, base, run.runId)]));
  return { summary: { runId: base.runId, file: base.file, differences: differences(base, run), figures }, checks };
}

/** What the dashboard shows of the baseline: the p99 of the operation it leads with (`purchase` when there is one) and the throughput. */
export function liveBaseline({ run: base }: BaselineConfig): LiveBaseline {
  const names = Object.keys(base.latency);
  const operation = names.includes('purchase') ? 'purchase' : names[0] ?? 'purchase';
  return { runId: base.runId, operation, p99Us: statOf(base.latency[operation], 'p99'), throughput: base.throughput };
}

function planFigures(base: BaselineRun, limits: readonly RegressionLimit[], run: ComparedFigures): Planned[] {
  const limitOf = (name: string, matches: (limit: RegressionLimit) => boolean) => limits.find((limit) => limit.key === name) ?? limits.find(matches);
  const operations = [...new Set([...Object.keys(run.latency), ...Object.keys(base.latency)])];
  const latency = operations.flatMap((operation) => statsFor(limits, 'latency', operation).map((stat): Planned => ({
    name: `${operation}.${stat}`,
    unit: 'us',
    current: statOf(run.latency[operation], stat),
    baseline: statOf(base.latency[operation], stat),
    limit: limitOf(`${operation}.${stat}`, ({ metric }) => metric.kind === 'latency' && metric.operation === undefined && metric.stat === stat),
  })));
  const behind = run.params.write === 'behind' || base.lag !== undefined;
  const lag = !behind ? [] : statsFor(limits, 'lag', undefined).map((stat): Planned => ({
    name: `lag.${stat}`, unit: 'us', current: statOf(run.writeBehind?.lag, stat), baseline: statOf(base.lag, stat), limit: limitOf(`lag.${stat}`, () => false),
  }));
  const rate = (counts: { attempts: number; errors: number }) => (counts.attempts > 0 ? counts.errors / counts.attempts : undefined);
  return [
    ...latency,
    { name: 'throughput', unit: 'per-second', current: run.counts.attempts > 0 ? run.throughput : undefined, baseline: base.throughput, limit: limitOf('throughput', () => false) },
    { name: 'errors.rate', unit: 'share', current: rate(run.counts), baseline: rate(base.counts), limit: limitOf('errors.rate', () => false) },
    ...lag,
  ];
}

/** p50 and p99, then any other statistic a limit names for this operation (or for the lag). */
function statsFor(limits: readonly RegressionLimit[], kind: 'latency' | 'lag', operation: string | undefined): RegressionStat[] {
  const named = limits.flatMap(({ metric }) => {
    if (kind === 'lag') return metric.kind === 'lag' ? [metric.stat] : [];
    return metric.kind === 'latency' && (metric.operation === undefined || metric.operation === operation) ? [metric.stat] : [];
  });
  return [...new Set([...SHOWN_STATS, ...named])];
}

function statOf(latency: Partial<LatencySummary> | undefined, stat: RegressionStat): number | undefined {
  if (latency === undefined || latency.count === 0) return undefined;
  const value = latency[LATENCY_FIELDS[stat]];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function figureOf({ name, unit, current, baseline, limit }: Planned): BaselineFigure {
  const change = current === undefined || baseline === undefined ? null : changeOf(unit, current, baseline);
  const figure: BaselineFigure = { name, unit, current: current ?? null, baseline: baseline ?? null, change };
  if (limit === undefined) return figure;
  return { ...figure, limit: { text: limit.text, allowed: limit.allowed, ok: change !== null && holds(unit, change, limit.allowed) } };
}

/** Relative for a time or a rate, in points for a share; from nothing to something is infinite. */
function changeOf(unit: BaselineFigure['unit'], current: number, baseline: number): number {
  if (unit === 'share') return current - baseline;
  if (baseline === 0) return current === 0 ? 0 : Infinity;
  return current / baseline - 1;
}

/** Throughput may shrink by the limit; a time or an error rate may grow by it. */
function holds(unit: BaselineFigure['unit'], change: number, allowed: number): boolean {
  return unit === 'per-second' ? change >= -allowed : change <= allowed;
}

function checkOf(figure: BaselineFigure, base: BaselineRun, runId: string): CheckResult {
  const { name, unit, current, baseline, change, limit } = figure as BaselineFigure & { limit: NonNullable<BaselineFigure['limit']> };
  const bound = unit === 'per-second' ? `≥ ${formatChange(-limit.allowed, unit)}` : `≤ ${formatChange(limit.allowed, unit)}`;
  const row = { kind: 'regression' as const, name: `${name} vs baseline`, ok: limit.ok, reads: ['the answers', `the baseline ${base.file}`] };
  const expected = `${bound} (baseline ${baseline === null ? 'none' : formatFigure(baseline, unit)})`;
  const runs = `run ${runId} against baseline ${base.runId} (${base.file})`;
  if (current === null || baseline === null || change === null) {
    const missing = baseline === null ? `the baseline has no ${name}` : `this run has no ${name}`;
    return { ...row, expected, observed: current === null ? 'none' : formatFigure(current, unit), detail: `${missing}: nothing to hold against the limit; ${runs}` };
  }
  const verdict = limit.ok ? 'within the limit' : 'beyond the limit';
  return { ...row, expected, observed: `${formatFigure(current, unit)} (${formatChange(change, unit)})`, detail: `${formatChange(change, unit)}, ${verdict} of ${bound.slice(2)}; ${runs}` };
}

/** Where the baseline ran otherwise than this run: worth saying, not worth refusing. */
function differences(base: BaselineRun, run: ComparedFigures): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['users', base.params.users, run.params.users],
    ['stock', base.params.stock, run.params.stock],
    ['strategy', base.strategy, run.strategy],
    ['infra', base.infra, run.infra],
    ['write', base.params.write, run.params.write],
  ];
  return pairs.filter(([, then, now]) => then !== now).map(([name, then, now]) => `${name} ${String(then)} in the baseline, ${String(now)} now`);
}
