// The markdown report of a comparison (`compare --report`): the verdict, where it ran, the runs
// side by side, grouped charts of p50/p99 and of throughput per run (each with log-scale text bars
// beside it, so a run 50× slower keeps a readable bar), the checks matrix with the failed checks'
// details (and the runs --baseline held none for), each run's own latency, load, SQL and baseline
// sections (the run report's, embedded), and the command lines that reproduce it all. A pure function.
import type { Comparison, ComparedRun, RunResult } from '../result.js';
import { comparisonSummary, fastestText, sideBySide, unmatchedBaselineText } from './compare.js';
import { baselineSection } from './baseline.js';
import { comparisonTitle, failedCheckLines } from './compare-text.js';
import { checksSection as runChecksSection, commandBlock, dataSection } from './markdown.js';
import type { ReportMeta } from './markdown.js';
import { capitalize, formatCount, formatMicros, formatRate } from './format.js';
import { environmentSection } from './environment.js';
import { logScaleBars } from './histogram.js';
import type { LogBar } from './histogram.js';
import { histogramsSection, latencySection } from './latency-tables.js';
import { loadSection, seriesSection } from './load.js';
import { sqlSection } from './sql.js';
import { writeBehindSection } from './behind.js';
import { targetSection } from './target.js';
import { mdTable } from './md-table.js';
import { xyChart } from './mermaid.js';
import { faultVerdict } from './faults.js';

/** Services over HTTP compared (--targets): each by name, address and file; '' for the engine. */
function servicesCompared(results: readonly RunResult[]): string {
  const targets = results.flatMap((result) => (result.target === undefined ? [] : [result.target]));
  if (targets.length === 0) return '';
  return `The services compared, each over HTTP (the infrastructure row is the first's; each run's own is in its Target section under Runs): ${targets.map((t) => `**${t.name}** at \`${t.baseUrl}\` (\`${t.file}\`)`).join(', ')}.\n\n`;
}

/** The report, ending with a newline. */
export function renderComparisonReport(comparison: Comparison, results: readonly RunResult[], meta: ReportMeta): string {
  const first = results[0];
  const sections: [string, string][] = [
    ['Environment', first === undefined ? 'No run finished.' : `${environmentSection(first)}\n\n${servicesCompared(results)}What each run cost ticketsim itself is in the side-by-side table.`],
    ['Side by side', sideBySideSection(comparison)],
    ['Latency', latencyChartsSection(comparison)],
    ['Throughput', throughputSection(comparison)],
    ['Checks', checksSection(comparison, results)],
    ...(results.some((result) => result.faults !== undefined) ? [['Faults', faultsSection(comparison, results)] as [string, string]] : []),
    ['Runs', runsSection(comparison, results)],
    ['Reproduce', commandBlock(comparison.command)],
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

/** Log-scale text bars in a fenced block, placed beside a mermaid chart (whose axis is linear). */
function logBlock(bars: readonly LogBar[]): string {
  return ['Beside it on a log scale, so the smallest bars stay readable:', '', '```text', ...logScaleBars(bars, 40), '```'].join('\n');
}

/** One grouped chart per operation: p99 bars, with p50 drawn over them; log-scale text bars beside. */
function latencyChartsSection(comparison: Comparison): string {
  const labels = comparison.runs.map((run) => run.label);
  const ms = (us: number | undefined) => Math.round((us ?? 0) / 10) / 100;
  const charts = comparison.operations.map((operation) => {
    const of = (run: ComparedRun, field: 'p50' | 'p99') => run.latency[operation]?.[field];
    const chart = xyChart(`${operation} latency per run: p99 (back), p50 (front)`, 'run', labels, 'ms', [
      { kind: 'bar', values: comparison.runs.map((run) => ms(of(run, 'p99'))) },
      { kind: 'bar', values: comparison.runs.map((run) => ms(of(run, 'p50'))) },
    ]);
    const bars = comparison.runs.flatMap((run) =>
      (['p50', 'p99'] as const).map((field) => ({ label: `${run.label} ${field}`, value: of(run, field) ?? 0, shown: formatMicros(of(run, field) ?? 0) })),
    );
    return `${chart}\n\n${logBlock(bars)}`;
  });
  if (charts.length === 0) return '_No latency samples were recorded._';
  return `${charts.join('\n\n')}\n\nThe numbers are in the side-by-side table above.`;
}

function throughputSection(comparison: Comparison): string {
  const labels = comparison.runs.map((run) => run.label);
  const chart = xyChart('Throughput per run', 'run', labels, 'operations per second', [{ kind: 'bar', values: comparison.runs.map((run) => Math.round(run.throughput)) }]);
  return `${chart}\n\n${logBlock(comparison.runs.map((run) => ({ label: run.label, value: run.throughput, shown: formatRate(run.throughput) })))}`;
}

function checksSection(comparison: Comparison, results: readonly RunResult[]): string {
  const checks = sideBySide(comparison).filter((row) => row.kind === 'check');
  const matrix = mdTable(['Check', ...comparison.runs.map((run) => run.label)], checks.map((row) => [row.label, ...row.cells]));
  const failed = failedCheckLines(comparison, results);
  const unmatched = unmatchedBaselineText(comparison);
  const said = failed.length === 0 ? `${matrix}\n\nEvery check held in every run.` : `${matrix}\n\n${failed.map((line) => `- ${line}`).join('\n')}`;
  return unmatched === undefined ? said : `${said}\n\n${capitalize(unmatched)}.`;
}

/** Per run: its faults and what they did, and why it held or broke under them. */
function faultsSection(comparison: Comparison, results: readonly RunResult[]): string {
  return results
    .map((result, i) => {
      const label = comparison.runs[i]?.label ?? result.strategy;
      const lines = (result.faults ?? []).map((fault) => `- \`${fault.spec}\` fired ${formatCount(fault.fired)}×: ${fault.summary}`);
      const verdict = faultVerdict(result);
      return `**${label}**\n\n${lines.join('\n')}${verdict === undefined ? '' : `\n\n${verdict}`}`;
    })
    .join('\n\n');
}

/** One run's own sections, as its single-run report has them, folded under its heading. */
function runDetails(label: string, result: RunResult): string {
  const { target } = result;
  const parts: [string, string][] = [
    // A service over HTTP: how its replies were read, and where its data was.
    ...(target === undefined
      ? []
      : ([
          ['Target', targetSection(result, target)],
          ['Checks', runChecksSection(result)],
          ['Data', dataSection(result)],
        ] as [string, string][])),
    ['Latency', latencySection(result)],
    ['Latency histogram', histogramsSection(result, 5)],
    ['Load', loadSection(result)],
    ...(result.series.length > 1 ? [['Over time', seriesSection(result)] as [string, string]] : []),
    ...(target === undefined ? [['SQL: where the time went', sqlSection(result.sql)] as [string, string]] : []),
    ...(result.writeBehind === undefined ? [] : [['Write-behind', writeBehindSection(result)] as [string, string]]),
    ...(result.baseline === undefined ? [] : [['Baseline', baselineSection(result.baseline)] as [string, string]]),
  ];
  const body = parts.map(([title, text]) => `#### ${title}\n\n${text}`).join('\n\n');
  const what = `${target === undefined ? 'latency, histogram, load and SQL' : 'its answers, checks, data, latency, histogram and load'}${result.baseline === undefined ? '' : ', against its baseline'}`;
  return `<details><summary>${label}: ${what}</summary>\n\n${body}\n\n</details>`;
}

function runsSection(comparison: Comparison, results: readonly RunResult[]): string {
  const label = (result: RunResult, i: number) => comparison.runs[i]?.label ?? result.strategy;
  const rows = results.map((result, i) => [label(result, i), result.runId, `\`${result.command}\``]);
  const each = results.map((result, i) => `### ${label(result, i)}\n\n${runDetails(label(result, i), result)}`);
  return [
    `Each run sold its own sale (its own runId) with the same parameters and seed, one after another.\n\n${mdTable(['Run', 'runId', 'Reproduce alone'], rows)}`,
    ...each,
  ].join('\n\n');
}
