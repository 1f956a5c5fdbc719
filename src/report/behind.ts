// The write-behind section in words and charts: the run's topic and workers, what was published
// and what the workers did with it, the drain, the lag from acknowledgement to row, and the drain
// curve (rows visible over time) as a mermaid line chart with a text fallback.
import { SERVICE_NAMES } from '../config/services.js';
import type { RunResult, RunSnapshot, WriteBehindSummary } from '../result.js';
import { capitalize, formatCount, formatDuration, formatMicros, thinPoints } from './format.js';
import { drawBar } from './histogram.js';
import { latencyTable } from './latency-tables.js';
import { mdTable } from './md-table.js';
import { xyChart, type ChartSeries } from './mermaid.js';

/** `5,000 acknowledged → 5,000 rows · drained in 218ms · lag p50 265ms p99 320ms`. */
export function behindSentence(wb: WriteBehindSummary): string {
  const drain = wb.drained ? `drained in ${formatDuration(wb.drainMs)}` : `NOT drained: ${formatCount(wb.lagRecords)} records behind`;
  return `${formatCount(wb.published)} events acknowledged → ${formatCount(wb.worker.inserted)} rows inserted · ${drain} · lag p50 ${formatMicros(wb.lag.p50)} p99 ${formatMicros(wb.lag.p99)} max ${formatMicros(wb.lag.max)}`;
}

/** What the workers did: `inserted 5,000 · skipped 2,500 · deleted 0 · absent 0 · dead-lettered 0`. */
export function workerSentence(wb: WriteBehindSummary): string {
  const w = wb.worker;
  return `workers: inserted ${formatCount(w.inserted)} · skipped ${formatCount(w.skipped)} · deleted ${formatCount(w.deleted)} · absent ${formatCount(w.absent)} · dead-lettered ${formatCount(w.deadLettered)} of ${formatCount(w.delivered)} delivered`;
}

/** `the workers waited for MySQL at 127.0.0.1:3306 for 9.9 s from 1.2 s in (Connection lost: …)`, or undefined when they never waited. */
export function outageSentence(wb: WriteBehindSummary): string | undefined {
  if (wb.outages.length === 0) return undefined;
  const waits = wb.outages.map((outage) => {
    const lasted = outage.awayMs === null ? 'until the end (never back)' : `for ${formatDuration(outage.awayMs)}`;
    return `${SERVICE_NAMES[outage.service]} at ${outage.address} ${lasted} from ${formatDuration(Math.max(0, outage.atMs))} in (${outage.error})`;
  });
  return `the workers waited for ${waits.join('; for ')}`;
}

/** Where the run's events went, and whether they are still there. */
export function topicSentence(wb: WriteBehindSummary): string {
  const where = `topic ${wb.topic} (${formatCount(wb.partitions)} partition${wb.partitions === 1 ? '' : 's'}), group ${wb.group}, ${formatCount(wb.workers)} worker${wb.workers === 1 ? '' : 's'}`;
  if (wb.kept) return `${where}; kept for inspection (dead letters: ${wb.dlqTopic})`;
  return wb.leftover === undefined ? `${where}; deleted after the run` : `${where}; NOT deleted after the run: ${wb.leftover}`;
}

/** The dashboard's line: `behind: 3,000 acked · 2,100 persisted · 900 behind · lag p99 240ms` (`· workers waiting for MySQL at …`). */
export function behindLiveLine(live: NonNullable<RunSnapshot['writeBehind']>): string {
  const waiting = live.waitingFor === undefined ? '' : ` · workers waiting for ${live.waitingFor}`;
  return `behind: ${formatCount(live.acknowledged)} acked · ${formatCount(live.persisted)} persisted · ${formatCount(live.behind)} behind · lag p99 ${formatMicros(live.lagP99Us)}${waiting}`;
}

/** Rows visible at a moment of a drain. */
export type CurvePoint = { atMs: number; rows: number };

/** A drain curve as text: one line per point, a bar proportional to the rows visible. */
export function drainCurveText(curve: readonly CurvePoint[], width = 50): string[] {
  const points = thinPoints(curve, 12);
  const max = Math.max(1, ...points.map((p) => p.rows));
  const label = (atMs: number) => formatDuration(atMs).padStart(7);
  return points.map((p) => `${label(p.atMs)} ${drawBar(p.rows, max, width).padEnd(width)} ${formatCount(p.rows)}`.trimEnd());
}

/** A drain curve as a mermaid xychart line: `title`, rows over the time since `since`. */
export function drainCurveMermaid(curve: readonly CurvePoint[], title: string, since: string): string {
  const points = thinPoints(curve, 30);
  const line: ChartSeries = { kind: 'line', values: points.map((p) => p.rows) };
  return xyChart(title, `time after ${since}`, points.map((p) => formatDuration(p.atMs)), 'rows', [line]);
}

/** The report's write-behind section: what was acknowledged, what the workers did, the drain, the lag and the drain curve. */
export function writeBehindSection(result: RunResult): string {
  const wb = result.writeBehind;
  if (wb === undefined) return 'The run wrote synchronously (`--write sync`): MySQL inside each request.';
  const w = wb.worker;
  const figures = mdTable(
    ['Figure', 'Value'],
    [
      ['events acknowledged by Kafka', formatCount(wb.published)],
      ['produce requests', formatCount(wb.requests)],
      ['events sent twice on purpose (--redeliver)', formatCount(wb.redelivered)],
      ['records delivered to the workers', formatCount(w.delivered)],
      ['rows inserted', formatCount(w.inserted)],
      ['skipped (already written: UNIQUE key)', formatCount(w.skipped)],
      ['rows deleted (cancels)', formatCount(w.deleted)],
      ['cancels that found no row', formatCount(w.absent)],
      ['dead-lettered (malformed)', formatCount(w.deadLettered)],
      ['SQL statements / offset commits', `${formatCount(w.statements)} / ${formatCount(w.commits)}`],
      ['drain', wb.drained ? `done in ${formatDuration(wb.drainMs)}` : `timed out with ${formatCount(wb.lagRecords)} records behind`],
    ],
  );
  const poll = formatDuration(wb.pollMs);
  const outages = outageSentence(wb);
  return [
    `${behindSentence(wb)}.`,
    '',
    `${capitalize(topicSentence(wb))}.`,
    '',
    ...(outages === undefined ? [] : [`${capitalize(outages)}.`, '']),
    figures,
    '',
    latencyTable('Lag', [{ label: 'acknowledged → row visible', latency: wb.lag }]),
    '',
    `The lag runs from the moment Kafka acknowledged a purchase's event to the moment its row was first seen by polling MySQL every ${poll} (so it is measured to within ${poll}), from outside the worker.`,
    '',
    drainCurveMermaid(wb.drainCurve, 'Rows visible in MySQL over time', 'the first release'),
    '',
    'Text fallback:',
    '',
    ['```text', ...drainCurveText(wb.drainCurve, 60), '```'].join('\n'),
  ].join('\n');
}
