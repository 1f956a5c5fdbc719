// What an explored run's steps say (ARCHITECTURE.md, "Explored runs"): its decision list in the
// shortest form that replays it, its preemptions, its step order, and the timeline that tells it:
// each step, with the steps whose place in the order cannot matter for the broken check left out.
import type { StepRecord } from '../engine/memory/step-schedule.js';
import type { CheckResult, TimelineStep } from '../result.js';
import type { ExploredRun } from './explored-run.js';
import type { Decisions } from './token.js';

/**
 * The decisions that replay the steps: the actor where it is not the fallback (the last actor while
 * ready, else the lowest ready id), null where it is, without the nulls at the end.
 */
export function decisionsOf(steps: readonly StepRecord[]): Decisions {
  const decisions = steps.map((step, index) => {
    const last = steps[index - 1]?.actor;
    const fallback = last !== undefined && step.ready.includes(last) ? last : step.ready[0];
    return step.actor === fallback ? null : step.actor;
  });
  while (decisions.length > 0 && decisions.at(-1) === null) decisions.pop();
  return decisions;
}

/** How many times a ready actor was passed over for another. */
export function preemptionsOf(steps: readonly StepRecord[]): number {
  return steps.filter((step) => step.preempted).length;
}

/** The order of the actors, one character-separated word: two runs with the same one ran alike. */
export function orderOf(steps: readonly StepRecord[]): string {
  return steps.map((step) => step.actor).join(',');
}

/** The store keys a check reads, by the data it names (`records (MySQL)` → rows). */
const KEYS_OF_DATA: Record<string, string> = { records: 'row', stock: 'stock', index: 'buyer' };

/**
 * The timeline of a run. A step is shown when another actor's step touches a key it touches and
 * one of the two writes it (their order can matter), or when it writes what the broken check reads.
 */
export function timelineOf(run: ExploredRun): TimelineStep[] {
  const read = checkedKeys(run.broken);
  const conflicts = (step: StepRecord): boolean =>
    run.steps.some((other) => other.actor !== step.actor && (overlaps(step.writes, [...other.reads, ...other.writes]) || overlaps(other.writes, step.reads)));
  const names = new Map(run.actors.map((actor) => [actor.id, actor.name]));
  return run.steps.map((step, index) => ({
    step: index + 1,
    atMs: step.atUs / 1000,
    actor: step.actor,
    actorName: names.get(step.actor) ?? `actor ${step.actor}`,
    store: step.store,
    label: step.label,
    result: step.result,
    changes: step.changes,
    ...(step.preempted ? { preempted: run.steps[index - 1]!.actor } : {}),
    shown: conflicts(step) || step.writes.some((key) => read.has(key.split(' ')[0]!)),
  }));
}

function checkedKeys(check: CheckResult | undefined): Set<string> {
  return new Set((check?.reads ?? []).map((data) => KEYS_OF_DATA[data.split(' ')[0]!]).filter((key) => key !== undefined));
}

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  return a.some((key) => b.includes(key));
}
