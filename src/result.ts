// The shape of a finished run (RunResult, the stable JSON of DESIGN.md §3) and of the live snapshot
// the UI pulls while a run is going. Types only: scenarios produce these, ui/ and report/ read them.

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
  attempts: number;
  purchased: number;
  soldOut: number;
  duplicate: number;
  lockTimeout: number;
  cancelled: number;
  errors: number;
  /** Attempts never started because the run was interrupted. */
  notStarted: number;
}

/** A group of errors with one cause, e.g. `ER_CON_COUNT_ERROR: Too many connections` × 312. */
export interface ErrorCause {
  cause: string;
  count: number;
}

/** One invariant check, computed from the stores after the run. */
export interface CheckResult {
  name: string;
  ok: boolean;
  expected: string;
  observed: string;
  detail: string;
}

export type InfraKind = 'real' | 'memory';

/** The finished run: the stable result JSON (extend, don't rename). */
export interface RunResult {
  scenario: string;
  strategy: string;
  infra: InfraKind;
  /** Why this infra was used, e.g. "auto: redis and mysql answered" or "auto: redis unreachable". */
  infraReason: string;
  runId: string;
  seed: number;
  /** Where this run's data lives: Redis key prefix and MySQL ticket_name. */
  data: { sale: string; redisKeys: string[]; mysqlTicketName: string };
  params: { users: number; stock: number; concurrency: number | null; poolSize: number };
  counts: RunCounts;
  errorCauses: ErrorCause[];
  checks: CheckResult[];
  latency: Record<string, OperationLatency>;
  /** From barrier release to last reply. */
  durationMs: number;
  /** Throughput over durationMs, attempts per second. */
  throughput: number;
  /** True when Ctrl-C stopped the run; the checks ran on what did happen. */
  interrupted: boolean;
  startedAt: string;
  environment: { node: string; ticketsim: string; redis?: string; mysql?: string; kafka?: string; platform: string };
  /**
   * Set when the stores could not be read back after the run (a service failed): the checks are
   * then missing and the run proves nothing either way.
   */
  inconclusive?: string;
  /** The command line that reproduces this run. */
  command: string;
  ok: boolean;
}

export type RunPhase = 'connecting' | 'setup' | 'running' | 'checking' | 'done';

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
  total: number;
  done: number;
  inFlight: number;
  counts: RunCounts;
  elapsedMs: number;
  /** Completions per second over the last second or so. */
  ratePerSec: number;
  /** Latency of everything completed so far (all outcomes). */
  latency: LatencyOverview | undefined;
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
