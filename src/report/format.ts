// Human formatting shared by the plain-text summary, the markdown report and the Ink dashboard:
// counts, microsecond latencies, elapsed times, rates, the verdict, and a tiny ANSI painter.
import type { CheckResult, LatencySummary, RunResult } from '../result.js';
import { formatCount, formatMicros, formatPercent, threeDigits, wordList } from '../units.js';

export { formatCount, formatMicros, formatPercent, formatRate } from '../units.js';

/** The percentiles every renderer shows, in order: label and RunResult field. */
export const PERCENTILES = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p99.9', 'p999'],
  ['max', 'max'],
] as const satisfies readonly (readonly [string, keyof LatencySummary])[];

/** The percentile values of a summary, in {@link PERCENTILES} order. */
export function percentileValues(latency: LatencySummary): number[] {
  return PERCENTILES.map(([, field]) => latency[field]);
}

/** The columns of a latency table, in order: the least, the mean, then {@link PERCENTILES}. */
export const LATENCY_COLUMNS = [['min', 'min'], ['mean', 'mean'], ...PERCENTILES] as const satisfies readonly (readonly [string, keyof LatencySummary])[];

/** A summary's values in {@link LATENCY_COLUMNS} order, in human units (`41µs`, `1.19ms`, `2.1s`). */
export function latencyCells(latency: LatencySummary): string[] {
  return LATENCY_COLUMNS.map(([, field]) => formatMicros(latency[field]));
}

/** A histogram bucket's range, e.g. `128µs–256µs`. */
export function formatBucketLabel(fromUs: number, toUs: number): string {
  return `${formatMicros(fromUs)}–${formatMicros(toUs)}`;
}

/** An elapsed time in milliseconds: `412ms`, `12.3s`, `2m05s`. */
export function formatElapsed(ms: number): string {
  if (Math.round(ms) < 1000) return `${Math.round(ms)}ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/**
 * A measured duration in milliseconds, three significant digits: `812µs`, `412ms`, `3.31s`, and
 * from a minute on `2m05s`; negative values keep their sign.
 */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  return ms < 59_950 ? formatMicros(ms * 1000) : formatElapsed(ms);
}

/** A size in bytes, in binary units with three significant digits: `512 B`, `212 MiB`, `23.5 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (unit < units.length - 1 && Number(threeDigits(value)) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? Math.round(value) : threeDigits(value)} ${units[unit]}`;
}

/** `part` as a percentage of `whole` (`1.2%`), or `–` when there is no whole to share. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : '–';
}

/** `null` concurrency means "as many in flight as there are users". */
export function formatConcurrency(concurrency: number | null): string {
  return concurrency === null ? 'unlimited' : formatCount(concurrency);
}

/** What a renderer says at the end of a run. */
export interface Verdict {
  /** PASS when the run's `ok` is true, FAIL otherwise. */
  word: 'PASS' | 'FAIL';
  interrupted: boolean;
  /** e.g. `all 4 checks held` or `1 of 4 checks failed: no-oversell`. */
  summary: string;
}

/** The checks that failed: a skipped check never passes, but it does not fail either. */
export function failedChecks(checks: readonly CheckResult[]): CheckResult[] {
  return checks.filter((check) => !check.ok && check.skipped === undefined);
}

/** A check's mark: ✓ held, ✗ failed, – skipped (the system under test does not keep what it reads). */
export function checkMark(check: CheckResult): string {
  if (check.skipped !== undefined) return '–';
  return check.ok ? '✓' : '✗';
}

/** The verdict of a finished run, from `result.ok` and its checks. */
export function verdictOf(result: RunResult): Verdict {
  const failed = failedChecks(result.checks);
  const skipped = result.checks.filter((check) => check.skipped !== undefined).length;
  const total = result.checks.length - skipped;
  const skippedText = skipped === 0 ? '' : `, ${skipped} skipped`;
  let summary: string;
  if (result.inconclusive !== undefined) summary = `inconclusive: ${result.inconclusive}`;
  else if (total === 0) summary = skipped === 0 ? 'no checks ran' : `no check could be made (${skipped} skipped)`;
  else if (failed.length === 0) summary = `all ${heldCount(result.checks)} held${skippedText}`;
  else {
    const [first, ...others] = failed as [CheckResult, ...CheckResult[]];
    summary = `${failedCount(result.checks)} — ${first.name}: ${first.detail}`;
    if (others.length > 0) summary += `; also ${others.map((check) => check.name).join(', ')}`;
    summary += skippedText;
  }
  const [cause] = result.errorCauses;
  if (result.counts.errors > 0 && result.inconclusive === undefined) {
    summary += ` · ${formatCount(result.counts.errors)} infrastructure error${result.counts.errors === 1 ? '' : 's'}${cause ? `, mostly ${cause.cause}` : ''}`;
  }
  // A target's answers that said nothing: the checks allowed for them, and a reader should know how many.
  const unknownWhy = result.target?.unknown[0];
  if (result.counts.unknown > 0 && result.inconclusive === undefined) {
    summary += ` · ${formatCount(result.counts.unknown)} answer${result.counts.unknown === 1 ? '' : 's'} unknown${unknownWhy ? `, mostly ${unknownWhy.why}` : ''}`;
  }
  if (result.interrupted) summary += ` (stopped by Ctrl-C; ${formatCount(result.counts.notStarted)} attempts not started)`;
  return { word: result.ok ? 'PASS' : 'FAIL', interrupted: result.interrupted, summary };
}

/** The checks made (not skipped) by kind: invariants, thresholds (--threshold), limits against a baseline (--max-regression). */
function madeChecks(checks: readonly CheckResult[]): { invariants: CheckResult[]; thresholds: CheckResult[]; regressions: CheckResult[] } {
  const made = checks.filter((check) => check.skipped === undefined);
  return {
    invariants: made.filter((check) => check.kind !== 'threshold' && check.kind !== 'regression'),
    thresholds: made.filter((check) => check.kind === 'threshold'),
    regressions: made.filter((check) => check.kind === 'regression'),
  };
}

/** `4 checks`, `3 checks and 2 thresholds`, `4 checks, 1 threshold and 2 baseline limits`: what held, when all did. */
function heldCount(checks: readonly CheckResult[]): string {
  const { invariants, thresholds, regressions } = madeChecks(checks);
  const counted = (count: number, noun: string) => (count === 0 ? [] : [`${count} ${noun}${count === 1 ? '' : 's'}`]);
  return wordList([...counted(invariants.length, 'check'), ...counted(thresholds.length, 'threshold'), ...counted(regressions.length, 'baseline limit')], 'and');
}

/** `2 of 3 checks failed`, `1 of 1 threshold broken`, `1 of 2 baseline limits exceeded`, listed with `,` and `and`. */
function failedCount(checks: readonly CheckResult[]): string {
  const { invariants, thresholds, regressions } = madeChecks(checks);
  const failed = (group: CheckResult[], noun: string, verb: string) => {
    const count = group.filter((check) => !check.ok).length;
    return count === 0 ? [] : [`${count} of ${group.length} ${noun}${group.length === 1 ? '' : 's'} ${verb}`];
  };
  return wordList([...failed(invariants, 'check', 'failed'), ...failed(thresholds, 'threshold', 'broken'), ...failed(regressions, 'baseline limit', 'exceeded')], 'and');
}

/** The operation a dashboard or summary leads with: `purchase` when present, else the first. */
export function primaryOperation(names: readonly string[]): string | undefined {
  return names.includes('purchase') ? 'purchase' : names[0];
}

const ANSI = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;

/** An ANSI style name understood by {@link paint}. */
export type Style = keyof typeof ANSI;

/** Wraps text in an ANSI style, or returns it untouched when colour is off (NO_COLOR, not a TTY). */
export function paint(style: Style, text: string, color: boolean): string {
  if (!color) return text;
  const [open, close] = ANSI[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** At most `count` points of a series, evenly spread from the first to the last (for charts). */
export function thinPoints<T>(points: readonly T[], count: number): T[] {
  if (points.length <= count) return [...points];
  if (count <= 1) return points.slice(-1);
  const indexes = new Set(Array.from({ length: count }, (_, i) => Math.round((i * (points.length - 1)) / (count - 1))));
  return [...indexes].map((i) => points[i]!);
}

/** Rows of cells as aligned text lines: each column as wide as its widest cell, two spaces apart. */
export function alignColumns(rows: readonly string[][], align: readonly ('l' | 'r')[] = []): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, col) => (align[col] === 'r' ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The text with its first letter in upper case, to start a sentence. */
export function capitalize(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

/** Pads or cuts text to exactly `width` characters, ending a cut with `…`. */
export function fit(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}
