// The sql section: where the time of the run's statements went (waiting for a pool connection vs
// executing), the slow ones, and what the server itself counted. One set of sentences for the plain
// text, the markdown report and the dashboard, and the report's section with its tables.
import type { SqlLive, SqlSummary } from '../result.js';
import { capitalize, formatCount, formatDuration, formatMicros, formatPercent } from './format.js';
import { latencyTable } from './latency-tables.js';
import type { LatencyTableRow } from './latency-tables.js';
import { mdTable } from './md-table.js';

/** The statement kinds in the order they are shown: writes first. */
export function statementRows(sql: SqlSummary): [string, SqlSummary['statements'][string]][] {
  return Object.entries(sql.statements).sort(([a], [b]) => (a === 'insert' ? -1 : b === 'insert' ? 1 : a.localeCompare(b)));
}

/**
 * The finding in one sentence, e.g. `8,934 of 10,000 statements took over 500 ms; 99.9% of their
 * time was spent waiting for a pool connection`.
 */
export function slowSentence(sql: SqlSummary): string {
  const { slow } = sql;
  const total = Object.values(sql.statements).reduce((sum, timing) => sum + timing.count, 0);
  if (slow.count === 0) return `none of ${formatCount(total)} statements took over ${formatDuration(slow.thresholdMs)}`;
  return (
    `${formatCount(slow.count)} of ${formatCount(total)} statements took over ${formatDuration(slow.thresholdMs)}; ` +
    `${formatPercent(slow.waitShare)} of their time was spent waiting for a pool connection ` +
    `(${formatCount(slow.mostlyWaiting)} waited longer than they ran)`
  );
}

/** What the server counted, e.g. `server: 10,000 writes, 0 slower than 500ms on the server`. */
export function serverSentence(sql: SqlSummary): string {
  const { server } = sql;
  if (server === undefined) return 'server: its own count could not be read';
  return `server: ${formatCount(server.writes)} writes executed, ${formatCount(server.slow)} slower than ${formatDuration(server.thresholdMs)} on the server`;
}

/** The dashboard's one line: `sql 10,000 · pool wait p99 1.84s · exec p99 11.7ms · 8,934 over 500ms`. */
export function sqlLiveLine(live: SqlLive): string {
  return (
    `sql ${formatCount(live.statements)} stmts · pool wait p99 ${formatMicros(live.waitP99Us)} · ` +
    `exec p99 ${formatMicros(live.execP99Us)} · ${formatCount(live.slow)} over ${formatDuration(live.thresholdMs)}`
  );
}

/** The report's sql section: the finding, each statement's pool wait, execution and total, the slowest, and where each figure came from. */
export function sqlSection(sql: SqlSummary | undefined): string {
  if (sql === undefined) return 'No SQL statement ran.';
  const rows: LatencyTableRow[] = statementRows(sql).flatMap(([kind, timing]) => [
    { label: `**${kind}** · pool wait`, latency: timing.wait },
    { label: `${kind} · execution`, latency: timing.exec },
    { label: `${kind} · total`, latency: timing.total, errors: timing.failed },
  ]);
  const slowest =
    sql.slow.slowest.length === 0
      ? ''
      : `\n\nThe slowest statements (when: after the barrier release; negative: before it):\n\n${mdTable(
          ['Statement', 'When', 'Total', 'Pool wait', 'Execution'],
          sql.slow.slowest.map((s) => [s.kind, formatDuration(s.atMs), formatMicros(s.totalUs), formatMicros(s.waitUs), formatMicros(s.execUs)]),
        )}`;
  return [
    `${capitalize(slowSentence(sql))}. ${capitalize(serverSentence(sql))}.`,
    '',
    latencyTable('Statement · part', rows) + slowest,
    '',
    'Where each figure came from:',
    '',
    `- Pool wait: ${sql.sources.wait}.`,
    `- Execution: ${sql.sources.exec}.`,
    `- Server: ${sql.server === undefined ? "the server's own count could not be read" : sql.server.source}.`,
  ].join('\n');
}
