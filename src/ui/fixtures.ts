// Fixtures for UI tests and demos: snapshots part-way through a fixture RunResult, and a fake
// LiveRun whose progress follows the clock and whose result resolves after a set time.
import { stormNaiveResult } from '../report/fixtures.js';
import type { CheckResult, LiveRun, OperationLatency, RunCounts, RunResult, RunSnapshot } from '../result.js';

/** The checks of `ticketsim run cancel-storm --strategy naive --infra real`, as a user first saw them cut at 100 columns. */
export const stormChecks: CheckResult[] = [
  { name: 'no-over-stocking', ok: false, expected: 'left + rows = 100', observed: '2097 + 1500 = 3597', detail: 'over-stocked by 3497 seats (2498 of them in the storm)' },
  { name: 'no-oversell', ok: false, expected: 'sold ≤ 100', observed: 'after the sell-out: sold 1000, stock 99', detail: 'after the sell-out: oversold by 900; after the storm: oversold by 1400' },
  { name: 'index-agrees', ok: true, expected: 'same buyers', observed: 'redis 1500, mysql 1500', detail: 'buyer set = rows' },
  { name: 'no-double-buyer', ok: true, expected: '≤ 1 row per user', observed: 'none twice', detail: 'one per person' },
  {
    name: 'cancels-honoured-once',
    ok: false,
    expected: 'cancelled = deleted',
    observed: '2000 = 500',
    detail: '1500 cancels honoured with no row deleted; 500 users told twice (user-0 × 3, user-1 × 3)',
  },
  { name: 'freed-seats-resold', ok: true, expected: 'resold = 0', observed: 'resold 1000 of 500 freed', detail: 'every freed seat resold' },
  { name: 'reported-matches-data', ok: false, expected: 'reported = stored', observed: '0 = 1500', detail: '1500 stored but not reported' },
];

/** That run whole: 1,000 buyers for 100 seats, then 500 cancels ×3, 500 bogus ones and 1,000 re-buyers. */
export const stormRealResult: RunResult = {
  ...stormNaiveResult,
  params: {
    ...stormNaiveResult.params, users: 1000, rebuyers: 1000, attempts: 4000,
    options: { ...stormNaiveResult.params.options, users: 1000, rebuyers: 1000 },
  },
  counts: { attempts: 4000, purchased: 1000, soldOut: 0, duplicate: 0, lockTimeout: 0, rejected: 0, unknown: 0, cancelled: 2000, notPurchased: 0, rebought: 1000, errors: 0, dropped: 0, notStarted: 0 },
  durationMs: 3210,
  throughput: 1246,
  checks: stormChecks,
};

function scaleCounts(counts: RunCounts, fraction: number): RunCounts {
  const scaled = Object.entries(counts).map(([key, value]) => [key, Math.floor(value * fraction)]);
  return { ...(Object.fromEntries(scaled) as unknown as RunCounts), notStarted: 0 };
}

function scaleLatency(latency: OperationLatency | undefined, fraction: number): OperationLatency | undefined {
  if (!latency) return undefined;
  const buckets = latency.buckets.map((bucket) => ({ ...bucket, count: Math.floor(bucket.count * fraction) }));
  return { ...latency, buckets, count: buckets.reduce((sum, bucket) => sum + bucket.count, 0) };
}

/** The live SQL view of `result` part-way through (its final percentiles, scaled counts). */
function sqlLive(result: RunResult, fraction: number): RunSnapshot['sql'] {
  const insert = result.sql?.statements.insert;
  if (!result.sql || !insert || fraction === 0) return undefined;
  return {
    statements: Math.floor(insert.count * fraction),
    waitP99Us: insert.wait.p99,
    execP99Us: insert.exec.p99,
    slow: Math.floor(result.sql.slow.count * fraction),
    thresholdMs: result.sql.slow.thresholdMs,
  };
}

/** The snapshot of `result`'s run when `fraction` (0..1) of its attempts had completed. */
export function snapshotAt(result: RunResult, fraction: number): RunSnapshot {
  const done = Math.floor(result.counts.attempts * fraction);
  const finished = fraction >= 1;
  return {
    scenario: result.scenario,
    strategy: result.strategy,
    infra: result.infra,
    infraReason: result.infraReason,
    params: result.params,
    phase: finished ? 'done' : fraction === 0 ? 'setup' : 'running',
    total: result.params.attempts,
    done,
    inFlight: finished ? 0 : Math.min(result.params.attempts - done, 120),
    counts: scaleCounts(result.counts, fraction),
    elapsedMs: Math.round(result.durationMs * fraction),
    ratePerSec: result.throughput,
    stage: fraction === 0 ? undefined : { name: result.phases.at(-1)?.name ?? 'burst', index: Math.max(0, result.phases.length - 1), of: result.phases.length },
    operations: Object.entries(result.latency).flatMap(([operation, latency]) => {
      const scaled = scaleLatency(latency, fraction);
      return scaled && scaled.count > 0 ? [{ operation, latency: scaled }] : [];
    }),
    guards: result.guards,
    sql: sqlLive(result, fraction),
    recent: result.series.slice(-6),
    writeBehind: result.writeBehind && {
      acknowledged: Math.floor(result.writeBehind.published * fraction),
      persisted: Math.floor(result.writeBehind.worker.inserted * fraction),
      behind: finished ? 0 : Math.floor(result.writeBehind.published * (1 - fraction)),
      lagP99Us: result.writeBehind.lag.p99,
    },
    faults: result.faults?.map((fault) => ({ name: fault.name, fired: fault.fired, last: fault.events.at(-1)?.what })),
  };
}

/** A LiveRun that also says whether it was aborted and how often it was polled. */
export interface FakeLiveRun extends LiveRun {
  readonly aborted: boolean;
  readonly snapshotCalls: number;
  /** Ends the run now with its final result, as if its time were up (a test's way to say when). */
  finish(): void;
}

/**
 * A fake run: progress grows linearly over `durationMs`, then `result` resolves with `final`
 * (or earlier, when `finish()` is called). `abort()` resolves at once with an interrupted copy
 * whose counts are those reached so far.
 */
export function fakeLiveRun(final: RunResult, durationMs = 300): FakeLiveRun {
  const startedAt = Date.now();
  const state = { aborted: false, calls: 0, finished: false };
  let settle: (result: RunResult) => void = () => undefined;
  const result = new Promise<RunResult>((resolve) => {
    settle = resolve;
  });
  const finish = (): void => {
    clearTimeout(timer);
    state.finished = true;
    settle(final);
  };
  const timer = setTimeout(finish, durationMs);
  // Once finished, the run is whole: a timer may fire a millisecond before Date.now() says it is due.
  const fraction = (): number => (state.finished ? 1 : Math.min(1, (Date.now() - startedAt) / durationMs));
  return {
    result,
    connected: Promise.resolve(),
    get aborted() {
      return state.aborted;
    },
    get snapshotCalls() {
      return state.calls;
    },
    snapshot() {
      state.calls += 1;
      return snapshotAt(final, fraction());
    },
    finish,
    abort() {
      if (state.aborted) return;
      state.aborted = true;
      clearTimeout(timer);
      const reached = snapshotAt(final, fraction());
      const counts = { ...reached.counts, notStarted: final.params.attempts - reached.counts.attempts };
      settle({ ...final, counts, interrupted: true, durationMs: reached.elapsedMs });
    },
  };
}
