// What a run counted and how it generated its load: outcomes, guards, phases, per-second series,
// error causes, the generator's own cost, and the faults it injected.
import type { LatencySummary } from './latency.js';

/** Outcome and error counts. Outcomes (sold out, duplicate, …) are never errors. */
export interface RunCounts {
  /** Operations made (purchases and cancels, each retry included). */
  attempts: number;
  purchased: number;
  soldOut: number;
  duplicate: number;
  lockTimeout: number;
  /** Refused by the system under test without effect (rate-limited, overloaded): a target's answer. */
  rejected: number;
  /**
   * No answer that says what happened (a timeout, a broken connection, a reply no outcome rule
   * knows): it may or may not have taken effect. A target's answer; the engine's errors are errors.
   */
  unknown: number;
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

/** One phase of a run (a burst behind its own barrier) as it went. */
export interface PhaseResult {
  name: string;
  /** Attempts it released (an attempt may make several operations). */
  attempts: number;
  /** From its barrier release to its last reply. */
  durationMs: number;
  counts: RunCounts;
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
