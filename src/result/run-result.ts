// The finished run (RunResult): the stable result JSON, extended rather than renamed (a field that
// changed shape is named in README.md, "What a run looks like"), and what its checks said.
import type { OperationLatency } from './latency.js';
import type { ErrorCause, FaultRecord, GeneratorCost, GuardCounts, LoadSummary, PhaseResult, RunCounts, SeriesPoint } from './measures.js';
import type { SqlSummary } from './sql.js';
import type { WriteBehindSummary } from './write-behind.js';
import type { BaselineSummary } from './baseline.js';

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
 * One row of the checks table: an invariant computed from the stores after the run, a threshold
 * (--threshold) held against what the run measured, or a figure held to its baseline (--max-regression).
 */
export interface CheckResult {
  /**
   * `threshold` for a --threshold (named by its expression), `regression` for a --max-regression
   * limit (named `purchase.p99 vs baseline`); absent for an invariant check.
   */
  kind?: 'invariant' | 'threshold' | 'regression';
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
  /** What data it read, each with its store: `records (MySQL)`, `stock (Redis)`, `the answers`. */
  reads?: string[];
}

export type InfraKind = 'real' | 'memory';

/** What one store holds of a run, each item as a person would look it up there. */
export interface StoredData {
  store: string;
  holds: string[];
}

/** A run against someone's own service (--target): what it was, and how its replies were read. */
export interface TargetInfo {
  name: string;
  baseUrl: string;
  /** The target file, as given. */
  file: string;
  /** The outcome rules in order (first match wins): a reply matching `when` is `is`; `count` replies did. */
  rules: { operation: 'purchase' | 'cancel'; when: string; is: string; count: number }[];
  /** Why answers were unknown (no rule matched a status, no answer at all), most frequent first. */
  unknown: { why: string; count: number }[];
  /** Writing behind (the file has `drain`): each wait for the records after a phase, in order. */
  drains?: TargetDrain[];
}

/** One drain: reading the records until they account for every acknowledged purchase, or stop changing. */
export interface TargetDrain {
  /** `caught-up`: the records account for every acknowledged purchase; `settled`: they stopped changing for settleMs first; `timed-out`: neither within timeoutMs. */
  ended: 'caught-up' | 'settled' | 'timed-out';
  ms: number;
  /** Purchases acknowledged (less cancels acknowledged) when it ended, and the records then. */
  acknowledged: number;
  records: number;
  /** Records over the time since the drain began. */
  curve: { atMs: number; rows: number }[];
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
  /** A run against someone's own service (--target): the service and its outcome rules. */
  target?: TargetInfo;
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
  /** This run beside a previous one (--baseline); absent when none was given. */
  baseline?: BaselineSummary;
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
