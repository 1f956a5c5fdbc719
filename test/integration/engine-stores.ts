// The engine's real adapters over the real stores, for the integration tests that drive strategies
// directly (no CLI): Redis inventory and Redlock locks, the MySQL ledger and its sync writer, and
// sale ids of the describe block's own whose keys, rows and fence rows are removed after each test.
import type { Redis } from 'ioredis';
import type { Pool } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { connectMysql } from '../../src/engine/mysql/connect.js';
import { createMysqlLedger } from '../../src/engine/mysql/ledger.js';
import { PURCHASES_TABLE, SALE_FENCES_TABLE } from '../../src/engine/mysql/tables.js';
import { connectRedis } from '../../src/engine/redis/connect.js';
import { createRedisInventory } from '../../src/engine/redis/inventory.js';
import { saleKeyList } from '../../src/engine/redis/keys.js';
import { createRedlockLocks } from '../../src/engine/redis/locks.js';
import { createRealClock } from '../../src/engine/real-clock.js';
import { createSyncWriter } from '../../src/engine/strategies/index.js';
import type { Ledger, StrategyDeps } from '../../src/engine/ports.js';
import { ownedId } from './owned-names.js';
import { servicesConfig } from './services.js';

/** Pool size of the ledger under test. */
const POOL_SIZE = 10;

/** The real stores of a describe block, connected before its tests. */
export interface RealEngine {
  readonly redis: Redis;
  readonly pool: Pool;
  readonly deps: StrategyDeps & { ledger: Ledger };
  /** A fresh sale id `<prefix>-<owned id>`, cleaned up after the test. */
  newSale(): string;
}

/**
 * Connects before the block's tests, cleans each test's sales after it, closes after all. Call
 * inside describe(). `groupRows`: the ledger's INSERT groups (absent: one INSERT per purchase).
 */
export function realEngine(prefix: string, { groupRows }: { groupRows?: number } = {}): RealEngine {
  const timeout = { connectTimeoutMs: servicesConfig.connectTimeoutMs };
  let redis: Redis | undefined;
  let pool: Pool | undefined;
  let deps: RealEngine['deps'] | undefined;
  const sales: string[] = [];
  beforeAll(async () => {
    redis = await connectRedis({ ...servicesConfig.redis, ...timeout });
    pool = await connectMysql({ ...servicesConfig.mysql, ...timeout }, POOL_SIZE);
    const clock = createRealClock();
    const ledger = createMysqlLedger(pool, { clock, poolSize: POOL_SIZE, groupRows });
    deps = { inventory: createRedisInventory(redis), ledger, writer: createSyncWriter(ledger), locks: createRedlockLocks(redis), clock };
  });
  afterEach(async () => {
    for (const sale of sales.splice(0)) {
      await redis!.del(...saleKeyList(sale));
      await pool!.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]);
      await pool!.query(`DELETE FROM ${SALE_FENCES_TABLE} WHERE ticket_name = ?`, [sale]);
    }
  });
  afterAll(async () => {
    redis?.disconnect();
    await pool?.end();
  });
  return {
    get redis() {
      return redis!;
    },
    get pool() {
      return pool!;
    },
    get deps() {
      return deps!;
    },
    newSale() {
      const sale = `${prefix}-${ownedId()}`;
      sales.push(sale);
      return sale;
    },
  };
}
