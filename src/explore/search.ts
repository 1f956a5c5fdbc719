// The searches of `ticketsim explore` (ARCHITECTURE.md, "Explored runs"): run the workload under
// one schedule after another until one breaks a check or the budget (for dfs, the space) is spent.
// random picks any ready actor; pct is PCT at the given depth; dfs walks every step order with at
// most P preemptions depth first, as CHESS and Loom do, rerunning from the start with a longer
// forced prefix each time (a schedule is fixed by its decisions, so a prefix replays exactly).
import { createRandom } from '../engine/memory/random.js';
import type { Chooser } from '../engine/memory/step-schedule.js';
import type { ExploreSearch, ExploreWorkload } from '../result.js';
import { pctChooser, randomChooser, replayChooser } from './choosers.js';
import type { ExploredRun, RunWorkload } from './explored-run.js';
import { orderOf } from './schedule-figures.js';

/** Where a search is, for the live line. */
export interface SearchProgress {
  runs: number;
  distinct: number;
}

/** How a search ended. */
export interface SearchOutcome extends SearchProgress {
  /** dfs: every schedule within the bound was run. */
  exhausted: boolean;
  /** The first run that broke a check, and its number (from 1). */
  failing?: { run: ExploredRun; number: number };
}

/** A schedule dfs has been down, step by step: who was ready, who ran before, who was tried. */
interface Branch {
  ready: readonly number[];
  last: number | undefined;
  tried: Set<number>;
  /** Preemptions before this step. */
  before: number;
}

/** What a search hears and asks between runs. */
export interface SearchHooks {
  /** After every run. */
  progress?: (at: SearchProgress) => void;
  /** True once the user asked to stop (Ctrl-C): the search ends after the run in progress. */
  stopped?: () => boolean;
  /** Only a run that breaks this check ends the search (default: any check). */
  breaks?: string;
}

/** Runs the search. */
export async function searchSchedules(runWorkload: RunWorkload, workload: ExploreWorkload, search: ExploreSearch, { progress, stopped, breaks }: SearchHooks = {}): Promise<SearchOutcome> {
  const orders = new Set<string>();
  const next = nextChooser(search, workload.seed);
  let runs = 0;
  for (let chooser = next(undefined); chooser !== undefined && runs < search.budget && stopped?.() !== true; ) {
    const run = await runWorkload(workload, chooser);
    runs++;
    orders.add(orderOf(run.steps));
    progress?.({ runs, distinct: orders.size });
    if (run.broken !== undefined && (breaks === undefined || run.broken.name === breaks)) return { runs, distinct: orders.size, exhausted: false, failing: { run, number: runs } };
    chooser = next(run);
    if (chooser === undefined) return { runs, distinct: orders.size, exhausted: true };
  }
  return { runs, distinct: orders.size, exhausted: false };
}

/** The chooser of the next run, given the last run (undefined before the first); undefined when dfs is through. */
function nextChooser(search: ExploreSearch, seed: number): (last: ExploredRun | undefined) => Chooser | undefined {
  const random = createRandom(seed).fork();
  if (search.kind === 'random') return () => randomChooser(random.fork());
  if (search.kind === 'pct') {
    let expectedSteps = 0;
    return (last) => {
      expectedSteps = Math.max(expectedSteps, last?.steps.length ?? 0);
      return last === undefined ? replayChooser([]) : pctChooser(random.fork(), search.depth ?? 3, expectedSteps);
    };
  }
  const branches: Branch[] = [];
  const bound = search.preemptions ?? 2;
  return (last) => {
    if (last === undefined) return replayChooser([]);
    let before = 0;
    last.steps.forEach((step, index) => {
      if (index >= branches.length) branches.push({ ready: step.ready, last: last.steps[index - 1]?.actor, tried: new Set([step.actor]), before });
      if (step.preempted) before++;
    });
    for (let index = branches.length - 1; index >= 0; index--) {
      const branch = branches[index]!;
      const other = branch.ready.find((actor) => !branch.tried.has(actor) && branch.before + preemptionOf(branch, actor) <= bound);
      if (other === undefined) continue;
      branch.tried.add(other);
      branches.length = index + 1;
      return replayChooser([...last.steps.slice(0, index).map((step) => step.actor), other]);
    }
    return undefined;
  };
}

/** 1 when running `actor` passes over the last actor while it is ready. */
function preemptionOf(branch: Branch, actor: number): number {
  return branch.last !== undefined && actor !== branch.last && branch.ready.includes(branch.last) ? 1 : 0;
}
