// How the load was generated, and the run over time: the generator's own figures (cap, late starts,
// drops, event-loop delay: was ticketsim the bottleneck?) and the per-second series as text, a
// dashboard line, and mermaid line charts of throughput and p99 with a text fallback; in words for
// the summary and as the report's load and over-time sections.
import type { LoadSummary, RunResult, SeriesPoint } from '../result.js';
import { formatCount, formatDuration, formatMicros, thinPoints } from './format.js';
import { drawBar } from './histogram.js';
import { mdTable } from './md-table.js';
import { xyChart } from './mermaid.js';

/** `rate 5,000/s for 10s (achieved 5,000/s)` or `burst: every attempt due at the release`. */
export function loadModelSentence(load: LoadSummary): string {
  if (load.model === 'burst') return `burst: every attempt due at the release, at most ${formatCount(load.maxInFlight)} in flight`;
  const ramp = load.rampFrom === undefined ? '' : ` ramping from ${formatCount(load.rampFrom)}/s`;
  const achieved = load.achievedRate === undefined ? '' : ` (achieved ${formatCount(load.achievedRate)}/s)`;
  return `rate ${formatCount(load.rate ?? 0)}/s${ramp} for ${formatDuration(load.durationMs ?? 0)}${achieved}, at most ${formatCount(load.maxInFlight)} in flight`;
}

/**
 * Whether the generator kept up: late starts, drops and its event-loop delay, e.g. `12 late
 * starts (p99 3.07ms) · 0 dropped · event-loop delay p99 11.7ms`.
 */
export function generatorSentence(load: LoadSummary): string {
  const late = `${formatCount(load.lateStarts)} of ${formatCount(load.started)} started late (start lag p99 ${formatMicros(load.startLag.p99)}, max ${formatMicros(load.startLag.max)})`;
  return `${late} · ${formatCount(load.dropped)} dropped at the cap · event-loop delay p99 ${formatMicros(load.eventLoopDelayMs.p99 * 1000)}`;
}

/** When ticketsim itself, not the system, held the load back: one line saying why, or undefined. */
export function bottleneckWarning(load: LoadSummary): string | undefined {
  const reasons = [
    load.dropped > 0 ? `${formatCount(load.dropped)} arrivals dropped at the in-flight cap (raise --max-in-flight, or the system is saturated)` : '',
    load.eventLoopDelayMs.p99 >= 50 ? `the generator's event loop lagged (p99 ${formatMicros(load.eventLoopDelayMs.p99 * 1000)}): ticketsim itself was busy` : '',
    load.model === 'rate' && load.achievedRate !== undefined && load.rate !== undefined && load.rampFrom === undefined && load.achievedRate < load.rate * 0.95
      ? `the rate fell short: ${formatCount(load.achievedRate)}/s of ${formatCount(load.rate)}/s`
      : '',
  ].filter(Boolean);
  return reasons.length === 0 ? undefined : reasons.join('; ');
}

/** The dashboard's line of recent seconds: `last 3 s: 4,994 5,000 5,004 replies/s · p99 112ms 8ms 6ms`. */
export function recentLine(points: readonly SeriesPoint[]): string {
  const done = points.map((p) => formatCount(p.completed)).join(' ');
  const p99 = points.map((p) => formatMicros(p.p99Us)).join(' ');
  return `last ${points.length} s: ${done} replies/s · p99 ${p99}`;
}

/** The series as a text table with a throughput bar: one line per second (at most `limit`, thinned). */
export function seriesText(points: readonly SeriesPoint[], limit = 30, width = 30): string[] {
  const shown = thinPoints(points, limit);
  const max = Math.max(1, ...shown.map((p) => p.completed));
  return shown.map(
    (p) =>
      `${String(p.second).padStart(4)}s  ${drawBar(p.completed, max, width).padEnd(width)} ${formatCount(p.completed).padStart(8)}/s` +
      `  started ${formatCount(p.started).padStart(7)}  p50 ${formatMicros(p.p50Us).padStart(6)}  p99 ${formatMicros(p.p99Us).padStart(6)}`,
  );
}

/** Two mermaid line charts: operations completed per second, and p99 per second (ms). */
export function seriesMermaid(points: readonly SeriesPoint[]): string {
  const shown = thinPoints(points, 60);
  const seconds = shown.map((p) => String(p.second));
  const chart = (title: string, yAxis: string, values: number[]) => xyChart(title, 'second', seconds, yAxis, [{ kind: 'line', values }]);
  return [
    chart('Throughput over time', 'operations per second', shown.map((p) => p.completed)),
    chart('p99 latency over time', 'ms', shown.map((p) => Math.round(p.p99Us / 100) / 10)),
  ].join('\n\n');
}

/** The report's load section: the model, and whether the generator kept up. */
export function loadSection(result: RunResult): string {
  const { load } = result;
  const warning = bottleneckWarning(load);
  const delay = load.eventLoopDelayMs;
  const table = mdTable(
    ['Figure', 'Value'],
    [
      ['model', loadModelSentence(load)],
      ['attempts planned / started', `${formatCount(load.planned)} / ${formatCount(load.started)}`],
      ['started more than 1 ms late', formatCount(load.lateStarts)],
      ['start lag p50 / p99 / max', [load.startLag.p50, load.startLag.p99, load.startLag.max].map(formatMicros).join(' / ')],
      ['dropped at the in-flight cap', formatCount(load.dropped)],
      ['generator event-loop delay p50 / p99 / max', [delay.p50, delay.p99, delay.max].map(formatDuration).join(' / ')],
    ],
  );
  const note =
    'Latency is measured from when each attempt was due (coordinated-omission corrected); the "service time" rows from when it was actually sent. Late starts, drops and the event-loop delay say when ticketsim itself, not the system, held the load back.';
  return `${note}\n\n${table}${warning === undefined ? '' : `\n\n**ticketsim was the bottleneck:** ${warning}.`}`;
}

/** The report's over-time section: throughput and p99 per second, charted and as text. */
export function seriesSection(result: RunResult): string {
  if (result.series.length < 2) return 'The run lasted under two seconds: no series to draw.';
  return `${seriesMermaid(result.series)}\n\nText fallback (operations completed per second):\n\n${['```text', ...seriesText(result.series, 40), '```'].join('\n')}`;
}
