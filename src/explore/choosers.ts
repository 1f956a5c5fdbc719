// The choosers a search runs a schedule with (ARCHITECTURE.md, "Explored runs"): each picks, at
// every step, which ready actor goes next. Replay follows a decision list; random picks uniformly;
// PCT (Burckhardt et al.) runs the highest-priority actor and lowers it at depth − 1 random steps.
import type { Chooser } from '../engine/memory/step-schedule.js';
import type { Random } from '../engine/memory/random.js';
import type { Decisions } from './token.js';

/** Follows `decisions` step by step; past their end, or where one names an actor not ready, the fallback. */
export function replayChooser(decisions: Decisions): Chooser {
  return { choose: (point) => decisions[point.index] ?? point.fallback };
}

/** Any ready actor, uniformly. */
export function randomChooser(random: Random): Chooser {
  return { choose: (point) => point.ready[random.int(0, point.ready.length - 1)]! };
}

/**
 * PCT with bug depth `depth`: every actor gets a random priority above depth when it is first
 * ready; the ready actor of highest priority runs; at depth − 1 steps drawn from the first
 * `expectedSteps`, the actor about to run drops below every other (to priority 1, 2, …).
 */
export function pctChooser(random: Random, depth: number, expectedSteps: number): Chooser {
  const priority = new Map<number, number>();
  const changes = new Map<number, number>();
  for (let change = 1; change < depth; change++) changes.set(random.int(0, Math.max(0, expectedSteps - 1)), change);
  const highest = (ready: readonly number[]): number => {
    for (const actor of ready) if (!priority.has(actor)) priority.set(actor, depth + random.next());
    return ready.reduce((best, actor) => (priority.get(actor)! > priority.get(best)! ? actor : best));
  };
  return {
    choose(point) {
      const first = highest(point.ready);
      const change = changes.get(point.index);
      if (change === undefined) return first;
      priority.set(first, change);
      return highest(point.ready);
    },
  };
}
