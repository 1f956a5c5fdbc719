// A run while it goes, as a renderer sees it: the snapshot it pulls and the run it can stop.
import type { LatencyOverview } from './latency.js';
import type { GuardCounts, RunCounts, SeriesPoint } from './measures.js';
import type { InfraKind, RunResult } from './run-result.js';
import type { SqlLive } from './sql.js';

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
  /** The target file of a run against someone's own service (--target); absent for the built-in engine. */
  target?: string;
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
  /**
   * Writing behind: events acknowledged, rows persisted, acknowledged events not yet seen as rows,
   * lag p99, and the services the workers are waiting for (`MySQL at 127.0.0.1:3306 (…)`), if any.
   */
  writeBehind: { acknowledged: number; persisted: number; behind: number; lagP99Us: number; waitingFor?: string } | undefined;
  /** Faults of the run: how often each fired so far, and the latest firing. */
  faults: { name: string; fired: number; last: string | undefined }[] | undefined;
  /** The baseline's figures the dashboard shows beside the live ones (--baseline); absent without one. */
  baseline?: LiveBaseline;
}

/** A baseline run's p99 of the primary operation and its throughput, beside the live ones. */
export interface LiveBaseline {
  runId: string;
  /** The operation the dashboard leads with (`purchase`), and its p99 in the baseline, µs (undefined: it has none). */
  operation: string;
  p99Us: number | undefined;
  /** Operations per second. */
  throughput: number;
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

/**
 * Hears a run while it goes, one call per event (a metrics exporter): each operation answered
 * (`outcome`: its kind, or `error`) with its latency timed from when it was due, each lock
 * acquisition and each SQL statement of the engine. Hooks are synchronous and must not throw.
 */
export interface RunListener {
  operationEnded?(operation: string, outcome: string, latencyUs: number): void;
  lockAcquisition?(granted: boolean, tries: number): void;
  statement?(timing: { kind: string; waitUs: number; execUs: number; ok: boolean }): void;
}
