// Every default ticketsim uses, declared once. Flags and env vars override these (see config.ts).

/** Scenarios the CLI knows; only those in IMPLEMENTED_SCENARIOS can run today. */
export const SCENARIOS = ['oversell', 'spam', 'cancel-storm', 'write-behind'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Concurrency-control strategies of the engine (DESIGN.md §2). */
export const STRATEGIES = ['naive', 'lock', 'lua'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

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
  users: 1000,
  stock: 100,
  poolSize: 10,
  seed: 1,
  /** How long a service may take to answer before it counts as unreachable. */
  connectTimeoutMs: 1500,
});

/** Upper bounds that keep a run bounded in count and time. */
export const LIMITS = Object.freeze({
  maxUsers: 1_000_000,
  maxStock: 10_000_000,
  maxPoolSize: 10_000,
  maxConcurrency: 100_000,
});

/** Environment variables read by ticketsim. */
export const ENV = Object.freeze({
  redisUrl: 'TICKETSIM_REDIS_URL',
  mysqlUrl: 'TICKETSIM_MYSQL_URL',
  kafkaBrokers: 'TICKETSIM_KAFKA_BROKERS',
  allowRemote: 'TICKETSIM_ALLOW_REMOTE',
});
