// The self-contained markdown report of one run (`--report`): verdict, where it ran and what it
// cost, parameters, outcomes, latency, histogram, load, SQL, write-behind, faults, checks, data
// location, the command that reproduces it, and the result JSON itself. The topic sections live
// with their topics (load, sql, behind, strategy, …), so a comparison embeds the same ones.
import type { RunResult } from '../result.js';
import { capitalize, checkMark, formatCount, formatDuration, formatShare, verdictOf } from './format.js';
import { parametersSection } from './parameters.js';
import { faultsSection } from './faults.js';
import { mdTable } from './md-table.js';
import { targetSection } from './target.js';
import { writeBehindSection } from './behind.js';
import { sqlSection } from './sql.js';
import { loadSection, seriesSection } from './load.js';
import { guardsSection, strategySection } from './strategy.js';
import { costSection, environmentSection, measuredDuration } from './environment.js';
import { histogramsSection, latencySection } from './latency-tables.js';
import { baselineSection } from './baseline.js';

/** Facts about the report itself rather than the run. */
export interface ReportMeta {
  generatedAt: Date;
  /** ticketsim's version, e.g. `0.1.0`. */
  version: string;
}

function verdictSection(result: RunResult): string {
  const verdict = verdictOf(result);
  const mark = verdict.word === 'PASS' ? '✓' : '✗';
  const interrupted = verdict.interrupted ? ' · **INTERRUPTED**' : '';
  return `## Verdict: ${mark} ${verdict.word}${interrupted}\n\n${capitalize(verdict.summary)}.`;
}

function outcomesSection(result: RunResult): string {
  const { counts } = result;
  const rows: [string, number][] = [
    ['attempts', counts.attempts],
    ['purchased', counts.purchased],
    ['sold out', counts.soldOut],
    ['duplicate', counts.duplicate],
    // The engine's lock strategies time out; a target's refusals are `rejected`.
    ...(result.target === undefined || counts.lockTimeout > 0 ? [['lock timeout', counts.lockTimeout] as [string, number]] : []),
    // A target's answers only: refused without effect, and answers that did not say what happened.
    ...(counts.rejected > 0 ? [['rejected (refused without effect)', counts.rejected] as [string, number]] : []),
    ...(counts.unknown > 0 ? [['unknown (may or may not have taken effect)', counts.unknown] as [string, number]] : []),
    ['cancelled', counts.cancelled],
    ['not purchased (nothing to cancel)', counts.notPurchased],
    ['re-bought (after a cancel)', counts.rebought],
    ['errors', counts.errors],
    ['dropped at the in-flight cap', counts.dropped],
    ['not started', counts.notStarted],
  ];
  const table = mdTable(['Outcome', 'Count'], [
    ...rows.map(([label, count]) => [label, formatCount(count)]),
    ['error rate (errors of attempts)', formatShare(counts.errors, counts.attempts)],
  ]);
  const phases =
    result.phases.length < 2
      ? ''
      : `\n\nPhases, each released behind its own barrier:\n\n${mdTable(
          ['Phase', 'Released', 'Duration', 'Attempts', 'Purchased', 'Sold out', 'Cancelled', 'Not purchased', 'Re-bought', 'Lock timeouts', 'Errors'],
          result.phases.map(({ name, attempts, durationMs, counts: c }) => [
            name,
            formatCount(attempts),
            formatDuration(durationMs),
            ...[c.attempts, c.purchased, c.soldOut, c.cancelled, c.notPurchased, c.rebought, c.lockTimeout, c.errors].map(formatCount),
          ]),
        )}`;
  const timing =
    `${measuredDuration(result)} from barrier release to last reply (${formatDuration(result.wallMs)} of wall time with connecting, set-up and checks); ` +
    `throughput ${formatCount(result.throughput)} attempts/s.`;
  return `${table}\n\n${timing}${phases}`;
}

function errorsSection(result: RunResult): string {
  if (result.errorCauses.length === 0) return 'No infrastructure errors.';
  return mdTable(['Count', 'Cause'], result.errorCauses.map(({ cause, count }) => [formatCount(count), cause]));
}

/** The checks; against a target, with what each read (its verdict rests on the service's own data). */
export function checksSection(result: RunResult): string {
  if (result.checks.length === 0) return 'No checks ran.';
  const reads = result.target !== undefined;
  return mdTable(
    ['✓/✗', 'Check', 'Expected', 'Observed', 'Detail', ...(reads ? ['Read'] : [])],
    result.checks.map((check) => [checkMark(check), check.name, check.expected, check.observed, check.detail, ...(reads ? [check.reads?.join(', ') ?? '–'] : [])]),
  );
}

export function dataSection(result: RunResult): string {
  return [
    `- Run id: \`${result.runId}\``,
    `- Sale: \`${result.data.sale}\``,
    ...result.data.stores.map(({ store, holds }) => `- ${store}: ${holds.map((item) => `\`${item}\``).join(', ') || 'nothing'}`),
    // In process, the data went with the run; a target's data is the service's own.
    ...(result.target !== undefined
      ? ['- The service\'s own: ticketsim removes nothing of it but what the target file\'s teardown steps say']
      : result.infra === 'real'
        ? [`- Removed, once inspected, by \`ticketsim clean --run ${result.runId}\``]
        : []),
  ].join('\n');
}

/** A command line as a shell block. */
export function commandBlock(command: string): string {
  return `\`\`\`sh\n${command}\n\`\`\``;
}

/** Sections only a run of the built-in engine has. */
function engineOnly(result: RunResult, sections: [string, string][]): [string, string][] {
  return result.target === undefined ? sections : [];
}

/** Renders the whole report. Pure: same result and meta, same text. */
export function renderMarkdownReport(result: RunResult, meta: ReportMeta): string {
  const sections: [string, string][] = [
    ['Environment', `${environmentSection(result)}\n\n${costSection(result)}`],
    ['Parameters', parametersSection(result)],
    result.target === undefined ? ['Strategy', strategySection(result)] : ['Target', targetSection(result, result.target)],
    ['Outcomes', outcomesSection(result)],
    // The engine's own: its guards, its SQL and its write path are not a target's to show.
    ...engineOnly(result, [['Guards', guardsSection(result)]]),
    ['Errors', errorsSection(result)],
    ['Latency', latencySection(result)],
    ['Latency histogram', histogramsSection(result)],
    ['Load', loadSection(result)],
    ['Over time', seriesSection(result)],
    ...engineOnly(result, [
      ['SQL: where the time went', sqlSection(result.sql)],
      ['Write-behind', writeBehindSection(result)],
    ]),
    ...(result.faults === undefined ? [] : [['Faults', faultsSection(result)] as [string, string]]),
    ...(result.baseline === undefined ? [] : [['Baseline', baselineSection(result.baseline)] as [string, string]]),
    ['Checks', checksSection(result)],
    ['Data', dataSection(result)],
    ['Reproduce', commandBlock(result.command)],
    ['Result JSON', `<details><summary>The RunResult this report was rendered from</summary>\n\n\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\`\n\n</details>`],
  ];
  const head = [
    `# ticketsim report: ${result.scenario} · ${result.strategy}`,
    '',
    `Generated ${meta.generatedAt.toISOString()} by ticketsim ${meta.version} · run started ${result.startedAt} · infra **${result.infra}**`,
    '',
    verdictSection(result),
  ].join('\n');
  return `${[head, ...sections.map(([title, body]) => `## ${title}\n\n${body}`)].join('\n\n')}\n`;
}
