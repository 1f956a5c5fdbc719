// What `ticketsim explore` and `ticketsim replay` found (ARCHITECTURE.md, "Explored runs"): the
// tiny workload, the search, and a failing schedule shrunk to its shortest form, as a timeline.
// Types only, like the rest of result/.
import type { CheckResult } from './run-result.js';

/** The tiny workload every schedule of a search runs, in process. */
export interface ExploreWorkload {
  scenario: string;
  strategy: string;
  buyers: number;
  stock: number;
  requestsPerUser: number;
  /** Seeds the in-process services (a lock's retry back-off) and the search's own choices. */
  seed: number;
}

/** How the schedules were searched. */
export interface ExploreSearch {
  kind: 'random' | 'pct' | 'dfs';
  /** Most runs. */
  budget: number;
  /** pct: the bug depth it aims at (depth − 1 priority changes a run). */
  depth?: number;
  /** dfs: most preemptions a schedule may have. */
  preemptions?: number;
}

/** One step of a schedule, as the timeline shows it. */
export interface TimelineStep {
  /** From 1. */
  step: number;
  /** Virtual time, ms: steps take none; it moves where code sleeps (a lock's back-off). */
  atMs: number;
  actor: number;
  /** `buy user-0`. */
  actorName: string;
  /** Where the step went. */
  store: 'Redis' | 'MySQL' | 'Kafka';
  /** `GET stock`, `SET stock 0`. */
  label: string;
  result: string;
  /** `stock 1 → 0`. */
  changes: string[];
  /** The actor this step preempted (it was ready and passed over), if any. */
  preempted?: number;
  /**
   * False for a step that touches nothing another actor touches and nothing the broken check
   * reads: its place in the order cannot matter, so the timeline leaves it out.
   */
  shown: boolean;
}

/** One schedule of the workload, run: what it did and which check it broke. */
export interface ScheduleReport {
  workload: ExploreWorkload;
  /** Replays this schedule: `ticketsim replay <token>`. */
  token: string;
  steps: number;
  preemptions: number;
  actors: { id: number; name: string }[];
  timeline: TimelineStep[];
  /** The first check that failed, in the scenario's order; absent when every check held. */
  broken?: CheckResult;
  /** What the stores held at the end (the witness): `stock` → `0`, `rows` → `{user-0, user-1}`. */
  stores: Record<string, string>;
}

/** A failure a search found, and how far shrinking took it. */
export interface FoundFailure extends ScheduleReport {
  /** The schedule as the search first found it. */
  foundAt: { run: number; steps: number; preemptions: number };
  /** Replays the shrinker ran. */
  shrinkReplays: number;
}

/** What a search ended with. */
export interface ExploreResult {
  workload: ExploreWorkload;
  search: ExploreSearch;
  runs: number;
  /** Distinct step orders among the runs. */
  distinct: number;
  /** dfs: every schedule within the preemption bound was run. */
  exhausted: boolean;
  failure?: FoundFailure;
  /** Stopped by Ctrl-C before the search (or the shrinking) was through. */
  interrupted?: boolean;
  durationMs: number;
  /** No failure found. */
  ok: boolean;
}
