// `ticketsim worker` flags → a validated WorkerConfig (every problem at once, exit 2), with the
// same service settings every command uses.
import { buildConfig } from './config.js';
import type { RawFlags, ServicesConfig } from './config.js';
import { UsageError } from '../errors.js';
import { integer } from './whole-number.js';
import { WORKLOAD_OPTIONS } from './workload-options.js';

/** Defaults of the worker command. */
export const WORKER_DEFAULTS = Object.freeze({
  topic: 'ticketsim.purchases',
  group: 'ticketsim-worker',
  batchSize: 500,
  /** As a run's workers (see workload-options.ts). */
  writesInFlight: WORKLOAD_OPTIONS.writesInFlight.default,
  /** MySQL connections: at least one a write in flight. */
  poolSize: 4,
  /** Seconds between progress lines. */
  logEverySeconds: 2,
});

/** What one worker process does. */
export interface WorkerConfig {
  services: ServicesConfig;
  topic: string;
  group: string;
  dlqTopic: string;
  batchSize: number;
  /** Chunks of purchases written at once, each on its own connection (1: one at a time, committed before the next). */
  writesInFlight: number;
  poolSize: number;
  json: boolean;
  logEverySeconds: number;
  /**
   * Hidden, for the selftest's planted non-idempotent worker: the table written instead of the
   * seed's purchases, and whether its insert skips rows already there (false: a plain INSERT).
   */
  table?: { name: string; idempotent: boolean };
  /**
   * Hidden, for workers a run starts: stop (as on SIGTERM) once standard input closes, which it
   * does when the run that holds its other end is gone, however it ended.
   */
  stopWithParent: boolean;
}

/** The worker's flags as the CLI parsed them. */
export interface WorkerFlags extends Pick<RawFlags, 'redisUrl' | 'mysqlUrl' | 'kafkaBrokers'> {
  topic?: string;
  group?: string;
  dlqTopic?: string;
  batchSize?: number;
  writesInFlight?: number;
  poolSize?: number;
  json?: boolean;
  logEvery?: number;
  /** Hidden: --table NAME and --plain-insert (see WorkerConfig.table). */
  table?: string;
  plainInsert?: boolean;
  /** Hidden: --stop-with-parent (see WorkerConfig.stopWithParent). */
  stopWithParent?: boolean;
}

/** A MySQL table name ticketsim may write: letters, digits and `_`, at most 64. */
const TABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** Kafka's own rule for topic names: letters, digits, `.`, `_`, `-`, at most 249 characters. */
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** Builds the worker's config or throws a UsageError listing every problem. */
export function loadWorkerConfig(flags: WorkerFlags, env: Readonly<Record<string, string | undefined>> = process.env): WorkerConfig {
  const { config, problems } = buildConfig({ redisUrl: flags.redisUrl, mysqlUrl: flags.mysqlUrl, kafkaBrokers: flags.kafkaBrokers }, env);
  const topic = flags.topic ?? WORKER_DEFAULTS.topic;
  const group = flags.group ?? WORKER_DEFAULTS.group;
  const dlqTopic = flags.dlqTopic ?? `${topic}.dlq`;
  for (const [label, name] of [['--topic', topic], ['--dlq-topic', dlqTopic]] as const) {
    if (!TOPIC_NAME.test(name)) problems.push(`${label} "${name}" is not a Kafka topic name (letters, digits, . _ -, at most 249)`);
  }
  if (dlqTopic === topic) problems.push('--dlq-topic must differ from --topic');
  if (group.trim() === '') problems.push('--group must not be empty');
  const whole = (value: number, label: string, min: number, max: number) => integer(value, label, min, max, problems);
  const batchSize = whole(flags.batchSize ?? WORKER_DEFAULTS.batchSize, '--batch-size', 1, 10_000);
  const { min, max } = WORKLOAD_OPTIONS.writesInFlight.kind;
  const writesInFlight = whole(flags.writesInFlight ?? WORKER_DEFAULTS.writesInFlight, '--writes-in-flight', min, max);
  const poolSize = whole(flags.poolSize ?? Math.max(WORKER_DEFAULTS.poolSize, writesInFlight), '--pool-size', 1, 100);
  if (poolSize < writesInFlight) problems.push(`--writes-in-flight ${writesInFlight} needs --pool-size ${writesInFlight} or more (one connection a write)`);
  const logEverySeconds = whole(flags.logEvery ?? WORKER_DEFAULTS.logEverySeconds, '--log-every', 1, 3600);
  if (flags.table !== undefined && !TABLE_NAME.test(flags.table)) problems.push(`--table "${flags.table}" is not a table name (letters, digits, _, at most 64)`);
  if (flags.plainInsert && flags.table === undefined) problems.push('--plain-insert needs --table: the purchases table is only ever written insert-or-skip');
  if (problems.length > 0 || config === undefined) throw new UsageError(problems);
  const table = flags.table === undefined ? {} : { table: { name: flags.table, idempotent: !flags.plainInsert } };
  const stopWithParent = flags.stopWithParent ?? false;
  return { services: config.services, topic, group, dlqTopic, batchSize, writesInFlight, poolSize, json: flags.json ?? false, logEverySeconds, stopWithParent, ...table };
}
