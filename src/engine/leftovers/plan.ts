// What `ticketsim clean` would remove, decided from what the stores hold: every name is read back to
// the run it was made for (run-names.ts; a name no run makes is left alone whatever it looks like),
// grouped per run, and only runs old enough (and named, with --run) are taken, never one still going
// on (a consumer group of its own with a live member: a long `serve` writing behind, a run's workers).
// Pure, so what clean deletes is exactly what it listed.
import { runNames, runOfName } from '../run-names.js';
import type { RunNameKind } from '../run-names.js';

/** What each store holds inside the scope run names can be in (see RUN_NAME_SCOPE), as listed. */
export interface Found {
  redis?: { keys: readonly string[] };
  mysql?: {
    /** purchases rows per ticket_name. */
    rows: readonly { sale: string; rows: number }[];
    /** ticket_names with a sale_fences row. */
    fences: readonly string[];
    tables: readonly string[];
  };
  kafka?: {
    topics: readonly string[];
    groups: readonly string[];
    /** Groups with a member still alive: the run (or server) they belong to is going on. */
    liveGroups?: readonly string[];
  };
}

/** What one past run left, store by store. */
export interface RunLeftovers {
  runId: string;
  /** When the run started (from its id), ISO 8601. */
  startedAt: string;
  /** Its sale: the ticket_name of its rows. */
  sale: string;
  redisKeys: string[];
  /** Its purchases rows. */
  mysqlRows: number;
  /** Its sale_fences rows (0 or 1). */
  fenceRows: number;
  /** The table its selftest row planted, if left. */
  tables: string[];
  topics: string[];
  groups: string[];
}

/** Sums over runs: how many of each. */
export interface Totals {
  runs: number;
  redisKeys: number;
  mysqlRows: number;
  fenceRows: number;
  tables: number;
  topics: number;
  groups: number;
}

/** What clean takes. */
export interface CleanPlan {
  /** The time a run must have started before to go. */
  cutoffMs: number;
  /** Runs old enough (and named, when some are), oldest first. */
  runs: RunLeftovers[];
  /** Runs found that started after the cutoff (named ones only, when some are): kept. */
  younger: number;
  /** Runs old enough (and named) still going on, a consumer group of theirs with a live member: kept, whatever their age. */
  inUse: number;
}

/** Which runs go: those started at least `olderThanMs` before `nowMs`, and only those in `only` when given. */
export interface PlanOptions {
  nowMs: number;
  olderThanMs: number;
  only?: readonly string[];
}

/** Groups what was found by run, and takes the runs old enough (and named). */
export function planClean(found: Found, options: PlanOptions): CleanPlan {
  const runs = new Map<string, RunLeftovers>();
  const started = new Map<string, number>();
  const add = (kind: RunNameKind, name: string, put: (run: RunLeftovers) => void) => {
    const owner = runOfName(kind, name);
    if (owner === undefined) return;
    let run = runs.get(owner.runId);
    if (run === undefined) {
      const startedAt = new Date(owner.startedAtMs).toISOString();
      run = { runId: owner.runId, startedAt, sale: runNames(owner.runId).sale, redisKeys: [], mysqlRows: 0, fenceRows: 0, tables: [], topics: [], groups: [] };
      runs.set(owner.runId, run);
      started.set(owner.runId, owner.startedAtMs);
    }
    put(run);
  };
  for (const key of found.redis?.keys ?? []) add('key', key, (run) => run.redisKeys.push(key));
  for (const { sale, rows } of found.mysql?.rows ?? []) add('sale', sale, (run) => (run.mysqlRows += rows));
  for (const sale of found.mysql?.fences ?? []) add('sale', sale, (run) => (run.fenceRows += 1));
  for (const table of found.mysql?.tables ?? []) add('table', table, (run) => run.tables.push(table));
  for (const topic of found.kafka?.topics ?? []) add('topic', topic, (run) => run.topics.push(topic));
  for (const group of found.kafka?.groups ?? []) add('group', group, (run) => run.groups.push(group));

  const cutoffMs = options.nowMs - options.olderThanMs;
  const only = options.only === undefined ? undefined : new Set(options.only);
  const named = [...runs.values()].filter((run) => only?.has(run.runId) ?? true);
  const startOf = (run: RunLeftovers) => started.get(run.runId)!;
  const live = new Set(found.kafka?.liveGroups ?? []);
  const isLive = (run: RunLeftovers) => run.groups.some((group) => live.has(group));
  const oldEnough = named.filter((run) => startOf(run) <= cutoffMs);
  const old = oldEnough.filter((run) => !isLive(run)).sort((a, b) => startOf(a) - startOf(b) || a.runId.localeCompare(b.runId));
  for (const run of old) for (const names of [run.redisKeys, run.tables, run.topics, run.groups]) names.sort();
  return { cutoffMs, runs: old, younger: named.length - oldEnough.length, inUse: oldEnough.length - old.length };
}

/** How many of each thing the runs hold. */
export function totalsOf(runs: readonly RunLeftovers[]): Totals {
  const sum = (count: (run: RunLeftovers) => number) => runs.reduce((total, run) => total + count(run), 0);
  return {
    runs: runs.length,
    redisKeys: sum((run) => run.redisKeys.length),
    mysqlRows: sum((run) => run.mysqlRows),
    fenceRows: sum((run) => run.fenceRows),
    tables: sum((run) => run.tables.length),
    topics: sum((run) => run.topics.length),
    groups: sum((run) => run.groups.length),
  };
}
