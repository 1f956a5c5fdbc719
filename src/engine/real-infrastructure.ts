// The real infrastructure: Redis (inventory, Redlock locks), a MySQL pool (the ledger), a watch
// over new rows from a thread of its own (mysql/row-feed.ts) and, when the run writes behind, the
// Kafka log; each adapter's errors attributed to its service. Loaded only when a run uses the real
// services, so an in-process run never loads the drivers. A run that plants the non-idempotent
// worker gets a table of its own, created here and dropped on close.
import { formatEndpoint } from '../config/endpoints.js';
import { InfrastructureError, describeError } from '../errors.js';
import { connectRedis, redisVersion } from './redis/connect.js';
import { createRedisInventory } from './redis/inventory.js';
import { createRedlockLocks } from './redis/locks.js';
import { connectMysql } from './mysql/connect.js';
import { createMysqlLedger } from './mysql/ledger.js';
import { PURCHASES, createPlainTableSql, dropPlainTableSql } from './mysql/tables.js';
import { mysqlRowFeed } from './mysql/row-feed.js';
import { createRealClock } from './real-clock.js';
import { connectKafkaLog } from './kafka/log.js';
import { describeBroker, fetchApiVersions } from './kafka/api-versions.js';
import { attributeErrors } from './attribute-errors.js';
import type { OpenOptions } from './open-options.js';
import type { EventLog, Infrastructure } from './ports.js';

/** Connects to every service the run needs; connection failures throw InfrastructureError. */
export async function openReal({ services, poolSize, insertGroup, observer, slowSqlMs, needs, table }: OpenOptions): Promise<Infrastructure> {
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
  const mysqlAddress = formatEndpoint(services.mysql.endpoint);
  const closeAll = async () => {
    await log?.close();
    redis.disconnect();
    await pool.end().catch(() => undefined);
  };
  if (table !== undefined) {
    await pool.query(createPlainTableSql(table)).catch(async (error: unknown) => {
      await closeAll();
      throw new InfrastructureError('mysql', mysqlAddress, `cannot create the run's table ${table.name} (${describeError(error)})`, { cause: error, retriable: false });
    });
  }
  const ledger = createMysqlLedger(pool, { clock, observer, poolSize, groupRows: insertGroup, sessionLongQueryMs: slowSqlMs, table });
  return {
    kind: 'real',
    inventory: attributeErrors(createRedisInventory(redis), 'redis', formatEndpoint(services.redis.endpoint)),
    locks: attributeErrors(createRedlockLocks(redis, { observer }), 'redis', formatEndpoint(services.redis.endpoint)),
    ledger: attributeErrors(ledger, 'mysql', mysqlAddress),
    rowFeed: mysqlRowFeed({ ...services.mysql, ...timeout }, (table ?? PURCHASES).name),
    clock,
    ...(log === undefined ? {} : { log }),
    versions: { redis: redisServerVersion, mysql: mysqlVersion, ...(kafkaVersion === undefined ? {} : { kafka: kafkaVersion }) },
    close: async () => {
      if (table !== undefined) await pool.query(dropPlainTableSql(table)).catch(() => undefined);
      await closeAll();
    },
  };
}
