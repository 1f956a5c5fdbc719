// The markdown report of a comparison (`compare --report`): the verdict, the environment, the
// runs side by side, grouped charts of p50/p99 and of throughput per run, the checks matrix with
// the failed checks' details, and the command that reproduces each run. A pure function.
import type { Comparison, RunResult } from '../result.js';
import { comparisonSummary, fastestText, sideBySide } from './compare.js';
import { comparisonTitle, failedCheckLines } from './compare-text.js';
import { environmentSection } from './environment.js';
import type { ReportMeta } from './markdown.js';
import { mdTable } from './md-table.js';
import { xyChart } from './mermaid.js';
import { faultVerdict } from './faults.js';

/** The report, ending with a newline. */
export function renderComparisonReport(comparison: Comparison, results: readonly RunResult[], meta: ReportMeta): string {
  const first = results[0];
  const sections: [string, string][] = [
    ['Environment', first === undefined ? 'No run finished.' : environmentSection(first)],
    ['Side by side', sideBySideSection(comparison)],
    ['Latency', latencySection(comparison)],
    ['Throughput', throughputSection(comparison)],
    ['Checks', checksSection(comparison, results)],
    ...(results.some((result) => result.faults !== undefined) ? [['Faults', faultsSection(comparison, results)] as [string, string]] : []),
    ['Runs', runsSection(comparison, results)],
  ];
  const head = [
    `# ticketsim comparison: ${comparison.scenario} · ${comparison.runs.map((run) => run.label).join(', ')}`,
    '',
    `Generated ${meta.generatedAt.toISOString()} by ticketsim ${meta.version} · ${comparisonTitle(comparison, results)}`,
    '',
    `## Verdict: ${comparison.ok ? '✓ PASS' : '✗ FAIL'}`,
    '',
    `${capitalize(comparisonSummary(comparison))}.`,
  ].join('\n');
  return `${[head, ...sections.map(([title, body]) => `## ${title}\n\n${body}`)].join('\n\n')}\n`;
}

function sideBySideSection(comparison: Comparison): string {
  const header = ['Figure', ...comparison.runs.map((run) => (run.label === comparison.fastest ? `**${run.label}** ★` : run.label))];
  // The checks have their own matrix below.
  const rows = sideBySide(comparison).filter((row) => row.kind !== 'check');
  const table = mdTable(header, rows.map((row) => [row.label, ...row.cells]));
  const fastest = fastestText(comparison);
  const by = comparison.rankedBy === 'throughput' ? 'highest throughput' : 'lowest p99';
  const note = fastest === undefined ? 'No run both finished and held every check.' : `★ The fastest run that held every check (${by}): **${fastest}**.`;
  return `Latencies are measured from each attempt's intended start (coordinated-omission corrected).\n\n${table}\n\n${note}`;
}

/** One grouped chart per operation: p99 bars, with p50 drawn over them. */
function latencySection(comparison: Comparison): string {
  const labels = comparison.runs.map((run) => run.label);
  const ms = (us: number | undefined) => Math.round((us ?? 0) / 10) / 100;
  const charts = comparison.operations.map((operation) => {
    const p99 = comparison.runs.map((run) => ms(run.latency[operation]?.p99));
    const p50 = comparison.runs.map((run) => ms(run.latency[operation]?.p50));
    return xyChart(`${operation} latency per run: p99 (back), p50 (front)`, 'run', labels, 'ms', [
      { kind: 'bar', values: p99 },
      { kind: 'bar', values: p50 },
    ]);
  });
  if (charts.length === 0) return '_No latency samples were recorded._';
  return `${charts.join('\n\n')}\n\nThe numbers are in the side-by-side table above.`;
}

function throughputSection(comparison: Comparison): string {
  const labels = comparison.runs.map((run) => run.label);
  const values = comparison.runs.map((run) => Math.round(run.throughput));
  return xyChart('Throughput per run', 'run', labels, 'operations per second', [{ kind: 'bar', values }]);
}

function checksSection(comparison: Comparison, results: readonly RunResult[]): string {
  const checks = sideBySide(comparison).filter((row) => row.kind === 'check');
  const matrix = mdTable(['Check', ...comparison.runs.map((run) => run.label)], checks.map((row) => [row.label, ...row.cells]));
  const failed = failedCheckLines(comparison, results);
  return failed.length === 0 ? `${matrix}\n\nEvery check held in every run.` : `${matrix}\n\n${failed.map((line) => `- ${line}`).join('\n')}`;
}

/** Per run: its faults and what they did, and why it held or broke under them. */
function faultsSection(comparison: Comparison, results: readonly RunResult[]): string {
  return results
    .map((result, i) => {
      const label = comparison.runs[i]?.label ?? result.strategy;
      const lines = (result.faults ?? []).map((fault) => `- \`${fault.spec}\` fired ${fault.fired}×: ${fault.summary}`);
      const verdict = faultVerdict(result);
      return `**${label}**

${lines.join('\n')}${verdict === undefined ? '' : `\n\n${verdict}`}`;
    })
    .join('\n\n');
}

function runsSection(comparison: Comparison, results: readonly RunResult[]): string {
  const rows = results.map((result, i) => [comparison.runs[i]?.label ?? result.strategy, result.runId, `\`${result.command}\``]);
  return `Each run sold its own sale (its own runId) with the same parameters and seed, one after another.\n\n${mdTable(['Run', 'runId', 'Reproduce'], rows)}`;
}

function capitalize(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
