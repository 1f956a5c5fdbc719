// Every default ticketsim uses, declared once (the workload options' own in their table,
// workload-options.ts). Flags and env vars override these (see config.ts).
import type { StrategyName } from './strategies.js';

/** Scenarios the CLI knows; only those the scenario catalogue implements can run today. */
export const SCENARIOS = ['oversell', 'spam', 'cancel-storm', 'write-behind'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/**
 * The operations each scenario times, as its latency map names them (what a --threshold such as
 * `cancel.p99<50ms` may bound). runner/scenario-operations.test.ts runs each one and holds it to this.
 */
export const SCENARIO_OPERATIONS: Readonly<Record<ScenarioName, readonly string[]>> = Object.freeze({
  oversell: ['purchase'],
  spam: ['purchase'],
  'cancel-storm': ['sell-out', 'cancel', 'purchase'],
  'write-behind': ['purchase'],
});

/** Where the services come from: real ones, in-process ones, or real when reachable. */
export const INFRA_MODES = ['auto', 'memory', 'real'] as const;
export type InfraMode = (typeof INFRA_MODES)[number];

export const DEFAULTS = Object.freeze({
  redisUrl: 'redis://127.0.0.1:6379',
  mysqlUrl: 'mysql://root@127.0.0.1:3306/ticketsim',
  kafkaBrokers: '127.0.0.1:9092',
  scenario: 'oversell' as ScenarioName,
  strategy: 'lua' as StrategyName,
  infra: 'auto' as InfraMode,
  /**
   * Most attempts the generator holds in flight at once on the real services. A burst beyond it
   * starts the rest as slots free (counted as late starts, latency still from the release); a rate
   * beyond it drops arrivals. It bounds the harness's memory: a million attempts at once would
   * otherwise hold a million promise chains (~4 GB measured).
   */
  maxInFlight: 5_000,
  /**
   * The same on the in-process infrastructure, whose one simulated Redis serves commands one at a
   * time anyway: deeper windows only cost memory and garbage collection (a million attempts:
   * 1,000 in flight 5.7 s / 128 MB, 20,000 in flight 15 s / 364 MB, measured).
   */
  maxInFlightInProcess: 1_000,
  /** How long a service may take to answer before it counts as unreachable. */
  connectTimeoutMs: 1500,
});

/**
 * How long a strategy's lock on a sale lives, ms. The critical section is a few round trips
 * (~1–5 ms); the TTL only matters when a holder stalls (the pause-holder fault stalls past it).
 */
export const LOCK_TTL_MS = 2000;

/** Upper bounds that keep a run bounded in count and time. */
export const LIMITS = Object.freeze({
  /** Ten million: what a run in process holds in flat memory (one byte a buyer, see README). */
  maxUsers: 10_000_000,
  /** Buyers and re-buyers of cancel-storm, whose waiting line holds them all at once. */
  maxStormBuyers: 1_000_000,
  /** Attempts of one run (users × requests per user). */
  maxAttempts: 10_000_000,
  maxSlowSqlMs: 3_600_000,
  maxCancelDupes: 100,
  maxRate: 1_000_000,
  maxDurationSeconds: 3600,
  maxInFlight: 1_000_000,
  maxStock: 10_000_000,
  maxPoolSize: 10_000,
  /** Rows of one grouped INSERT: 10,000 short rows stay far below MySQL's max_allowed_packet. */
  maxInsertGroup: 10_000,
  maxConcurrency: 100_000,
});

/** Environment variables read by ticketsim. */
export const ENV = Object.freeze({
  redisUrl: 'TICKETSIM_REDIS_URL',
  mysqlUrl: 'TICKETSIM_MYSQL_URL',
  kafkaBrokers: 'TICKETSIM_KAFKA_BROKERS',
  allowRemote: 'TICKETSIM_ALLOW_REMOTE',
  metricsPort: 'TICKETSIM_METRICS_PORT',
});
