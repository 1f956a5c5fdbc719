// Shrinking a failing schedule (ARCHITECTURE.md, "Explored runs"): from the schedule a search
// found, try smaller ones (a buyer fewer, a seat fewer, a chunk of decisions dropped, a decision
// reset to the fallback, a lower actor id) and keep one whenever its replay still breaks the same
// check and it is smaller: fewer preemptions, then fewer steps, then fewer buyers, then fewer
// seats, then fewer and lower decisions. When no such change is smaller, the sale with a buyer or
// a seat fewer is searched anew (dfs, no more preemptions than the best so far): the same race
// there may need its preemption elsewhere, which one change at a time cannot reach. It ends where
// nothing is smaller, a fixpoint: shrinking the result again changes nothing. Every schedule it
// returns was run and broke the check.
import type { ExploreWorkload } from '../result.js';
import { replayChooser } from './choosers.js';
import { searchSchedules } from './search.js';
import type { ExploredRun, RunWorkload } from './explored-run.js';
import { decisionsOf, preemptionsOf } from './schedule-figures.js';
import type { Decisions } from './token.js';

/** A failing schedule: the workload, its decisions, and its run. */
export interface Failing {
  workload: ExploreWorkload;
  decisions: Decisions;
  run: ExploredRun;
}

/**
 * Shrinks `found`; `progress` hears of every replay. Once `stopped` says so (Ctrl-C) it ends with
 * the smallest schedule so far, which broke the check like every one it keeps.
 */
export async function shrinkSchedule(
  runWorkload: RunWorkload,
  found: Failing,
  progress?: (replays: number, best: Failing) => void,
  stopped?: () => boolean,
): Promise<{ shrunk: Failing; replays: number }> {
  const check = found.run.broken?.name;
  let best = found;
  let replays = 0;
  /** Keeps `run` of `workload` when it breaks the check and is smaller than the best. */
  const keep = (workload: ExploreWorkload, run: ExploredRun): boolean => {
    const tried = { workload, decisions: decisionsOf(run.steps), run };
    if (run.broken?.name !== check || !smaller(tried, best)) return false;
    best = tried;
    return true;
  };
  const shrinkOnce = async (): Promise<boolean> => {
    for (const candidate of candidates(best)) {
      if (stopped?.() === true) return false;
      const run = await runWorkload(candidate.workload, replayChooser(candidate.decisions));
      progress?.(++replays, best);
      if (keep(candidate.workload, run)) return true;
    }
    for (const workload of smallerSales(best.workload)) {
      if (stopped?.() === true) return false;
      const search = { kind: 'dfs' as const, budget: RESEARCH_BUDGET, preemptions: preemptionsOf(best.run.steps) };
      const outcome = await searchSchedules(runWorkload, workload, search, { breaks: check, stopped });
      replays += outcome.runs;
      progress?.(replays, best);
      if (outcome.failing !== undefined && keep(workload, outcome.failing.run)) return true;
    }
    return false;
  };
  while (await shrinkOnce());
  return { shrunk: best, replays };
}

/** Most runs of a search of a smaller sale while shrinking. */
const RESEARCH_BUDGET = 100;

/** The sale with a buyer fewer, then with a seat fewer (never below one of each). */
function smallerSales(workload: ExploreWorkload): ExploreWorkload[] {
  return [
    ...(workload.buyers > 1 ? [{ ...workload, buyers: workload.buyers - 1 }] : []),
    ...(workload.stock > 1 ? [{ ...workload, stock: workload.stock - 1 }] : []),
  ];
}

/** The order of schedules: fewer preemptions, steps, buyers and seats, then fewer and lower decisions. */
function sizeOf({ workload, decisions, run }: Failing): number[] {
  const chosen = decisions.filter((decision) => decision !== null);
  return [preemptionsOf(run.steps), run.steps.length, workload.buyers, workload.stock, chosen.length, decisions.length, chosen.reduce((sum, actor) => sum + actor, 0)];
}

function smaller(a: Failing, b: Failing): boolean {
  const [x, y] = [sizeOf(a), sizeOf(b)];
  const differs = x.findIndex((value, index) => value !== y[index]);
  return differs >= 0 && x[differs]! < y[differs]!;
}

/** The smaller schedules to try, the biggest cuts first. */
function* candidates({ workload, decisions, run }: Failing): Generator<{ workload: ExploreWorkload; decisions: Decisions }> {
  for (let buyer = workload.buyers - 1; buyer >= 0 && workload.buyers > 1; buyer--) {
    yield { workload: { ...workload, buyers: workload.buyers - 1 }, decisions: withoutBuyer(run, buyer) };
  }
  if (workload.stock > 1) yield { workload: { ...workload, stock: workload.stock - 1 }, decisions };
  for (let size = decisions.length; size >= 1; size = Math.floor(size / 2)) {
    for (let start = 0; start + size <= decisions.length; start += size) yield { workload, decisions: [...decisions.slice(0, start), ...decisions.slice(start + size)] };
  }
  for (const [index, decision] of decisions.entries()) {
    if (decision === null) continue;
    yield { workload, decisions: decisions.map((other, at) => (at === index ? null : other)) };
    for (let lower = 0; lower < decision; lower++) yield { workload, decisions: decisions.map((other, at) => (at === index ? lower : other)) };
  }
}

/**
 * The run's step order without the steps of buyer `buyer` (`user-<buyer>`): the later actors' ids
 * move down by as many, as they start that many places earlier.
 */
function withoutBuyer(run: ExploredRun, buyer: number): Decisions {
  const gone = new Set(run.actors.filter((actor) => actor.name.endsWith(` user-${buyer}`)).map((actor) => actor.id));
  const shifted = (actor: number) => actor - [...gone].filter((id) => id < actor).length;
  return run.steps.filter((step) => !gone.has(step.actor)).map((step) => shifted(step.actor));
}
