// The markdown report of `ticketsim explore --report` and `ticketsim replay --report`: the
// workload and the search, the verdict, and a failing schedule as a timeline table beside a mermaid
// sequence diagram (actors and the two stores), then the command that replays it. Pure.
import type { ExploreResult, ScheduleReport } from '../result.js';
import { actorLetter, foldRepeats, plural, searchText, shrunkText, timelineRows, workloadLine } from './explore-text.js';
import { capitalize, formatElapsed } from './format.js';
import type { ReportMeta } from './markdown.js';
import { mdTable } from './md-table.js';

/** The report of a search. */
export function renderExploreReport(result: ExploreResult, meta: ReportMeta): string {
  const { failure } = result;
  const covered = `${plural(result.runs, 'run')}, ${plural(result.distinct, 'distinct schedule')}, ${formatElapsed(result.durationMs)}`;
  const verdict = failure === undefined && result.interrupted === true
    ? `## Verdict: STOPPED\n\nNo check broke in ${covered}; the search was stopped (Ctrl-C) before it was through.`
    : failure === undefined
    ? `## Verdict: ✓ PASS\n\nNo check broke in ${covered}. ${result.exhausted ? `dfs went through every schedule with at most ${result.search.preemptions} preemptions: the space is exhausted.` : 'The budget was spent before the search was through.'}`
    : `## Verdict: ✗ FAIL\n\n**${failure.broken?.name}** broke on run ${failure.foundAt.run} (${covered}). ${capitalize(shrunkText(result))} in ${plural(failure.shrinkReplays, 'replay')}.`;
  return [
    `# ticketsim explore: ${workloadLine(result.workload)}`,
    `Search: ${searchText(result.search)}. Generated ${meta.generatedAt.toISOString()} by ticketsim ${meta.version}.`,
    verdict,
    ...(failure === undefined ? [] : scheduleSections(failure)),
    '## The result JSON',
    `\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\``,
  ].join('\n\n') + '\n';
}

/** The report of a replay. */
export function renderReplayReport(report: ScheduleReport, meta: ReportMeta): string {
  const verdict = report.broken === undefined ? '## Verdict: ✓ every check held' : `## Verdict: ✗ ${report.broken.name} broke`;
  return [`# ticketsim replay: ${workloadLine(report.workload)}`, `Generated ${meta.generatedAt.toISOString()} by ticketsim ${meta.version}.`, verdict, ...scheduleSections(report)].join('\n\n') + '\n';
}

/** The broken check, the timeline table, the sequence diagram, the stores and the replay command. */
function scheduleSections(report: ScheduleReport): string[] {
  const { broken } = report;
  const shown = report.timeline.filter((step) => step.shown);
  const left = report.timeline.length - shown.length;
  const rows = timelineRows(shown, (label) => `\`${label}\``);
  return [
    ...(broken === undefined ? [] : [`## The broken check: ${broken.name}\n\nExpected ${broken.expected}; observed ${broken.observed}.\n\n${broken.detail}`]),
    `## The schedule\n\n${plural(report.steps, 'step')}, ${plural(report.preemptions, 'preemption')}.${left === 0 ? '' : ` ${plural(left, 'step')} left out: they touch nothing another actor touches${broken === undefined ? '' : `, nor what ${broken.name} reads`}, so their place in the order cannot matter.`}\n\n` +
      mdTable(['step', 'time', 'actor', 'does', 'answer', 'changes'], rows),
    `## As a sequence diagram\n\n${sequenceDiagram(report)}`,
    `## The stores at the end\n\n${mdTable(['store entry', 'value'], Object.entries(report.stores))}`,
    `## Replay it\n\n\`\`\`sh\nticketsim replay ${report.token}\n\`\`\``,
  ];
}

/** A mermaid sequence diagram of the shown steps: each a request to its store and the answer back. */
function sequenceDiagram(report: ScheduleReport): string {
  const lines = ['```mermaid', 'sequenceDiagram'];
  for (const actor of report.actors) lines.push(`    participant ${actorLetter(actor.id)} as ${actorLetter(actor.id)} ${safe(actor.name)}`);
  const stores = new Set(report.timeline.map((step) => step.store));
  for (const store of ['Redis', 'MySQL', 'Kafka'] as const) if (stores.has(store)) lines.push(`    participant ${store}`);
  for (const run of foldRepeats(report.timeline.filter((shown) => shown.shown))) {
    const step = run[0]!;
    const actor = actorLetter(step.actor);
    const times = run.length === 1 ? '' : ` ×${run.length}`;
    if (step.preempted !== undefined) lines.push(`    Note over ${actor}: preempts ${actorLetter(step.preempted)}`);
    lines.push(`    ${actor}->>${step.store}: ${safe(step.label)}${times}`, `    ${step.store}-->>${actor}: ${safe(step.result)}${step.changes.length === 0 ? '' : ` (${safe(step.changes.join('; '))})`}`);
  }
  lines.push('```');
  return lines.join('\n');
}

/** Text mermaid reads as a message: no semicolons or hashes, which end or escape one. */
function safe(text: string): string {
  return text.replaceAll(';', ',').replaceAll('#', '№');
}
