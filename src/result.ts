// The shape of a finished run (RunResult, the stable JSON of DESIGN.md §3) and of the live snapshot
// the UI pulls while a run is going. Types only: scenarios produce these, ui/ and report/ read them.
import type { WorkerFigures } from './engine/ports.js';

/** Latency percentiles of one operation (or one outcome of it), in microseconds. */
export interface LatencySummary {
  unit: 'us';
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** One bar of a log-scale latency histogram: values in [fromUs, toUs). */
export interface HistogramBucket {
  fromUs: number;
  toUs: number;
  count: number;
}

/** Percentiles of all outcomes together, and the histogram to draw. */
export interface LatencyOverview extends LatencySummary {
  buckets: HistogramBucket[];
}

/** Latency of one operation: all outcomes together, per outcome, and the histogram to draw. */
export interface OperationLatency extends LatencyOverview {
  byOutcome: Record<string, LatencySummary>;
  /**
   * Service time, measured from when the request was actually sent rather than from its intended
   * start (the barrier release); differs from the main figures only when requests had to queue.
   */
  raw: LatencySummary;
}

/** Outcome and error counts. Outcomes (sold out, duplicate, …) are never errors. */
export interface RunCounts {
  /** Operations made (purchases and cancels, each retry included). */
  attempts: number;
  purchased: number;
  soldOut: number;
  duplicate: number;
  lockTimeout: number;
  cancelled: number;
  /** Cancels with nothing to cancel. */
  notPurchased: number;
  /** Seats bought again after a cancel freed them (cancel-storm's waiting line). */
  rebought: number;
  errors: number;
  /** Arrivals not started because the generator's in-flight cap was reached (open model). */
  dropped: number;
  /** Attempts never started because the run was interrupted. */
  notStarted: number;
}

/** How the strategy's guards worked: lock traffic, and where repeat buyers were turned away. */
export interface GuardCounts {
  /** Lock acquisitions asked for (each purchase that reached the lock asks once). */
  lockRequests: number;
  /** Lock acquisitions granted. */
  locksGranted: number;
  /** Lock round trips to Redis, retries included. */
  lockTries: number;
  /** Attempts answered before touching the lock: the buyer look-up's cheap rejection. */
  rejectedBeforeLock: number;
  /** Duplicates by the guard that caught them: precheck, recheck (under the lock), script, ledger. */
  duplicatesBy: Record<string, number>;
  /** fenced: steps a store refused because they carried an older token than one it had accepted. */
  staleRefused: number;
}

/** One fault of the run (--fault) and what it did. */
export interface FaultRecord {
  name: string;
  /** As a command line gives it, e.g. `kill-worker:times=2,after=200ms,every=400ms`. */
  spec: string;
  /** How many times it fired. */
  fired: number;
  /** Each firing: ms after the first release, and what happened (the first 20). */
  events: { atMs: number; what: string }[];
  /** One line: what it did, or why it did nothing. */
  summary: string;
}

/** Timing of one kind of SQL statement, its two measured parts and their sum, in µs. */
export interface SqlStatementTiming {
  count: number;
  /** Statements that failed (an infrastructure error; a refused duplicate is not a failure). */
  failed: number;
  /** Waiting for a pool connection. */
  wait: LatencySummary;
  /** Executing on the connection: network and server. */
  exec: LatencySummary;
  /** What the caller waited: wait + exec. */
  total: LatencySummary;
}

/** One statement slower than the threshold. */
export interface SlowStatement {
  kind: string;
  /** When it was asked for, ms after the barrier release (negative: before it). */
  atMs: number;
  totalUs: number;
  waitUs: number;
  execUs: number;
}

/** Where the time of the run's SQL went (the seed's slow-SQL analysis). */
export interface SqlSummary {
  /** Per statement kind (insert, select, …). */
  statements: Record<string, SqlStatementTiming>;
  /** Statements slower than the threshold, client-side (pool wait included). */
  slow: {
    thresholdMs: number;
    count: number;
    /** Of the time the slow statements took, the share spent waiting for a connection (0–1). */
    waitShare: number;
    /** Slow statements that waited longer than they executed. */
    mostlyWaiting: number;
    /** The slowest, slowest first (at most 10). */
    slowest: SlowStatement[];
  };
  /** What the server itself counted, when it could be read. */
  server?: { source: string; writes: number; slow: number; thresholdMs: number; sessions: number };
  /** Where each figure came from. */
  sources: { wait: string; exec: string };
}

/** The live view of the SQL timings for a dashboard. */
export interface SqlLive {
  statements: number;
  waitP99Us: number;
  execP99Us: number;
  slow: number;
  thresholdMs: number;
}

/** One phase of a run (a burst behind its own barrier) as it went. */
export interface PhaseResult {
  name: string;
  /** Attempts it released (an attempt may make several operations). */
  attempts: number;
  /** From its barrier release to its last reply. */
  durationMs: number;
  counts: RunCounts;
}

// What write-behind workers did: the worker fleet's port type, here for whoever reads results.
export type { WorkerFigures };

/** The write-behind path of a run (--write behind): the topic, the workers, the drain and the lag. */
export interface WriteBehindSummary {
  topic: string;
  group: string;
  dlqTopic: string;
  partitions: number;
  workers: number;
  /** True when --keep-topic left the topic and group for inspection. */
  kept: boolean;
  /** Why the run's topics or group could not be deleted, when they could not (a leftover to remove). */
  leftover?: string;
  /** Events acknowledged by the log, copies sent again on purpose, produce requests. */
  published: number;
  redelivered: number;
  requests: number;
  worker: WorkerFigures;
  /** Whether every event was consumed and committed within the drain timeout, and how long it took. */
  drained: boolean;
  drainMs: number;
  /** Records still behind at the end (0 when drained). */
  lagRecords: number;
  /** From the buyer's acknowledgement to the row visible in MySQL (polled), µs. */
  lag: LatencySummary;
  /** How often MySQL was polled for new rows: the lag's resolution. */
  pollMs: number;
  /** Rows visible over time, ms after the first release. */
  drainCurve: { atMs: number; rows: number }[];
}

/** One second of a run: attempts started, operations completed by outcome, and their p50/p99 (µs). */
export interface SeriesPoint {
  /** Seconds since the first release. */
  second: number;
  started: number;
  completed: number;
  outcomes: Record<string, number>;
  p50Us: number;
  p99Us: number;
}

/** How the load was generated, and whether the generator itself kept up. */
export interface LoadSummary {
  /** `burst`: every attempt due at the release; `rate`: arrivals at a fixed (or ramping) rate. */
  model: 'burst' | 'rate';
  rate?: number;
  rampFrom?: number;
  durationMs?: number;
  /** Most attempts in flight at once (the generator's cap: --concurrency or --max-in-flight). */
  maxInFlight: number;
  /** Attempts the plan called for, and those started. */
  planned: number;
  started: number;
  /** Arrivals dropped because the in-flight cap was reached (rate only; a burst waits instead). */
  dropped: number;
  /** Attempts started more than 1 ms after they were due, and how late the starts were (µs). */
  lateStarts: number;
  startLag: LatencySummary;
  /** The generator's own event-loop delay during the run, ms: high means ticketsim was the bottleneck. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Arrivals per second achieved over the run (rate only). */
  achievedRate?: number;
}

/** A group of errors with one cause, e.g. `ER_CON_COUNT_ERROR: Too many connections` × 312. */
export interface ErrorCause {
  cause: string;
  count: number;
}

/** The machine a run ran on. */
export interface MachineInfo {
  /** The CPU model as the OS names it, e.g. `AMD EPYC 7B13`; `unknown` when it does not say. */
  cpuModel: string;
  /** Logical CPUs. */
  cpus: number;
  /** Total memory, bytes. */
  memoryBytes: number;
  /** The operating system, e.g. `Debian GNU/Linux 12 (bookworm)`. */
  os: string;
  /** The kernel, e.g. `Linux 6.1.0-18-amd64`. */
  kernel: string;
}

/**
 * What the run cost ticketsim's own process (the generator; in process, the services too): its
 * CPU time and memory over the run, from the run's start to its verdict. Worker processes are apart.
 */
export interface GeneratorCost {
  /** CPU time, ms. */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Highest resident set size seen during the run, bytes (sampled every `sampleMs` and at the end). */
  peakRssBytes: number;
  sampleMs: number;
  /**
   * The process's own peak resident set size since it started (getrusage), bytes: exact, but in a
   * process that ran several runs (compare) it covers the earlier ones too.
   */
  processPeakRssBytes: number;
}

/** One invariant check, computed from the stores after the run. */
export interface CheckResult {
  name: string;
  /** False for a check that failed and for one that was skipped: a skipped check never passes. */
  ok: boolean;
  expected: string;
  observed: string;
  detail: string;
  /**
   * Why it was not checked: the system under test does not keep what it reads (a target with no
   * stock counter or buyer index). It neither passes nor fails the run.
   */
  skipped?: string;
}

export type InfraKind = 'real' | 'memory';

/** What one store holds of a run, each item as a person would look it up there. */
export interface StoredData {
  store: string;
  holds: string[];
}

/** A scenario's numbers; the optional ones exist only for the scenarios that have them. */
export interface WorkloadNumbers {
  users: number;
  stock: number;
  /** spam: purchases each user fires at once. */
  requestsPerUser?: number;
  /** cancel-storm: fraction (0–1) of the buyers who cancel. */
  cancelRatio?: number;
  /** cancel-storm: times each cancel is fired at once. */
  cancelDupes?: number;
  /** cancel-storm: new buyers waiting in line for freed seats. */
  rebuyers?: number;
}

/** The finished run: the stable result JSON (extend, don't rename). */
export interface RunResult {
  scenario: string;
  strategy: string;
  infra: InfraKind;
  /** Why this infra was used, e.g. "auto: redis and mysql answered" or "auto: redis unreachable". */
  infraReason: string;
  runId: string;
  seed: number;
  /** Where this run's data lives, per store, as the system under test names it. */
  data: {
    sale: string;
    /**
     * e.g. `{ store: 'MySQL', holds: ["purchases rows with ticket_name = 'concert-…'"] }`,
     * `{ store: 'Redis', holds: ['ticketsim:{concert-…}:stock', …] }`.
     */
    stores: StoredData[];
  };
  params: WorkloadNumbers & {
    /** Attempts the run set out to make (users × requests per user). */
    attempts: number;
    concurrency: number | null;
    poolSize: number;
    /** Threshold of the sql section's slow statements, ms. */
    slowSqlMs: number;
    /** sync (MySQL in the request) or behind (an event, then the worker). */
    write: 'sync' | 'behind';
    /** Open model: arrivals per second for a duration (ramping from rampFrom). */
    rate?: { rate: number; durationMs: number; rampFrom?: number };
    /**
     * Every workload option that applies to the run, by its camelCase name, as the command line
     * gives it (defaults filled in; --drain-timeout in seconds): what the report's parameters list.
     * null: it applies but was not set (concurrency: unlimited).
     */
    options: Record<string, number | boolean | null>;
  };
  counts: RunCounts;
  guards: GuardCounts;
  /** Where the SQL time went; absent when the run made no MySQL statement. */
  sql?: SqlSummary;
  /** The write-behind path; absent for --write sync. */
  writeBehind?: WriteBehindSummary;
  /** Faults injected on purpose (--fault); absent when none. */
  faults?: FaultRecord[];
  errorCauses: ErrorCause[];
  checks: CheckResult[];
  /** Per operation (purchase, cancel, …). */
  latency: Record<string, OperationLatency>;
  /** The run's phases in order; one (`burst`) for single-burst scenarios. */
  phases: PhaseResult[];
  /** How the load was generated. */
  load: LoadSummary;
  /** Per second: started, completed by outcome, p50/p99. */
  series: SeriesPoint[];
  /** From barrier release to last reply, summed over the phases. */
  durationMs: number;
  /** From the run's start (before connecting) to its verdict: connecting, set-up, phases, drains and checks. */
  wallMs: number;
  /** What the run cost ticketsim's own process. */
  generator: GeneratorCost;
  /** Throughput over durationMs, attempts per second. */
  throughput: number;
  /** True when Ctrl-C stopped the run; the checks ran on what did happen. */
  interrupted: boolean;
  startedAt: string;
  environment: { node: string; ticketsim: string; redis?: string; mysql?: string; kafka?: string; platform: string; machine: MachineInfo };
  /**
   * Set when the stores could not be read back after the run (a service failed): the checks are
   * then missing and the run proves nothing either way.
   */
  inconclusive?: string;
  /** The command line that reproduces this run. */
  command: string;
  ok: boolean;
}

/** How one run of a comparison ended: every check held, one failed, or it proved nothing. */
export type ComparedVerdict = 'held' | 'failed' | 'inconclusive' | 'interrupted';

/** One run of a comparison (a strategy × write mode), as its column of the table. */
export interface ComparedRun {
  /** `lua`, or `lua · behind` when write modes are compared too. */
  label: string;
  strategy: string;
  write: 'sync' | 'behind';
  verdict: ComparedVerdict;
  /** Listed in --expect-fail: this run is meant to fail a check. */
  expectedToFail: boolean;
  /** Held when meant to hold, failed when meant to fail. */
  asExpected: boolean;
  counts: RunCounts;
  /** Operations per second over the run. */
  throughput: number;
  durationMs: number;
  /** The run's wall time, set-up and checks included. */
  wallMs: number;
  /** What the run cost ticketsim's own process. */
  generator: GeneratorCost;
  /** Per operation, µs (corrected: from the intended start). */
  latency: Record<string, { mean: number; p50: number; p99: number; max: number }>;
  /** Lock acquisitions asked and granted, the Redis round trips they took, and steps a fence refused. */
  locks: { requests: number; granted: number; tries: number; staleRefused: number };
  /** Each fault by name: how often it fired (absent: none was asked for). */
  faults: Record<string, number>;
  /** p99 wait for a MySQL connection of the busiest statement, µs; undefined when no SQL ran. */
  sqlWaitP99Us: number | undefined;
  /** Each check by name: held or not. */
  checks: Record<string, boolean>;
}

/** `ticketsim compare`: the runs side by side, and whether each ended as expected. */
export interface Comparison {
  scenario: string;
  /** The compare command line that reproduces it. */
  command: string;
  /** What marks the fastest: throughput for a burst, the primary operation's p99 under a rate. */
  rankedBy: 'throughput' | 'p99';
  /** Every operation and check any run had, in first-seen order. */
  operations: string[];
  checkNames: string[];
  runs: ComparedRun[];
  /** The label of the fastest run that held every check; undefined when none held. */
  fastest: string | undefined;
  /** Every run ended as expected (and none was inconclusive or interrupted). */
  ok: boolean;
}

/** One row of `ticketsim selftest`: a planted anomaly (or a correct strategy) and what the checks said. */
export interface SelftestRow {
  anomaly: string;
  /** The run, e.g. `oversell · lock · pause-holder`. */
  run: string;
  infra: InfraKind;
  /** `caught by no-oversell`, or `every check holds`. */
  expected: string;
  /** What happened, e.g. `caught by no-oversell (also exact-sell-out)`. */
  outcome: string;
  /** Caught by the check named for it, or, for a correct strategy, every check held. */
  ok: boolean;
  runId: string;
  /** Time spent in bursts (virtual in process). */
  durationMs: number;
  /** The run from start to verdict, set-up, drains and faults included (real time). */
  wallMs: number;
}

/** `ticketsim selftest`: the detection matrix, ok only when every row is. */
export interface SelftestResult {
  ok: boolean;
  rows: SelftestRow[];
}

export type RunPhase = 'connecting' | 'setup' | 'running' | 'draining' | 'checking' | 'done';

/** What a dashboard shows while a run is going; pulled at ~10 Hz, never pushed per request. */
export interface RunSnapshot {
  scenario: string;
  strategy: string;
  /** 'connecting' until the infrastructure is chosen and open. */
  infra: InfraKind | 'connecting';
  /** Why this infra was chosen; known once the run has connected. */
  infraReason: string | undefined;
  params: RunResult['params'];
  phase: RunPhase;
  /** The workload phase running (or last run): its name, and its place among the phases. */
  stage: { name: string; index: number; of: number } | undefined;
  /** Attempts of the current stage, and how many are done. */
  total: number;
  done: number;
  inFlight: number;
  /** Every phase so far. */
  counts: RunCounts;
  /** Time spent in bursts so far, every phase's added up (the result's `durationMs` at the end). */
  elapsedMs: number;
  /** Operations finished per second of that time (the result's `throughput` at the end). */
  ratePerSec: number;
  /** Latency of the current stage's operations so far, in the order they started. */
  operations: { operation: string; latency: LatencyOverview }[];
  guards: GuardCounts;
  /** SQL timings so far; undefined before the first statement. */
  sql: SqlLive | undefined;
  /** The last seconds of the series. */
  recent: SeriesPoint[];
  /** Writing behind: purchases acknowledged, rows persisted, records the workers are behind, lag p99. */
  writeBehind: { acknowledged: number; persisted: number; behind: number; lagP99Us: number } | undefined;
  /** Faults of the run: how often each fired so far, and the latest firing. */
  faults: { name: string; fired: number; last: string | undefined }[] | undefined;
}

/** A run in progress as a renderer sees it: pull snapshots, await the result, or stop it. */
export interface LiveRun {
  snapshot(): RunSnapshot;
  /**
   * Resolves once the infrastructure is chosen and open (the snapshot's infra and infraReason are
   * then final), or when the run ends without getting that far. Never rejects.
   */
  readonly connected: Promise<void>;
  readonly result: Promise<RunResult>;
  /** Stops starting new attempts; in-flight ones finish, then checks run on what happened. */
  abort(): void;
}
