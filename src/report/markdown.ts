// The self-contained markdown report of one run (`--report`): verdict, environment, parameters,
// outcomes, latency, histogram (mermaid + text), checks, errors, data location, the command that
// reproduces it, and the result JSON itself. Every number printed is the RunResult's own number.
import type { LatencySummary, RunResult } from '../result.js';
import { PERCENTILES, formatConcurrency, formatMicros, percentileValues, verdictOf } from './format.js';
import { histogramSection } from './mermaid.js';
import { faultsSection } from './faults.js';
import { mdTable } from './md-table.js';
import { behindSentence, drainCurveMermaid, drainCurveText, topicSentence } from './behind.js';
import { serverSentence, slowSentence, statementRows } from './sql.js';
import { bottleneckWarning, generatorSentence, loadModelSentence, seriesMermaid, seriesText } from './load.js';
import { duplicatesSentence, lockSentence, strategyLines } from './strategy.js';

/** Facts about the report itself rather than the run. */
export interface ReportMeta {
  generatedAt: Date;
  /** ticketsim's version, e.g. `0.1.0`. */
  version: string;
}

/** A number exactly as the result holds it; only non-integers are cut to one decimal. */
function exact(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function verdictSection(result: RunResult): string {
  const verdict = verdictOf(result);
  const mark = verdict.word === 'PASS' ? '✓' : '✗';
  const interrupted = verdict.interrupted ? ' · **INTERRUPTED**' : '';
  return `## Verdict: ${mark} ${verdict.word}${interrupted}\n\n${verdict.summary[0]!.toUpperCase()}${verdict.summary.slice(1)}.`;
}

/** The versions of everything the run touched, and the infra it ran on. */
export function environmentSection(result: RunResult): string {
  const env = result.environment;
  const notUsed = 'not used';
  return mdTable(
    ['Component', 'Version / value'],
    [
      ['ticketsim', env.ticketsim],
      ['Node.js', env.node],
      ['Redis', env.redis ?? notUsed],
      ['MySQL', env.mysql ?? notUsed],
      ['Kafka', env.kafka ?? notUsed],
      ['Platform', env.platform],
      ['Infrastructure', `${result.infra} (${result.infraReason})`],
    ],
  );
}

function parametersSection(result: RunResult): string {
  const { params } = result;
  const table = mdTable(
    ['Scenario', 'Strategy', 'Users', 'Requests per user', 'Attempts', 'Stock', 'Concurrency', 'Pool size', 'Slow SQL (ms)', 'Write', 'Seed'],
    [
      [
        result.scenario,
        result.strategy,
        params.users,
        params.requestsPerUser ?? 1,
        params.attempts,
        params.stock,
        formatConcurrency(params.concurrency),
        params.poolSize,
        params.slowSqlMs,
        params.write,
        result.seed,
      ],
    ],
  );
  if (params.cancelRatio === undefined) return table;
  const storm = mdTable(
    ['Cancel share', 'Cancel dupes', 'Re-buyers'],
    [[params.cancelRatio, params.cancelDupes ?? 1, params.rebuyers ?? 0]],
  );
  return `${table}\n\n${storm}`;
}

function strategySection(result: RunResult): string {
  const [does, verdict] = strategyLines(result);
  return `- **What it does:** ${does}\n- **${result.ok ? 'Why it held' : 'Why it failed'}:** ${verdict}`;
}

function guardsSection(result: RunResult): string {
  const { guards } = result;
  const table = mdTable(
    ['Guard', 'Count'],
    [
      ['lock acquisitions asked', guards.lockRequests],
      ['lock acquisitions granted', guards.locksGranted],
      ['lock tries (Redis round trips, retries included)', guards.lockTries],
      ['rejected before the lock', guards.rejectedBeforeLock],
      ...(guards.staleRefused > 0 ? [['stale steps refused by a fence (older token)', guards.staleRefused] as [string, number]] : []),
      ...Object.entries(guards.duplicatesBy).map(([guard, count]): [string, number] => [`duplicates caught by ${guard}`, count]),
    ],
  );
  const summary = [lockSentence(guards), duplicatesSentence(guards)].filter((line) => line !== undefined);
  return summary.length > 0 ? `${table}\n\n${summary.map((line) => `${line[0]!.toUpperCase()}${line.slice(1)}.`).join(' ')}` : table;
}

function sqlSection(result: RunResult): string {
  const { sql } = result;
  if (sql === undefined) return 'No SQL statement ran.';
  const rows: (string | number)[][] = [];
  for (const [kind, timing] of statementRows(sql)) {
    rows.push(latencyRow(`**${kind}** · pool wait`, timing.wait));
    rows.push(latencyRow(`${kind} · execution`, timing.exec));
    rows.push(latencyRow(`${kind} · total`, timing.total));
  }
  const slowest = sql.slow.slowest.length === 0
    ? ''
    : `\n\nThe slowest statements (when: ms after the barrier release):\n\n${mdTable(
        ['Statement', 'At (ms)', 'Total', 'Pool wait', 'Execution'],
        sql.slow.slowest.map((s) => [s.kind, exact(s.atMs), formatMicros(s.totalUs), formatMicros(s.waitUs), formatMicros(s.execUs)]),
      )}`;
  const server = sql.server === undefined ? 'the server\'s own count could not be read' : sql.server.source;
  return [
    `${slowSentence(sql)[0]!.toUpperCase()}${slowSentence(sql).slice(1)}. ${serverSentence(sql)[0]!.toUpperCase()}${serverSentence(sql).slice(1)}.`,
    '',
    mdTable(['Statement · part', 'Count', 'min', ...PERCENTILES.map(([label]) => label)], rows) + slowest,
    '',
    'Where each figure came from:',
    '',
    `- Pool wait: ${sql.sources.wait}.`,
    `- Execution: ${sql.sources.exec}.`,
    `- Server: ${server}.`,
  ].join('\n');
}

function outcomesSection(result: RunResult): string {
  const { counts } = result;
  const table = mdTable(
    ['Outcome', 'Count'],
    [
      ['attempts', counts.attempts],
      ['purchased', counts.purchased],
      ['sold out', counts.soldOut],
      ['duplicate', counts.duplicate],
      ['lock timeout', counts.lockTimeout],
      ['cancelled', counts.cancelled],
      ['not purchased (nothing to cancel)', counts.notPurchased],
      ['re-bought (after a cancel)', counts.rebought],
      ['errors', counts.errors],
      ['dropped at the in-flight cap', counts.dropped],
      ['not started', counts.notStarted],
    ],
  );
  const phases =
    result.phases.length < 2
      ? ''
      : `\n\nPhases, each released behind its own barrier:\n\n${mdTable(
          ['Phase', 'Released', 'Duration (ms)', 'Attempts', 'Purchased', 'Sold out', 'Cancelled', 'Not purchased', 'Re-bought', 'Lock timeouts', 'Errors'],
          result.phases.map(({ name, attempts, durationMs, counts: c }) => [
            name,
            attempts,
            exact(durationMs),
            c.attempts,
            c.purchased,
            c.soldOut,
            c.cancelled,
            c.notPurchased,
            c.rebought,
            c.lockTimeout,
            c.errors,
          ]),
        )}`;
  return `${table}\n\nDuration ${exact(result.durationMs)} ms from barrier release to last reply; throughput ${exact(result.throughput)} attempts/s.${phases}`;
}

function errorsSection(result: RunResult): string {
  if (result.errorCauses.length === 0) return 'No infrastructure errors.';
  return mdTable(['Count', 'Cause'], result.errorCauses.map(({ cause, count }) => [count, cause]));
}

/** A latency row in human units (`812µs`, `1.94ms`, `1.05s`); the embedded JSON keeps microseconds. */
function latencyRow(label: string, latency: LatencySummary): (string | number)[] {
  return [label, latency.count, ...[latency.min, ...percentileValues(latency)].map(formatMicros)];
}

function latencySection(result: RunResult): string {
  const rows: (string | number)[][] = [];
  for (const [operation, latency] of Object.entries(result.latency)) {
    rows.push(latencyRow(`**${operation}**`, latency));
    for (const [outcome, summary] of Object.entries(latency.byOutcome)) rows.push(latencyRow(`${operation} · ${outcome}`, summary));
    rows.push(latencyRow(`${operation} · service time`, latency.raw));
  }
  if (rows.length === 0) return 'No latency was recorded.';
  const note = 'Measured from the intended start; "service time" is measured from when the request was actually sent.';
  return `${note}\n\n${mdTable(['Operation', 'Count', 'min', ...PERCENTILES.map(([label]) => label)], rows)}`;
}

function histogramsSection(result: RunResult): string {
  return Object.entries(result.latency)
    .map(([operation, latency]) => `### ${operation}\n\n${histogramSection(`${operation} latency: attempts per bucket`, latency.buckets)}`)
    .join('\n\n') || 'No latency was recorded.';
}

function checksSection(result: RunResult): string {
  if (result.checks.length === 0) return 'No checks ran.';
  return mdTable(
    ['✓/✗', 'Check', 'Expected', 'Observed', 'Detail'],
    result.checks.map((check) => [check.ok ? '✓' : '✗', check.name, check.expected, check.observed, check.detail]),
  );
}

function loadSection(result: RunResult): string {
  const { load } = result;
  const warning = bottleneckWarning(load);
  const table = mdTable(
    ['Figure', 'Value'],
    [
      ['model', loadModelSentence(load)],
      ['attempts planned / started', `${load.planned} / ${load.started}`],
      ['started more than 1 ms late', load.lateStarts],
      ['start lag p50 / p99 / max', [load.startLag.p50, load.startLag.p99, load.startLag.max].map(formatMicros).join(' / ')],
      ['dropped at the in-flight cap', load.dropped],
      ['generator event-loop delay p50 / p99 / max', [load.eventLoopDelayMs.p50, load.eventLoopDelayMs.p99, load.eventLoopDelayMs.max].map((ms) => formatMicros(ms * 1000)).join(' / ')],
    ],
  );
  const note =
    'Latency is measured from when each attempt was due (coordinated-omission corrected); the "service time" rows from when it was actually sent. Late starts, drops and the event-loop delay say when ticketsim itself, not the system, held the load back.';
  return `${note}\n\n${table}${warning === undefined ? '' : `\n\n**ticketsim was the bottleneck:** ${warning}.`}`;
}

function seriesSection(result: RunResult): string {
  if (result.series.length < 2) return 'The run lasted under two seconds: no series to draw.';
  return `${seriesMermaid(result.series)}\n\nText fallback (operations completed per second):\n\n${['```text', ...seriesText(result.series, 40), '```'].join('\n')}`;
}

function writeBehindSection(result: RunResult): string {
  const wb = result.writeBehind;
  if (wb === undefined) return 'The run wrote synchronously (`--write sync`): MySQL inside each request.';
  const w = wb.worker;
  const figures = mdTable(
    ['Figure', 'Value'],
    [
      ['events acknowledged by Kafka', wb.published],
      ['produce requests', wb.requests],
      ['events sent twice on purpose (--redeliver)', wb.redelivered],
      ['records delivered to the workers', w.delivered],
      ['rows inserted', w.inserted],
      ['skipped (already written: UNIQUE key)', w.skipped],
      ['rows deleted (cancels)', w.deleted],
      ['cancels that found no row', w.absent],
      ['dead-lettered (malformed)', w.deadLettered],
      ['SQL statements / offset commits', `${w.statements} / ${w.commits}`],
      ['drain', wb.drained ? `done in ${wb.drainMs} ms` : `timed out with ${wb.lagRecords} records behind`],
    ],
  );
  const lag = mdTable(['Lag', 'Count', 'min', ...PERCENTILES.map(([label]) => label)], [latencyRow('acknowledged → row visible', wb.lag)]);
  return [
    `${behindSentence(wb)}.`,
    '',
    `${topicSentence(wb)[0]!.toUpperCase()}${topicSentence(wb).slice(1)}.`,
    '',
    figures,
    '',
    `${lag}\n\nThe lag runs from the moment Kafka acknowledged a purchase's event to the moment its row was first seen by polling MySQL every ${wb.pollMs} ms (so it is measured to within ${wb.pollMs} ms), from outside the worker.`,
    '',
    drainCurveMermaid(wb),
    '',
    'Text fallback:',
    '',
    ['```text', ...drainCurveText(wb, 60), '```'].join('\n'),
  ].join('\n');
}

function dataSection(result: RunResult): string {
  return [
    `- Run id: \`${result.runId}\``,
    `- Sale: \`${result.data.sale}\``,
    `- MySQL: \`purchases\`${result.data.fenceRow ? ' and `sale_fences`' : ''} rows with \`ticket_name = '${result.data.mysqlTicketName}'\``,
    `- Redis keys: ${result.data.redisKeys.map((key) => `\`${key}\``).join(', ') || 'none'}`,
  ].join('\n');
}

/** Renders the whole report. Pure: same result and meta, same text. */
export function renderMarkdownReport(result: RunResult, meta: ReportMeta): string {
  const sections: [string, string][] = [
    ['Environment', environmentSection(result)],
    ['Parameters', parametersSection(result)],
    ['Strategy', strategySection(result)],
    ['Outcomes', outcomesSection(result)],
    ['Guards', guardsSection(result)],
    ['Errors', errorsSection(result)],
    ['Latency', latencySection(result)],
    ['Latency histogram', histogramsSection(result)],
    ['Load', loadSection(result)],
    ['Over time', seriesSection(result)],
    ['SQL: where the time went', sqlSection(result)],
    ['Write-behind', writeBehindSection(result)],
    ...(result.faults === undefined ? [] : [['Faults', faultsSection(result)] as [string, string]]),
    ['Checks', checksSection(result)],
    ['Data', dataSection(result)],
    ['Reproduce', `\`\`\`sh\n${result.command}\n\`\`\``],
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
