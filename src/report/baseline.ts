// A run beside its baseline (--baseline), for the text summary and the markdown report: each
// figure now and then, the change, and the limit it was held to (--max-regression) with its
// verdict; and the dashboard's one line of it.
import type { BaselineFigure, BaselineSummary, LiveBaseline } from '../result.js';
import { formatChange, formatFigure, formatMicros, formatRate } from '../units.js';
import { alignColumns, paint } from './format.js';
import { mdTable } from './md-table.js';

/** What the text summary shows of each operation (other statistics only when a limit names them). */
const COMPACT = /\.(p50|p99)$/;

function shown(value: number | null, unit: BaselineFigure['unit']): string {
  return value === null ? 'none' : formatFigure(value, unit);
}

function changeText({ change, unit }: BaselineFigure): string {
  return change === null ? 'n/a' : formatChange(change, unit);
}

/** `≤ +20%`, `≥ −10%`, `≤ +0.5 pts`; empty when no limit was given. */
function limitText({ limit, unit }: BaselineFigure): string {
  if (limit === undefined) return '';
  return unit === 'per-second' ? `≥ ${formatChange(-limit.allowed, unit)}` : `≤ ${formatChange(limit.allowed, unit)}`;
}

/** `✓`, `✗`, or empty for a figure with no limit. */
function verdictMark({ limit }: BaselineFigure): string {
  return limit === undefined ? '' : limit.ok ? '✓' : '✗';
}

/** The text summary's block: `vs baseline <runId>`, then p50/p99 per operation, throughput, error rate (and lag). */
export function baselineLines(baseline: BaselineSummary, color: boolean): string[] {
  const figures = baseline.figures.filter((figure) => figure.limit !== undefined || !figure.name.includes('.') || COMPACT.test(figure.name) || figure.name === 'errors.rate');
  const rows = figures.map((figure) => [figure.name, shown(figure.current, figure.unit), `baseline ${shown(figure.baseline, figure.unit)}`, changeText(figure), [verdictMark(figure), limitText(figure)].join(' ').trim()]);
  return [
    `${paint('bold', `vs baseline ${baseline.runId}`, color)} ${paint('dim', `(${baseline.file})`, color)}`,
    ...baseline.differences.map((difference) => paint('yellow', `  ran otherwise: ${difference}`, color)),
    ...alignColumns(rows, ['l', 'r', 'r', 'r', 'l']).map((line, i) => `  ${paint(figures[i]!.limit?.ok === false ? 'red' : 'dim', line, color)}`),
  ];
}

/** The report's Baseline section: which run, how it differed, and a table of every figure. */
export function baselineSection(baseline: BaselineSummary): string {
  const rows = baseline.figures.map((figure) => [
    figure.name, shown(figure.current, figure.unit), shown(figure.baseline, figure.unit), changeText(figure), limitText(figure),
    figure.limit === undefined ? '' : figure.limit.ok ? '✓ within' : figure.change === null ? '✗ not measured' : '✗ beyond',
  ]);
  const differences = baseline.differences.length === 0 ? [] : [`The baseline ran otherwise: ${baseline.differences.join('; ')}.`];
  return [`Compared with run \`${baseline.runId}\` (\`${baseline.file}\`).`, ...differences, mdTable(['figure', 'this run', 'baseline', 'change', 'limit', 'verdict'], rows)].join('\n\n');
}

/** The dashboard's line, within 80 columns: `baseline: purchase p99 4.1ms vs 3.2ms (+28%) · 5,500/s vs 5,000/s (+10%)`. */
export function baselineLiveLine(baseline: LiveBaseline, now: { p99Us: number | undefined; throughput: number }): string {
  const beside = (current: number | undefined, then: number | undefined, format: (value: number) => string) => {
    const change = current === undefined || then === undefined || then === 0 ? '' : ` (${formatChange(current / then - 1, 'us')})`;
    return `${current === undefined ? '–' : format(current)} vs ${then === undefined ? 'none' : format(then)}${change}`;
  };
  return `baseline: ${baseline.operation} p99 ${beside(now.p99Us, baseline.p99Us, formatMicros)} · ${beside(now.throughput, baseline.throughput, formatRate)}`;
}
