// Opens the ports a run uses: the real services, or the in-process ones. `auto` takes the real
// services when each one the scenario needs accepts a connection within about a second, and says
// why it chose what it chose.
import type { ServicesConfig } from '../config/config.js';
import type { InfraMode } from '../config/defaults.js';
import { formatEndpoint } from '../config/endpoints.js';
import type { Endpoint } from '../config/endpoints.js';
import { connectRedis, redisVersion } from './redis/connect.js';
import { createRedisInventory } from './redis/inventory.js';
import { createRedlockLocks } from './redis/locks.js';
import { connectMysql } from './mysql/connect.js';
import { createMysqlLedger } from './mysql/ledger.js';
import { createMemoryInfrastructure } from './memory/index.js';
import { createRealClock } from './real-clock.js';
import { acceptsConnection } from './tcp-probe.js';
import { connectKafkaLog } from './kafka/log.js';
import { describeBroker, fetchApiVersions } from './kafka/api-versions.js';
import { attributeErrors } from './attribute-errors.js';
import type { EngineObserver, EventLog, Infrastructure } from './ports.js';

export type ServiceName = 'redis' | 'mysql' | 'kafka';

export interface OpenOptions {
  mode: InfraMode;
  services: ServicesConfig;
  needs: readonly ServiceName[];
  poolSize: number;
  seed: number;
  /** Hears about lock acquisitions and SQL statements (the run's measurements). */
  observer?: EngineObserver;
  /** The server counts statements slower than this (session long_query_time), for the sql section. */
  slowSqlMs?: number;
}

/** Opened infrastructure and the one-line reason it was chosen. */
export interface OpenedInfrastructure {
  infra: Infrastructure;
  reason: string;
}

/** How long auto mode waits for a service before choosing the in-process infrastructure. */
const AUTO_PROBE_MS = 1000;

/** Opens real or in-process infrastructure; real-mode connection failures throw InfrastructureError. */
export async function openInfrastructure(options: OpenOptions): Promise<OpenedInfrastructure> {
  const inProcess = () =>
    createMemoryInfrastructure({
      seed: options.seed,
      poolSize: options.poolSize,
      observer: options.observer,
      slowSqlMs: options.slowSqlMs,
      withLog: options.needs.includes('kafka'),
    });
  if (options.mode === 'memory') return { infra: inProcess(), reason: '--infra memory' };
  if (options.mode === 'auto') {
    const missing = await firstUnreachable(options.needs.map((name) => [name, endpointOf(options.services, name)] as const));
    if (missing !== undefined) return { infra: inProcess(), reason: `auto: ${missing} unreachable; --infra real requires the real services` };
  }
  const infra = await openReal(options);
  const reason = options.mode === 'auto' ? `auto: ${options.needs.join(', ').replace(/, (\w+)$/, ' and $1')} answered` : '--infra real';
  return { infra, reason };
}

async function openReal({ services, poolSize, observer, slowSqlMs, needs }: OpenOptions): Promise<Infrastructure> {
  const timeout = { connectTimeoutMs: services.connectTimeoutMs };
  const clock = createRealClock();
  const redis = await connectRedis({ ...services.redis, ...timeout });
  let pool;
  let log: EventLog | undefined;
  let kafkaVersion: string | undefined;
  try {
    pool = await connectMysql({ ...services.mysql, ...timeout }, poolSize, { sessionLongQueryMs: slowSqlMs });
    if (needs.includes('kafka')) {
      log = await connectKafkaLog({ ...services.kafka, ...timeout }, clock);
      kafkaVersion = describeBroker(await fetchApiVersions(services.kafka.brokers[0]!, services.connectTimeoutMs));
    }
  } catch (error) {
    redis.disconnect();
    await pool?.end().catch(() => undefined);
    await log?.close();
    throw error;
  }
  const redisServerVersion = await redisVersion(redis);
  const [rows] = await pool.query('SELECT VERSION() AS version');
  const mysqlVersion = String((rows as { version: string }[])[0]?.version);
  const ledger = createMysqlLedger(pool, { clock, observer, poolSize, sessionLongQueryMs: slowSqlMs });
  return {
    kind: 'real',
    inventory: attributeErrors(createRedisInventory(redis), 'redis', formatEndpoint(services.redis.endpoint)),
    locks: attributeErrors(createRedlockLocks(redis, { observer }), 'redis', formatEndpoint(services.redis.endpoint)),
    ledger: attributeErrors(ledger, 'mysql', formatEndpoint(services.mysql.endpoint)),
    clock,
    ...(log === undefined ? {} : { log }),
    versions: { redis: redisServerVersion, mysql: mysqlVersion, ...(kafkaVersion === undefined ? {} : { kafka: kafkaVersion }) },
    close: async () => {
      await log?.close();
      redis.disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/** Where a service is: Redis and MySQL from their URLs, Kafka by its first broker. */
export function endpointOf(services: ServicesConfig, name: ServiceName): Endpoint {
  if (name === 'redis') return services.redis.endpoint;
  if (name === 'mysql') return services.mysql.endpoint;
  return services.kafka.brokers[0]!;
}

/** "redis at 127.0.0.1:6379" for the first service that refuses or ignores a TCP connect. */
async function firstUnreachable(targets: readonly (readonly [ServiceName, Endpoint])[]): Promise<string | undefined> {
  const answers = await Promise.all(targets.map(([, endpoint]) => acceptsConnection(endpoint, AUTO_PROBE_MS)));
  const index = answers.indexOf(false);
  return index === -1 ? undefined : `${targets[index]![0]} at ${formatEndpoint(targets[index]![1])}`;
}
