// Where the time of a run's SQL went: per statement kind, pool wait and execution, the slow ones.
import type { LatencySummary } from './latency.js';

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
