// `ticketsim explore` and `ticketsim replay` (ARCHITECTURE.md, "Explored runs"): search the
// schedules of a tiny workload, shrink the first failure to its smallest schedule and tell it as a
// timeline with a replay token; or replay a token step for step.
import { exploreOptions } from '../config/explore-options.js';
import type { WorkerLauncher } from '../engine/ports.js';
import { UsageError } from '../errors.js';
import type { ExploreResult, ExploreSearch, ExploreWorkload, ScheduleReport } from '../result.js';
import { replayChooser } from './choosers.js';
import { workloadRunner } from './explored-run.js';
import type { ExploredRun } from './explored-run.js';
import { decisionsOf, preemptionsOf, timelineOf } from './schedule-figures.js';
import { searchSchedules } from './search.js';
import type { SearchProgress } from './search.js';
import { shrinkSchedule } from './shrink.js';
import { decodeToken, encodeToken } from './token.js';

/** What a search tells its live line: runs so far, then, once one failed, the shrinking. */
export interface ExploreProgress extends SearchProgress {
  shrinking?: { replays: number; steps: number; preemptions: number };
}

/** What a search tells and asks its caller. */
export interface ExploreHooks {
  progress?: (at: ExploreProgress) => void;
  /** Starts a write-behind run's worker (the CLI gives its launcher). */
  launcher?: WorkerLauncher;
  /** True once the user asked to stop: the search ends after its current run, shrinking with its best so far. */
  stopped?: () => boolean;
}

/** Searches `workload`'s schedules; a failure comes back shrunk. */
export async function explore(workload: ExploreWorkload, search: ExploreSearch, { progress, stopped, launcher }: ExploreHooks = {}): Promise<ExploreResult> {
  const started = performance.now();
  const runWorkload = workloadRunner(launcher);
  const outcome = await searchSchedules(runWorkload, workload, search, { progress, stopped });
  const interrupted = stopped?.() === true;
  const ended = { workload, search, runs: outcome.runs, distinct: outcome.distinct, exhausted: outcome.exhausted, ...(interrupted ? { interrupted } : {}) };
  if (outcome.failing === undefined) return { ...ended, ok: true, durationMs: performance.now() - started };
  const { run, number } = outcome.failing;
  const { shrunk, replays } = await shrinkSchedule(runWorkload, { workload, decisions: decisionsOf(run.steps), run }, (count, best) =>
    progress?.({ runs: outcome.runs, distinct: outcome.distinct, shrinking: { replays: count, steps: best.run.steps.length, preemptions: preemptionsOf(best.run.steps) } }),
  stopped);
  return {
    ...ended,
    failure: {
      ...scheduleReport(shrunk.workload, shrunk.run),
      foundAt: { run: number, steps: run.steps.length, preemptions: preemptionsOf(run.steps) },
      shrinkReplays: replays,
    },
    ok: false,
    durationMs: performance.now() - started,
  };
}

/** Replays a token's schedule; a token whose workload explore would refuse is a UsageError (exit 2). */
export async function replay(token: string, launcher?: WorkerLauncher): Promise<ScheduleReport> {
  const { workload, decisions } = decodeToken(token);
  const { scenario, strategy, buyers, stock, requestsPerUser, seed } = workload;
  try {
    exploreOptions({ scenario, strategy, buyers, stock, seed, ...(scenario === 'spam' ? { requestsPerUser } : {}) });
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(error.problems.map((problem) => `replay token: ${problem}`));
    throw error;
  }
  return scheduleReport(workload, await workloadRunner(launcher)(workload, replayChooser(decisions)));
}

/** A run as the timeline and the token tell it. */
function scheduleReport(workload: ExploreWorkload, run: ExploredRun): ScheduleReport {
  return {
    workload,
    token: encodeToken(workload, decisionsOf(run.steps)),
    steps: run.steps.length,
    preemptions: preemptionsOf(run.steps),
    actors: run.actors,
    timeline: timelineOf(run),
    ...(run.broken === undefined ? {} : { broken: run.broken }),
    stores: run.stores,
  };
}
