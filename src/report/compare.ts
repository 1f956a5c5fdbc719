// The comparison of several runs of one scenario (one per strategy × write mode): each run's
// figures as a column, its checks as ✓/✗, whether it ended as expected (--expect-fail lists the
// runs meant to fail), and the fastest run that held every check. A pure function of the results.
import type { ComparedRun, ComparedVerdict, Comparison, RunResult } from '../result.js';
import { formatBytes, formatCount, formatDuration, formatMicros, formatRate, formatShare, primaryOperation } from './format.js';

/**
 * Which runs are meant to fail: `naive` (under every write mode) or `naive:behind` (that one
 * combination). Matches a run by its strategy and write mode.
 */
export function expectsFailure(expectFail: readonly string[], strategy: string, write: string): boolean {
  return expectFail.some((entry) => {
    const [name, mode] = entry.split(':');
    return name === strategy && (mode === undefined || mode === write);
  });
}

/**
 * Compares the results, in the order they ran. `withWrite`: label runs with their write mode;
 * `command`: the compare command line that made them; `baseline`: the --baseline file, if any
 * (a run it held none for has no `baseline` in its result).
 */
export function compareRuns(results: readonly RunResult[], expectFail: readonly string[], withWrite: boolean, command: string, baseline?: string): Comparison {
  const rate = results.some((result) => result.load.model === 'rate');
  const runs = results.map((result) => comparedRun(result, expectsFailure(expectFail, result.strategy, result.params.write), withWrite));
  const operations = unique(results.flatMap((result) => Object.keys(result.latency)));
  const held = runs.filter((run) => run.verdict === 'held');
  const primary = primaryOperation(operations) ?? '';
  const p99 = (run: ComparedRun) => run.latency[primary]?.p99 ?? Number.POSITIVE_INFINITY;
  const best = rate ? minBy(held, p99) : minBy(held, (run) => -run.throughput);
  return {
    scenario: results[0]?.scenario ?? '',
    command,
    rankedBy: rate ? 'p99' : 'throughput',
    operations,
    checkNames: unique(results.flatMap((result) => result.checks.map((check) => check.name))),
    runs,
    fastest: best?.label,
    ok: runs.every((run) => run.asExpected),
    ...(baseline === undefined ? {} : { baseline: { file: baseline, unmatched: runs.filter((_, i) => results[i]!.baseline === undefined).map((run) => run.label) } }),
  };
}

function comparedRun(result: RunResult, expectedToFail: boolean, withWrite: boolean): ComparedRun {
  const verdict = verdictOf(result);
  const statements = Object.values(result.sql?.statements ?? {});
  const busiest = statements.sort((a, b) => b.count - a.count)[0];
  return {
    label: withWrite ? `${result.strategy} · ${result.params.write}` : result.strategy,
    strategy: result.strategy,
    write: result.params.write,
    verdict,
    expectedToFail,
    // Meant to fail means an invariant broke: a strategy that held them all and was only too slow did not.
    asExpected: expectedToFail ? verdict === 'failed' && brokeAnInvariant(result) : verdict === 'held',
    counts: result.counts,
    throughput: result.throughput,
    durationMs: result.durationMs,
    wallMs: result.wallMs,
    generator: result.generator,
    latency: Object.fromEntries(Object.entries(result.latency).map(([name, l]) => [name, { mean: l.mean, p50: l.p50, p99: l.p99, max: l.max }])),
    locks: { requests: result.guards.lockRequests, granted: result.guards.locksGranted, tries: result.guards.lockTries, staleRefused: result.guards.staleRefused },
    faults: Object.fromEntries((result.faults ?? []).map((fault) => [fault.name, fault.fired])),
    sqlWaitP99Us: busiest?.wait.p99,
    checks: Object.fromEntries(result.checks.map((check) => [check.name, check.ok])),
  };
}

/** Whether a check of the data failed (not a threshold or another bound on the figures). */
function brokeAnInvariant(result: RunResult): boolean {
  return result.checks.some((check) => !check.ok && check.skipped === undefined && (check.kind ?? 'invariant') === 'invariant');
}

/** A failed check outranks an interruption: what did happen already broke an invariant. */
function verdictOf(result: RunResult): ComparedVerdict {
  if (result.inconclusive !== undefined) return 'inconclusive';
  if (!result.ok) return 'failed';
  return result.interrupted ? 'interrupted' : 'held';
}

/** One row of the side-by-side table: a label and a cell per run. */
export interface SideBySideRow {
  label: string;
  cells: string[];
  /** `verdict` rows judge, `outcome` rows count, `figure` rows measure, `check` rows are ✓ or ✗. */
  kind: 'verdict' | 'outcome' | 'figure' | 'check';
}

const VERDICT_CELL: Record<ComparedVerdict, string> = { held: '✓ held', failed: '✗ failed', inconclusive: '? inconclusive', interrupted: '… stopped' };

const COUNT_ROWS = [
  ['attempts', 'attempts'],
  ['purchased', 'purchased'],
  ['sold out', 'soldOut'],
  ['duplicate', 'duplicate'],
  ['lock timeout', 'lockTimeout'],
  ['rejected', 'rejected'],
  ['unknown', 'unknown'],
  ['cancelled', 'cancelled'],
  ['not purchased', 'notPurchased'],
  ['re-bought', 'rebought'],
  ['errors', 'errors'],
  ['dropped (cap)', 'dropped'],
  ['not started', 'notStarted'],
] as const;

/**
 * The comparison as rows of a table whose columns are the runs: verdict (and what was expected,
 * when anything was meant to fail), the outcomes that occurred and the error rate, throughput,
 * mean/p50/p99/max per operation, lock traffic, SQL connection wait, the wall time and what each
 * run cost ticketsim, then every check as ✓ or ✗ (– where a run had none).
 */
export function sideBySide(comparison: Comparison): SideBySideRow[] {
  const { runs } = comparison;
  const row = (label: string, kind: SideBySideRow['kind'], cell: (run: ComparedRun) => string): SideBySideRow => ({ label, kind, cells: runs.map(cell) });
  const rows = [row('verdict', 'verdict', (run) => VERDICT_CELL[run.verdict])];
  if (runs.some((run) => run.expectedToFail)) {
    rows.push(row('expected', 'verdict', (run) => `${run.expectedToFail ? 'to fail' : 'to hold'} ${run.asExpected ? '✓' : '✗'}`));
  }
  for (const [label, field] of COUNT_ROWS) {
    const always = field === 'attempts' || field === 'purchased' || field === 'errors';
    if (always || runs.some((run) => run.counts[field] > 0)) rows.push(row(label, 'outcome', (run) => formatCount(run.counts[field])));
  }
  rows.push(row('error rate', 'outcome', (run) => formatShare(run.counts.errors, run.counts.attempts)));
  rows.push(row('throughput', 'figure', (run) => formatRate(run.throughput)));
  for (const operation of comparison.operations) {
    for (const field of ['mean', 'p50', 'p99', 'max'] as const) {
      rows.push(row(`${operation} ${field}`, 'figure', (run) => {
        const latency = run.latency[operation];
        return latency === undefined ? '–' : formatMicros(latency[field]);
      }));
    }
  }
  if (runs.some((run) => run.locks.requests > 0)) {
    rows.push(row('locks granted', 'figure', (run) => `${formatCount(run.locks.granted)}/${formatCount(run.locks.requests)}`));
    rows.push(row('lock tries', 'figure', (run) => formatCount(run.locks.tries)));
  }
  if (runs.some((run) => run.locks.staleRefused > 0)) rows.push(row('stale steps refused', 'figure', (run) => formatCount(run.locks.staleRefused)));
  for (const name of unique(runs.flatMap((run) => Object.keys(run.faults)))) {
    rows.push(row(`${name} fired`, 'figure', (run) => (run.faults[name] === undefined ? '–' : `${formatCount(run.faults[name])}×`)));
  }
  if (runs.some((run) => run.sqlWaitP99Us !== undefined)) {
    rows.push(row('SQL wait p99', 'figure', (run) => (run.sqlWaitP99Us === undefined ? '–' : formatMicros(run.sqlWaitP99Us))));
  }
  rows.push(row('wall time (with set-up)', 'figure', (run) => formatDuration(run.wallMs)));
  rows.push(row('ticketsim CPU', 'figure', (run) => formatDuration(run.generator.cpuUserMs + run.generator.cpuSystemMs)));
  rows.push(row('ticketsim peak memory', 'figure', (run) => formatBytes(run.generator.peakRssBytes)));
  for (const name of comparison.checkNames) {
    rows.push(row(name, 'check', (run) => (run.checks[name] === undefined ? '–' : run.checks[name] ? '✓' : '✗')));
  }
  return rows;
}

/** `lua (12,345/s)` or `lua (p99 3.2ms)`: the fastest held run and what made it fastest. */
export function fastestText(comparison: Comparison): string | undefined {
  const run = comparison.runs.find((r) => r.label === comparison.fastest);
  if (run === undefined) return undefined;
  if (comparison.rankedBy === 'throughput') return `${run.label} (${formatRate(run.throughput)})`;
  const primary = primaryOperation(comparison.operations) ?? '';
  return `${run.label} (${primary} p99 ${formatMicros(run.latency[primary]?.p99 ?? 0)})`;
}

/**
 * The comparison's verdict in one line: `every run ended as expected: naive failed as expected;
 * lock, dcl, lua held`, or which runs did not and how.
 */
export function comparisonSummary(comparison: Comparison): string {
  const labels = (runs: ComparedRun[]) => runs.map((run) => run.label).join(', ');
  const parts: string[] = [];
  const unexpected = comparison.runs.filter((run) => !run.asExpected);
  const groups: [string, ComparedRun[]][] = [
    ['failed a check', unexpected.filter((run) => run.verdict === 'failed' && !run.expectedToFail)],
    // Meant to fail, it failed only a bound on its figures (a threshold): every invariant held.
    ['held every invariant though meant to fail (only a threshold broke)', unexpected.filter((run) => run.verdict === 'failed' && run.expectedToFail)],
    ['held though meant to fail', unexpected.filter((run) => run.verdict === 'held')],
    ['proved nothing (the data could not be read back)', unexpected.filter((run) => run.verdict === 'inconclusive')],
    ['stopped early', unexpected.filter((run) => run.verdict === 'interrupted')],
    ['failed as expected', comparison.runs.filter((run) => run.asExpected && run.verdict === 'failed')],
    ['held', comparison.runs.filter((run) => run.asExpected && run.verdict === 'held')],
  ];
  for (const [what, runs] of groups) if (runs.length > 0) parts.push(`${labels(runs)} ${what}`);
  const head = unexpected.length === 0 ? 'every run ended as expected' : `${unexpected.length} of ${comparison.runs.length} runs did not end as expected`;
  return `${head}: ${parts.join('; ')}`;
}

/** `no baseline for lock, dcl in old.json: no limit held them to one`, when --baseline held none for some runs. */
export function unmatchedBaselineText(comparison: Comparison): string | undefined {
  const { baseline } = comparison;
  if (baseline === undefined || baseline.unmatched.length === 0) return undefined;
  return `no baseline for ${baseline.unmatched.join(', ')} in ${baseline.file} (no run of the same strategy and write mode, or service): no limit held them to one`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function minBy<T>(items: readonly T[], key: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || key(item) < key(best)) best = item;
  return best;
}
