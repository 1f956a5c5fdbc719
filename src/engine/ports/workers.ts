// The write-behind workers a run (or a server) starts on the event log: where and how many, who
// starts them, how the run kills, replaces and stops them, and the figures they report.
import type { Infrastructure } from './infrastructure.js';
import type { LedgerTable } from './ledger.js';

/** What write-behind workers did (one worker's, or summed over a run's). */
export interface WorkerFigures {
  /** Records handed to the workers (a redelivered record counts again). */
  delivered: number;
  /** Purchase events that became rows, and those the UNIQUE key skipped as already there. */
  inserted: number;
  skipped: number;
  /** Cancel events that deleted a row, and those that found none. */
  deleted: number;
  absent: number;
  /** Malformed records sent to the dead-letter topic. */
  deadLettered: number;
  /** SQL statements and offset commits made. */
  statements: number;
  commits: number;
}

/** A service a worker said is away and has not said is back: where, the error, since when (ms, performance.now()). */
export interface WorkerWait {
  service: 'mysql' | 'kafka';
  address: string;
  error: string;
  sinceMs: number;
}

/** A service a worker said was away, and how long until it said it was back (undefined: not said). */
export interface WorkerOutage extends WorkerWait {
  awayMs?: number;
}

/** Where and how many write-behind workers to start, in one consumer group. */
export interface FleetSpec {
  count: number;
  topic: string;
  group: string;
  dlqTopic: string;
  /** Most records a worker writes and commits at once. */
  batchSize: number;
  /** Chunks of purchases a worker writes at once (1: one chunk at a time, committed before the next). */
  writesInFlight: number;
  /** The table the workers write instead of purchases (the planted non-idempotent worker). */
  table?: LedgerTable;
}

/**
 * The workers of one run (worker processes, or the same code in process), started and stopped by
 * the run: their figures, summed over the workers as last reported.
 */
export interface WorkerFleet {
  readonly count: number;
  stats(): WorkerFigures;
  /**
   * kill-worker: kills one worker abruptly (round robin; a process gets SIGKILL, an in-process
   * worker is dropped mid-batch without committing) and starts a replacement in the same group.
   * Resolves once the killed worker is gone, naming it (e.g. `pid 4242`), with `replaced`, which
   * resolves once the replacement joined the group. The two are apart because joining waits for
   * every live member to rejoin, and one may be busy in a write that only ends later. The killed
   * worker's last reported figures stay in the totals.
   */
  kill(): Promise<{ killed: string; replaced: Promise<void> }>;
  /** Stops every live worker (each finishes its batch, commits, leaves the group); resolves with the totals. */
  stop(): Promise<WorkerFigures>;
  /** The services the live workers are waiting for now (one each, the longest wait), [] when none. */
  waitingFor(): WorkerWait[];
  /** Every outage a worker of the fleet said, in the order they began ([] in process: no worker waits there). */
  outages(): WorkerOutage[];
}

/**
 * Starts write-behind workers for an opened infrastructure: worker processes on the real services,
 * the same code in process otherwise. The CLI wires the worker module in (the engine, the targets
 * and the server may not import it).
 */
export interface WorkerLauncher {
  start(infra: Infrastructure, spec: FleetSpec): Promise<WorkerFleet>;
}
