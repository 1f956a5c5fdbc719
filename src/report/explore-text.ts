// `ticketsim explore` and `ticketsim replay` as text: what was searched, the verdict, and a failing
// schedule as a timeline (the steps whose order can matter), the stores it left and the command
// that replays it. Pure functions of the result.
import type { ExploreResult, ExploreSearch, ExploreWorkload, ScheduleReport, TimelineStep } from '../result.js';
import { alignColumns, formatElapsed, paint } from './format.js';

/** `A` for actor 0, … `Z`, then `A1`, `B1`, …: short enough for a timeline column. */
export function actorLetter(id: number): string {
  const letter = String.fromCharCode(65 + (id % 26));
  return id < 26 ? letter : `${letter}${Math.floor(id / 26)}`;
}

/** `oversell · naive · 2 buyers · 1 seat · seed 1`. */
export function workloadLine(workload: ExploreWorkload): string {
  const { scenario, strategy, buyers, stock, requestsPerUser, seed } = workload;
  const requests = scenario === 'spam' ? ` × ${requestsPerUser} requests` : '';
  return `${scenario} · ${strategy} · ${buyers} ${buyers === 1 ? 'buyer' : 'buyers'}${requests} · ${stock} ${stock === 1 ? 'seat' : 'seats'} · seed ${seed}`;
}

/** `dfs, at most 2 preemptions`, `pct, depth 3`, `random`, with the budget. */
export function searchText(search: ExploreSearch): string {
  const shape = search.kind === 'dfs' ? `dfs, at most ${search.preemptions} preemptions` : search.kind === 'pct' ? `pct, depth ${search.depth}` : 'random';
  return `${shape}, budget ${search.budget.toLocaleString('en-US')} runs`;
}

/** The live line: runs, distinct schedules, and the failure being shrunk. */
export function exploreProgressLine(at: { runs: number; distinct: number; shrinking?: { replays: number; steps: number; preemptions: number } }): string {
  const searched = `${at.runs.toLocaleString('en-US')} runs · ${at.distinct.toLocaleString('en-US')} distinct schedules`;
  if (at.shrinking === undefined) return `${searched} · no failure yet`;
  const { replays, steps, preemptions } = at.shrinking;
  return `${searched} · failure found; shrinking: ${replays} replays, best ${plural(steps, 'step')}, ${plural(preemptions, 'preemption')}`;
}

/** The whole search's outcome. */
export function formatExplore(result: ExploreResult, color: boolean): string {
  const lines = [paint('bold', `explore ${workloadLine(result.workload)}`, color), `search: ${searchText(result.search)}`, ''];
  const covered = `${plural(result.runs, 'run')}, ${plural(result.distinct, 'distinct schedule')}, ${formatElapsed(result.durationMs)}`;
  const { failure } = result;
  if (failure === undefined && result.interrupted === true) {
    lines.push(paint('yellow', `STOPPED (Ctrl-C): no check broke in ${covered}`, color), 'the search was stopped before it was through');
    return `${lines.join('\n')}\n`;
  }
  if (failure === undefined) {
    const end = result.exhausted
      ? `dfs went through every schedule with at most ${result.search.preemptions} preemptions: the space is exhausted`
      : `the budget of ${plural(result.search.budget, 'run')} was spent before the search was through`;
    lines.push(paint('green', `PASS: no check broke in ${covered}`, color), end);
    return `${lines.join('\n')}\n`;
  }
  const { foundAt } = failure;
  lines.push(
    paint('red', `FAIL: ${failure.broken?.name} broke on run ${foundAt.run} (${covered})`, color),
    `${shrunkText(result)} in ${plural(failure.shrinkReplays, 'replay')}`,
    '',
    formatSchedule(failure, color),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `shrunk from 8 steps, 2 preemptions to 6 steps, 1 preemption`, naming the buyers and seats on
 * both sides when shrinking took some away.
 */
export function shrunkText(result: ExploreResult): string {
  const { failure } = result;
  if (failure === undefined) return '';
  const smaller = failure.workload.buyers !== result.workload.buyers || failure.workload.stock !== result.workload.stock;
  const sale = (workload: ExploreWorkload) => (smaller ? `${plural(workload.buyers, 'buyer')} and ${plural(workload.stock, 'seat')}, ` : '');
  const { foundAt } = failure;
  return `shrunk from ${sale(result.workload)}${plural(foundAt.steps, 'step')}, ${plural(foundAt.preemptions, 'preemption')} to ${sale(failure.workload)}${plural(failure.steps, 'step')}, ${plural(failure.preemptions, 'preemption')}`;
}

/** A replayed schedule: the header, then the schedule. */
export function formatReplay(report: ScheduleReport, color: boolean): string {
  const verdict = report.broken === undefined ? paint('green', 'every check held', color) : paint('red', `FAIL: ${report.broken.name} broke`, color);
  return `${paint('bold', `replay ${workloadLine(report.workload)}`, color)}\n${verdict}\n\n${formatSchedule(report, color)}\n`;
}

/** The broken check, the timeline, the stores at the end and the replay command. */
function formatSchedule(report: ScheduleReport, color: boolean): string {
  const { broken } = report;
  const shown = report.timeline.filter((step) => step.shown);
  const left = report.timeline.length - shown.length;
  const lines: string[] = [];
  if (broken !== undefined) lines.push(`${paint('red', `✗ ${broken.name}`, color)}: expected ${broken.expected}, observed ${broken.observed}`, `  ${broken.detail}`, '');
  lines.push(
    left === 0
      ? `The schedule, ${plural(report.steps, 'step')} (${plural(report.preemptions, 'preemption')}):`
      : `The schedule, ${shown.length} of ${plural(report.steps, 'step')} (${plural(report.preemptions, 'preemption')}); ${plural(left, 'step')} left out: they touch nothing another actor touches${broken === undefined ? '' : `, nor what ${broken.name} reads`}`,
  );
  const rows = [['step', 'time', 'actor', 'does', 'answer', 'changes'], ...timelineRows(shown, (label) => label)];
  const [header, ...body] = alignColumns(rows);
  lines.push(`  ${paint('bold', header!, color)}`, ...body.map((line) => `  ${line}`.trimEnd()));
  lines.push('', `The stores at the end: ${Object.entries(report.stores).map(([name, value]) => `${name} ${value}`).join(' · ')}`);
  lines.push('', 'Replay it step for step:', `  ticketsim replay ${report.token}`);
  return lines.join('\n');
}

/**
 * The steps in runs: repeats of one actor's step with the same answer and no change, back to back
 * (a worker polling an empty log), make one run; every other step is a run of its own.
 */
export function foldRepeats(steps: readonly TimelineStep[]): TimelineStep[][] {
  const runs: TimelineStep[][] = [];
  for (const step of steps) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    const repeat = last !== undefined && step.step === last.step + 1 && step.actor === last.actor && step.label === last.label && step.result === last.result;
    if (repeat && step.changes.length === 0 && last.changes.length === 0 && step.preempted === undefined) run!.push(step);
    else runs.push([step]);
  }
  return runs;
}

/**
 * The timeline's rows: step, time, actor, what it does (its label through `label`), answer,
 * changes; a run of repeats (foldRepeats) shares one row: `9–18`, `5–50 ms`, `Kafka fetch ×10`.
 */
export function timelineRows(steps: readonly TimelineStep[], label: (text: string) => string): string[][] {
  return foldRepeats(steps).map((run) => {
    const [first, last] = [run[0]!, run.at(-1)!];
    const span = (a: string | number, b: string | number) => (run.length === 1 ? String(a) : `${a}–${b}`);
    const preempts = first.preempted === undefined ? '' : ` (preempts ${actorLetter(first.preempted)})`;
    const times = run.length === 1 ? '' : ` ×${run.length}`;
    return [span(first.step, last.step), `${span(first.atMs, last.atMs)} ms`, `${actorLetter(first.actor)} ${first.actorName}${preempts}`, `${first.store} ${label(first.label)}${times}`, first.result, first.changes.join('; ')];
  });
}

/** `1 step`, `8 steps`. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
