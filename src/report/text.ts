// Plain-text renderers (autocannon printResult style): the start line, a progress line for plain
// mode, and the end-of-run summary. Pure functions; no escape codes at all when colour is off.
import type { CheckResult, InfraKind, LatencySummary, RunResult, RunSnapshot } from '../result.js';
import {
  LATENCY_COLUMNS,
  alignColumns,
  checkMark,
  formatConcurrency,
  formatCount,
  formatDuration,
  formatElapsed,
  formatMicros,
  formatRate,
  formatShare,
  latencyCells,
  paint,
  verdictOf,
} from './format.js';
import type { Style } from './format.js';
import { behindSentence, drainCurveText, outageSentence, topicSentence, workerSentence } from './behind.js';
import { targetLines } from './target.js';
import { faultLines, faultVerdict } from './faults.js';
import { serverSentence, slowSentence, statementRows } from './sql.js';
import { bottleneckWarning, generatorSentence, loadModelSentence, seriesText } from './load.js';
import { duplicatesSentence, lockSentence } from './strategy.js';
import { costText, machineText, versionsText } from './environment.js';
import { baselineLines } from './baseline.js';

/** Colour on or off (off for NO_COLOR and when stdout is not a TTY). */
export interface TextOptions {
  color: boolean;
}

/** What the start line needs: a RunSnapshot or a RunResult has it, `infraReason` if known. */
export interface StartInfo {
  scenario: string;
  strategy: string;
  infra: InfraKind | 'connecting';
  infraReason?: string | undefined;
  params: RunResult['params'];
}

/** `infra: real (auto: redis and mysql answered)`; in-process infra is said in yellow. */
function infraText(infra: InfraKind | 'connecting', reason: string | undefined, color: boolean): string {
  const text = `infra: ${infra}${reason ? ` (${reason})` : ''}`;
  return infra === 'memory' ? paint('yellow', `${text} — in-process, not the real services`, color) : text;
}

/**
 * `1,000 users`; with the scenario's own numbers, `100 users × 20 requests` (spam) or
 * `1,000 users, 50% cancel ×3, 1,000 re-buyers` (cancel-storm).
 */
export function formatUsers(params: RunResult['params']): string {
  const users = `${formatCount(params.users)} user${params.users === 1 ? '' : 's'}`;
  if (params.requestsPerUser !== undefined) return `${users} × ${formatCount(params.requestsPerUser)} requests`;
  if (params.rate !== undefined) {
    const ramp = params.rate.rampFrom === undefined ? '' : ` from ${formatCount(params.rate.rampFrom)}/s`;
    return `${formatCount(params.rate.rate)} buyers/s${ramp} for ${formatDuration(params.rate.durationMs)}`;
  }
  if (params.cancelRatio !== undefined) {
    return `${users}, ${Math.round(params.cancelRatio * 100)}% cancel ×${params.cancelDupes ?? 1}, ${formatCount(params.rebuyers ?? 0)} re-buyers`;
  }
  return users;
}

/** The first line of a run, e.g. `ticketsim oversell · strategy lua · 1,000 users · stock 100 · infra: real (…)`. */
export function formatStartLine(info: StartInfo, options: TextOptions & { title?: string | undefined }): string {
  const title = options.title === undefined ? '' : ` ${paint('bold', options.title, options.color)}`;
  const head = `${paint('bold', 'ticketsim', options.color)}${title} ${info.scenario} · strategy ${info.strategy}`;
  const params = `${formatUsers(info.params)} · stock ${formatCount(info.params.stock)}`;
  return `${head} · ${params} · ${infraText(info.infra, info.infraReason, options.color)}`;
}

/** One progress line for plain mode: done/total, rate, in flight, outcomes so far, elapsed. */
export function formatProgressLine(snapshot: RunSnapshot, options: TextOptions): string {
  const { counts } = snapshot;
  const pct = snapshot.total > 0 ? Math.floor((snapshot.done / snapshot.total) * 100) : 0;
  const errors = paint(counts.errors > 0 ? 'red' : 'dim', `errors ${formatCount(counts.errors)}`, options.color);
  const { stage } = snapshot;
  const label = stage !== undefined && stage.of > 1 && snapshot.phase === 'running' ? `${stage.name} ${stage.index + 1}/${stage.of}` : snapshot.phase;
  const outcomes =
    counts.cancelled + counts.notPurchased > 0
      ? [`cancelled ${formatCount(counts.cancelled)}`, `re-bought ${formatCount(counts.rebought)}`]
      : [`duplicate ${formatCount(counts.duplicate)}`];
  return [
    `${label} ${formatCount(snapshot.done)}/${formatCount(snapshot.total)} (${pct}%)`,
    formatRate(snapshot.ratePerSec),
    `in flight ${formatCount(snapshot.inFlight)}`,
    `purchased ${formatCount(counts.purchased)}`,
    `sold out ${formatCount(counts.soldOut)}`,
    ...outcomes,
    errors,
    formatElapsed(snapshot.elapsedMs),
  ].join(' · ');
}

/** Left-aligned columns separated by two spaces; `align` marks right-aligned columns. */
function outcomeLines(result: RunResult): string[] {
  const { counts } = result;
  const rows: [string, number][] = [
    ['attempts', counts.attempts],
    ['purchased', counts.purchased],
    ['sold out', counts.soldOut],
    ['duplicate', counts.duplicate],
  ];
  // The engine's lock strategies time out; a target's refusals are `rejected`.
  if (result.target === undefined || counts.lockTimeout > 0) rows.push(['lock timeout', counts.lockTimeout]);
  // A target's answers only: refused without effect, and answers that did not say what happened.
  if (counts.rejected > 0) rows.push(['rejected', counts.rejected]);
  if (counts.unknown > 0) rows.push(['unknown', counts.unknown]);
  if (counts.cancelled + counts.notPurchased > 0) {
    rows.push(['cancelled', counts.cancelled], ['not purchased', counts.notPurchased], ['re-bought', counts.rebought]);
  }
  rows.push(['errors', counts.errors]);
  if (counts.dropped > 0) rows.push(['dropped (cap)', counts.dropped]);
  if (counts.notStarted > 0 || result.interrupted) rows.push(['not started', counts.notStarted]);
  return alignColumns(rows.map(([label, value]) => [`  ${label}`, formatCount(value)]), ['l', 'r']);
}

function latencyRow(label: string, latency: LatencySummary): string[] {
  return [label, formatCount(latency.count), ...latencyCells(latency)];
}

/** Right-aligned columns after the first `left` ones. */
function alignment(left: number, columns: number): ('l' | 'r')[] {
  return Array.from({ length: columns }, (_, i) => (i < left ? 'l' : 'r'));
}

function latencyLines(result: RunResult): string[] {
  const rows = [['Latency', 'count', ...LATENCY_COLUMNS.map(([label]) => label)]];
  for (const [operation, latency] of Object.entries(result.latency)) {
    rows.push(latencyRow(`  ${operation}`, latency));
    for (const [outcome, byOutcome] of Object.entries(latency.byOutcome)) rows.push(latencyRow(`    ${outcome}`, byOutcome));
  }
  return alignColumns(rows, alignment(1, rows[0]!.length));
}

/** `storm 1,200 attempts in 5.1s`. */
function phaseText(phase: RunResult['phases'][number]): string {
  return `${phase.name} ${formatCount(phase.attempts)} attempts in ${formatDuration(phase.durationMs)}`;
}

function guardLines(result: RunResult): string[] {
  const lines = [lockSentence(result.guards), duplicatesSentence(result.guards)].filter((line) => line !== undefined);
  return lines.map((line) => `  ${line}`);
}

function sqlLines(result: RunResult, color: boolean): string[] {
  const { sql } = result;
  if (sql === undefined) return [];
  const rows = [['SQL (client-side)', 'count', 'part', ...LATENCY_COLUMNS.map(([label]) => label)]];
  for (const [kind, timing] of statementRows(sql)) {
    rows.push([`  ${kind}`, formatCount(timing.count), 'pool wait', ...latencyCells(timing.wait)]);
    rows.push(['', '', 'execution', ...latencyCells(timing.exec)]);
  }
  const slowest = sql.slow.slowest[0];
  return [
    ...alignColumns(rows, ['l', 'r', ...alignment(1, rows[0]!.length - 2)]),
    paint(sql.slow.count > 0 ? 'yellow' : 'dim', `  ${slowSentence(sql)}`, color),
    ...(slowest ? [`  slowest: ${slowest.kind} ${formatMicros(slowest.totalUs)} = ${formatMicros(slowest.waitUs)} waiting + ${formatMicros(slowest.execUs)} executing`] : []),
    `  ${serverSentence(sql)}`,
  ];
}

/** Green for a check that held, red for one that failed, dim for one skipped. */
function checkStyle(check: CheckResult): Style {
  if (check.skipped !== undefined) return 'dim';
  return check.ok ? 'green' : 'red';
}

function checkLines(result: RunResult, color: boolean): string[] {
  const rows = [['', 'check', 'expected', 'observed', 'detail']];
  for (const check of result.checks) rows.push([checkMark(check), check.name, check.expected, check.observed, check.detail]);
  const [header, ...body] = alignColumns(rows);
  return [
    paint('bold', 'Checks', color),
    paint('dim', `  ${header!}`, color),
    ...body.map((line, i) => `  ${paint(checkStyle(result.checks[i]!), line, color)}`),
  ];
}

/** The verdict line: `PASS all 4 checks held`, `FAIL 1 of 3 checks failed: …`, with `INTERRUPTED` first if stopped. */
export function formatVerdictLine(result: RunResult, options: TextOptions): string {
  const verdict = verdictOf(result);
  const word = paint('bold', paint(verdict.word === 'PASS' ? 'green' : 'red', verdict.word, options.color), options.color);
  const interrupted = verdict.interrupted ? `${paint('yellow', 'INTERRUPTED', options.color)} ` : '';
  return `${interrupted}${word}  ${verdict.summary}`;
}

/** Where the run's data can be inspected; in-process data is gone when the run ends. */
export function dataLocation(result: RunResult): string {
  if (result.infra === 'memory') return 'in-process, gone with the run';
  return result.data.stores.map(({ store, holds }) => `${store} ${holds.join(', ')}`).join('; ');
}

/** The end-of-run summary: parameters, infra, outcomes, error causes, latency, checks, verdict. */
export function formatSummary(result: RunResult, options: TextOptions): string {
  const { color } = options;
  const { params } = result;
  const lines = [
    `${paint('bold', 'ticketsim', color)} ${result.scenario} · strategy ${result.strategy} · ${infraText(result.infra, result.infraReason, color)}`,
    `${formatUsers(params)} · stock ${formatCount(params.stock)} · concurrency ${formatConcurrency(params.concurrency)}${result.target === undefined ? ` · pool ${formatCount(params.poolSize)} · write ${params.write} · seed ${result.seed}` : ''}`,
    '',
    paint('bold', 'Outcomes', color),
    ...outcomeLines(result),
  ];
  if (result.target !== undefined) lines.push('', paint('bold', `Answers of ${result.target.name}, by the target file's outcome rules`, color), ...targetLines(result.target));
  if (result.errorCauses.length > 0) {
    lines.push('', paint('bold', 'Errors', color));
    for (const { cause, count } of result.errorCauses) lines.push(paint('red', `  ${formatCount(count)} × ${cause}`, color));
  }
  const guards = guardLines(result);
  if (guards.length > 0) lines.push('', paint('bold', 'Guards', color), ...guards);
  if (Object.keys(result.latency).length > 0) lines.push('', ...latencyLines(result));
  const { counts } = result;
  lines.push('', `${formatCount(counts.attempts)} attempts in ${formatDuration(result.durationMs)} · ${formatRate(result.throughput)} · error rate ${formatShare(counts.errors, counts.attempts)}`);
  lines.push(`load: ${loadModelSentence(result.load)}`, `generator: ${generatorSentence(result.load)}`, `ticketsim itself: ${costText(result)}`);
  const warning = bottleneckWarning(result.load);
  if (warning !== undefined) lines.push(paint('yellow', `ticketsim was the bottleneck: ${warning}`, color));
  if (result.series.length > 1) lines.push('', paint('bold', 'Over time', color), ...seriesText(result.series, 20).map((line) => `  ${line}`));
  if (result.phases.length > 1) lines.push(`phases: ${result.phases.map(phaseText).join(' · ')}`);
  if (result.sql !== undefined) lines.push('', ...sqlLines(result, color));
  const wb = result.writeBehind;
  if (wb !== undefined) {
    lines.push('', paint('bold', 'Write-behind', color), `  ${behindSentence(wb)}`, `  ${workerSentence(wb)}`);
    const outages = outageSentence(wb);
    if (outages !== undefined) lines.push(`  ${outages}`);
    lines.push(`  ${formatCount(wb.published)} events in ${formatCount(wb.requests)} produce requests, ${formatCount(wb.redelivered)} sent twice on purpose`);
    lines.push(`  ${topicSentence(wb)}`, '  rows visible over time:', ...drainCurveText(wb.drainCurve).map((line) => `  ${line}`));
  }
  if (result.faults !== undefined) {
    const verdict = faultVerdict(result);
    lines.push('', paint('bold', 'Faults', color), ...faultLines(result), ...(verdict === undefined ? [] : [`  ${verdict}`]));
  }
  if (result.baseline !== undefined) lines.push('', ...baselineLines(result.baseline, color));
  if (result.checks.length > 0) lines.push('', ...checkLines(result, color));
  lines.push(
    '',
    formatVerdictLine(result, options),
    paint('dim', `run ${result.runId} · data: ${dataLocation(result)}`, color),
    paint('dim', `ran on: ${machineText(result.environment.machine)}`, color),
    paint('dim', `versions: ${versionsText(result.environment)}`, color),
    paint('dim', `reproduce: ${result.command}`, color),
  );
  return `${lines.join('\n')}\n`;
}
