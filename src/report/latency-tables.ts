// The markdown latency tables and histograms of a run: one table shape (count, errors, min, mean
// and the percentiles, all in human units) for operations, SQL statements and the write-behind
// lag, and one histogram per operation. Shared by the run's report and the comparison's.
import type { LatencySummary, RunResult } from '../result.js';
import { LATENCY_COLUMNS, formatCount, formatShare, latencyCells } from './format.js';
import { mdTable } from './md-table.js';
import { histogramSection } from './mermaid.js';

/** One row of a latency table; `errors` when the row counts failures (shown beside the count). */
export interface LatencyTableRow {
  label: string;
  latency: LatencySummary;
  errors?: number;
}

/** `12 (1.2%)`: errors and their share of `count`. */
export function errorsWithRate(errors: number, count: number): string {
  return count > 0 ? `${formatCount(errors)} (${formatShare(errors, count)})` : formatCount(errors);
}

/** A table of latency rows; an Errors column when any row counts them. */
export function latencyTable(first: string, rows: readonly LatencyTableRow[]): string {
  const withErrors = rows.some((row) => row.errors !== undefined);
  return mdTable(
    [first, 'Count', ...(withErrors ? ['Errors'] : []), ...LATENCY_COLUMNS.map(([label]) => label)],
    rows.map(({ label, latency, errors }) => [
      label,
      formatCount(latency.count),
      ...(withErrors ? [errors === undefined ? '' : errorsWithRate(errors, latency.count)] : []),
      ...latencyCells(latency),
    ]),
  );
}

/** Every operation: all outcomes (with its errors), each outcome, and the service time. */
export function latencySection(result: RunResult): string {
  const rows: LatencyTableRow[] = Object.entries(result.latency).flatMap(([operation, latency]) => [
    { label: `**${operation}**`, latency, errors: latency.byOutcome.error?.count ?? 0 },
    ...Object.entries(latency.byOutcome).map(([outcome, summary]) => ({ label: `${operation} · ${outcome}`, latency: summary })),
    { label: `${operation} · service time`, latency: latency.raw },
  ]);
  if (rows.length === 0) return 'No latency was recorded.';
  const note = 'Measured from the intended start; "service time" is measured from when the request was actually sent.';
  return `${note}\n\n${latencyTable('Operation', rows)}`;
}

/** One histogram per operation, each under a heading `depth` levels deep. */
export function histogramsSection(result: RunResult, depth = 3): string {
  const heading = '#'.repeat(depth);
  return (
    Object.entries(result.latency)
      .map(([operation, latency]) => `${heading} ${operation}\n\n${histogramSection(`${operation} latency: attempts per bucket`, latency.buckets)}`)
      .join('\n\n') || 'No latency was recorded.'
  );
}
