// The in-process MySQL connection pool, behaving like mysql2's: bounded, connections opened on
// demand and kept, queries beyond the bound waiting in a FIFO line; and the server end of its
// connections, which refuses one beyond max_connections with ER_CON_COUNT_ERROR, as MySQL does.
import { InfrastructureError, UsageError, describeError } from '../../errors.js';
import type { Clock } from '../ports.js';
import type { Checkout } from '../statement-timing.js';
import { createFifo } from './fifo.js';
import type { ServiceTimes } from './latency.js';

/** The address the in-process services report in errors. */
const ADDRESS = 'in-process';

/** Dependencies and settings of {@link createMemoryPool}. */
export interface MemoryPoolOptions {
  clock: Clock;
  times: ServiceTimes;
  /** Most connections the pool opens (mysql2 `connectionLimit`); further queries queue. */
  poolSize: number;
  /** The simulated server's `max_connections` (default 151, MariaDB's and MySQL's default). */
  maxConnections?: number;
}

/** What the pool and the server's connections went through, for tests and diagnostics. */
export interface PoolStats {
  /** Queries holding a pool connection now, and the most at any one time. */
  inFlight: number;
  maxInFlight: number;
  /** Connections open on the server (pool connections that connected). */
  connections: number;
  /** Connection attempts the server refused with ER_CON_COUNT_ERROR. */
  refusedConnections: number;
}

/** A pool a statement takes a connection from and gives it back to. */
export interface MemoryPool extends Checkout<void> {
  stats(): PoolStats;
}

/**
 * Creates the pool. `take` hands over an idle connection, else opens one while the pool is below
 * `poolSize`, else waits in line; a connection the server refuses fails that `take` with an
 * InfrastructureError whose `cause` is a mysql2-like Error (`code` 'ER_CON_COUNT_ERROR',
 * 'Too many connections'), and lets the next in line try anew.
 */
export function createMemoryPool(options: MemoryPoolOptions): MemoryPool {
  const { clock, times, poolSize, maxConnections = 151 } = options;
  if (!Number.isSafeInteger(poolSize) || poolSize < 1) throw new UsageError(`ledger: pool size must be a whole number ≥ 1, not ${poolSize}`);
  if (!Number.isSafeInteger(maxConnections) || maxConnections < 1) {
    throw new UsageError(`ledger: max_connections must be a whole number ≥ 1, not ${maxConnections}`);
  }
  const waiters = createFifo<(handedOver: boolean) => void>();
  const stats: PoolStats = { inFlight: 0, maxInFlight: 0, connections: 0, refusedConnections: 0 };
  let idle = 0;
  let poolConnections = 0;

  const refused = (): InfrastructureError => {
    const cause = Object.assign(new Error('Too many connections'), { code: 'ER_CON_COUNT_ERROR', errno: 1040, sqlState: '08004', fatal: true });
    return new InfrastructureError('mysql', ADDRESS, `cannot connect (${describeError(cause)})`, {
      cause,
      hint: `the pool (${poolSize}) may open more connections than the server allows (max_connections ${maxConnections}); lower --pool-size`,
    });
  };

  /** Opens a connection: the server counts it from the handshake on, or refuses it when full. */
  const connect = async (): Promise<void> => {
    await clock.sleep(times.mysqlOneWay());
    if (stats.connections >= maxConnections) {
      stats.refusedConnections++;
      await clock.sleep(times.mysqlOneWay());
      throw refused();
    }
    stats.connections++;
    await clock.sleep(times.mysqlConnect());
  };

  /** mysql2 getConnection: an idle connection, else a new one below the limit, else wait in line. */
  const acquire = (): Promise<void> => {
    if (idle > 0) {
      idle--;
      return Promise.resolve();
    }
    if (poolConnections < poolSize) {
      poolConnections++;
      return connect().catch((error: unknown) => {
        poolConnections--;
        waiters.shift()?.(false); // like mysql2: a removed connection lets the next waiter try anew
        throw error;
      });
    }
    return new Promise<void>((resolve, reject) => {
      waiters.push((handedOver) => (handedOver ? resolve() : acquire().then(resolve, reject)));
    });
  };

  const release = (): void => {
    const next = waiters.shift();
    if (next === undefined) idle++;
    else next(true);
  };

  return {
    take: async () => {
      await acquire();
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    },
    give: () => {
      stats.inFlight--;
      release();
    },
    stats: () => ({ ...stats }),
  };
}
