// The detection matrix of `ticketsim selftest` as text: one line per row as it finishes, then the
// whole table and the verdict. Pure functions of the SelftestRow results. A row's time is, in
// process, the virtual time its run spent in bursts (simulated); on the real services, the run's
// wall-clock time from start to verdict, set-up, drains and faults included.
import type { SelftestResult, SelftestRow } from '../result.js';
import { alignColumns, formatElapsed, paint } from './format.js';

/** `10.3s simulated` for an in-process run, `6.8s wall-clock` for one on the real services. */
function timeText(row: SelftestRow): string {
  return row.infra === 'memory' ? `${formatElapsed(row.durationMs)} simulated` : `${formatElapsed(row.wallMs)} wall-clock`;
}

/** `[3/12] ✓ precheck (half of DCL) double-buys or leaks under spam: caught by conservation (memory, 0.4s simulated)`. */
export function formatRowLine(row: SelftestRow, index: number, of: number, color: boolean): string {
  const mark = row.ok ? paint('green', '✓', color) : paint('red', '✗', color);
  return `[${index + 1}/${of}] ${mark} ${row.anomaly}: ${row.outcome} (${row.infra}, ${timeText(row)})`;
}

/** The matrix: what was planted, the run and its time, which check had to catch it, what did, then the verdict. */
export function formatMatrix(result: SelftestResult, color: boolean): string {
  const rows = [['', 'planted anomaly / correct strategy', 'run', 'time', 'expected', 'outcome']];
  for (const row of result.rows) rows.push([row.ok ? '✓' : '✗', row.anomaly, `${row.run} (${row.infra})`, timeText(row), row.expected, row.outcome]);
  const [header, ...body] = alignColumns(rows);
  const painted = body.map((line, i) => (result.rows[i]!.ok ? line : paint('red', line, color)));
  const failed = result.rows.filter((row) => !row.ok).length;
  const verdict = result.ok
    ? paint('green', `PASS: every planted anomaly was caught by the check named for it, and every correct strategy held (${result.rows.length} runs)`, color)
    : paint('red', `FAIL: ${failed} of ${result.rows.length} rows did not end as the matrix says`, color);
  return `${[paint('bold', header!, color), ...painted, '', verdict].join('\n')}\n`;
}
