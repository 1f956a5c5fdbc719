// The write-behind path of a run: its topic and workers, the drain, the lag from acknowledgement
// to row.
import type { WorkerFigures } from '../engine/ports.js';
import type { LatencySummary } from './latency.js';


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
  /**
   * Services a worker said were away during the run: where, the error, when (ms after the first
   * release) and for how long (null: it never said it was back). [] when none was.
   */
  outages: BehindOutage[];
}

/** One service away, as a worker said it. */
export interface BehindOutage {
  service: 'mysql' | 'kafka';
  address: string;
  error: string;
  atMs: number;
  awayMs: number | null;
}
