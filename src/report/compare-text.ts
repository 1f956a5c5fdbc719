// The comparison as plain text for the terminal: one table whose columns are the runs (the fastest
// that held every check starred), the failed checks' details, the verdict line, where it ran and
// the command line that reproduces it.
import type { Comparison, RunResult } from '../result.js';
import { comparisonSummary, fastestText, sideBySide, unmatchedBaselineText } from './compare.js';
import { alignColumns, failedChecks, formatCount, paint } from './format.js';
import { formatUsers } from './text.js';
import { machineText, versionsText } from './environment.js';
import type { TextOptions } from './text.js';

/** `compare oversell · 1,000 users · stock 100 · infra real · seed 1`. */
export function comparisonTitle(comparison: Comparison, results: readonly RunResult[]): string {
  const first = results[0];
  if (first === undefined) return `compare ${comparison.scenario}`;
  const infra = [...new Set(results.map((result) => result.infra))].join(', ');
  return `compare ${comparison.scenario} · ${formatUsers(first.params)} · stock ${formatCount(first.params.stock)} · infra ${infra} · seed ${first.seed}`;
}

/** The whole comparison, ending on `PASS|FAIL  …` and a newline. */
export function formatComparison(comparison: Comparison, results: readonly RunResult[], options: TextOptions): string {
  const { color } = options;
  const rows = sideBySide(comparison);
  const header = ['', ...comparison.runs.map((run) => (run.label === comparison.fastest ? `${run.label} ★` : run.label))];
  const lines = alignColumns([header, ...rows.map((row) => [row.label, ...row.cells])], ['l', ...comparison.runs.map(() => 'r' as const)]);
  const painted = lines.map((line, i) => {
    const row = rows[i - 1];
    if (row === undefined) return paint('bold', `  ${line}`, color);
    if (row.kind !== 'check' && row.kind !== 'verdict') return `  ${line}`;
    return `  ${line.replaceAll('✓', paint('green', '✓', color)).replaceAll('✗', paint('red', '✗', color))}`;
  });
  const out = [paint('bold', `ticketsim ${comparisonTitle(comparison, results)}`, color), '', ...painted, ''];
  const fastest = fastestText(comparison);
  const by = comparison.rankedBy === 'throughput' ? 'highest throughput' : 'lowest p99';
  out.push(fastest === undefined ? 'no run both finished and held every check' : `★ fastest that held every check (${by}): ${fastest}`);
  out.push(...failedCheckLines(comparison, results));
  const unmatched = unmatchedBaselineText(comparison);
  if (unmatched !== undefined) out.push(unmatched);
  const word = comparison.ok ? paint('green', 'PASS', color) : paint('red', 'FAIL', color);
  out.push('', `${paint('bold', word, color)}  ${comparisonSummary(comparison)}`);
  const first = results[0];
  if (first !== undefined) {
    out.push(paint('dim', `ran on: ${machineText(first.environment.machine)}`, color), paint('dim', `versions: ${versionsText(first.environment)}`, color));
  }
  out.push(paint('dim', `reproduce: ${comparison.command}`, color));
  return `${out.join('\n')}\n`;
}

/**
 * `✗ naive · no-oversell: sold 1000 of 100: oversold by 900`, one line per failed check, and why a
 * run proved nothing. Results and the comparison's runs are in the same order.
 */
export function failedCheckLines(comparison: Comparison, results: readonly RunResult[]): string[] {
  return results.flatMap((result, i) => {
    const label = comparison.runs[i]?.label ?? result.strategy;
    const failed = failedChecks(result.checks).map((check) => `✗ ${label} · ${check.name}: ${check.detail}`);
    return result.inconclusive === undefined ? failed : [...failed, `? ${label}: ${result.inconclusive}`];
  });
}
