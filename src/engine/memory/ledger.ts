// The in-process Ledger: the purchases table with UNIQUE(user_id, ticket_name) (or, for the planted
// non-idempotent worker, a table without it, where every insert adds a row), reached through a
// pool that behaves like mysql2's (bounded, FIFO queue, connections opened on demand and kept), and
// a server that refuses connections beyond max_connections with ER_CON_COUNT_ERROR, as MySQL does.
import { InfrastructureError, UsageError, describeError } from '../../errors.js';
import type { Clock, EngineObserver, Ledger, LedgerWrite, PurchaseRow, SaleId, StatementKind, UserId } from '../ports.js';
import { createSerialQueue, createServiceTimes } from './latency.js';
import type { Random } from './random.js';
import { createPurchaseRows } from './purchase-rows.js';
import { timeStatement } from '../statement-timing.js';
import { createFifo } from './fifo.js';
import type { Checkout } from '../statement-timing.js';

/** Dependencies and settings of {@link createMemoryLedger}. */
export interface MemoryLedgerOptions {
  clock: Clock;
  random: Random;
  /** Most connections the pool opens (mysql2 `connectionLimit`); further queries queue. */
  poolSize: number;
  /** The simulated server's `max_connections` (default 151, MariaDB's and MySQL's default). */
  maxConnections?: number;
  /** Told about every statement (pool wait and execution, in virtual µs). */
  observer?: EngineObserver;
  /** The simulated server counts statements whose server time exceeds this (its long_query_time). */
  slowThresholdMs?: number;
  /**
   * true (default): UNIQUE(user_id, ticket_name), a repeat insert is skipped. false: the planted
   * table without the key: a user's rows are a multiset, every insert adds one.
   */
  idempotent?: boolean;
}

/** What the pool and server went through, for tests and diagnostics. */
export interface LedgerStats {
  /** Queries holding a pool connection now, and the most at any one time. */
  inFlight: number;
  maxInFlight: number;
  /** Connections open on the server (pool connections that connected). */
  connections: number;
  /** Connection attempts the server refused with ER_CON_COUNT_ERROR. */
  refusedConnections: number;
}

/** An in-process Ledger with its statistics. */
export interface MemoryLedger extends Ledger {
  stats(): LedgerStats;
  /**
   * The same table and pool, with statements not reported to the observer: for in-process workers,
   * whose SQL (like a real worker process's) is not the run's own.
   */
  unobserved(): Ledger;
}

/** The address the in-process services report in errors. */
const ADDRESS = 'in-process';

/**
 * Creates an in-process Ledger. `record` takes a pool connection (opening one if the pool is below
 * `poolSize`, else waiting), sends the INSERT, and at the instant it reaches the server either adds
 * the row or reports `duplicate`. A connection the server refuses fails that query with an
 * InfrastructureError whose `cause` is a mysql2-like Error (`code` 'ER_CON_COUNT_ERROR',
 * 'Too many connections').
 */
export function createMemoryLedger(options: MemoryLedgerOptions): MemoryLedger {
  const { clock, poolSize, maxConnections = 151, idempotent = true } = options;
  if (!Number.isSafeInteger(poolSize) || poolSize < 1) throw new UsageError(`ledger: pool size must be a whole number ≥ 1, not ${poolSize}`);
  if (!Number.isSafeInteger(maxConnections) || maxConnections < 1) {
    throw new UsageError(`ledger: max_connections must be a whole number ≥ 1, not ${maxConnections}`);
  }
  const times = createServiceTimes(options.random);
  const commits = createSerialQueue(clock);
  /** The table's rows: per sale, each buyer's row id (and, without the UNIQUE key, their further rows). */
  const purchaseRows = createPurchaseRows();
  const { tables, tableOf, insertRow } = purchaseRows;
  /** fenced: per sale, the newest fencing token a guarded write has carried (the sale_fences row). */
  const fences = new Map<SaleId, number>();
  /** Raises the sale's fence to `token` (never lowers it); true while `token` is the newest. */
  const admitFence = (sale: SaleId, token: number): boolean => {
    const newest = Math.max(fences.get(sale) ?? 0, token);
    fences.set(sale, newest);
    return newest === token;
  };
  const waiters = createFifo<(handedOver: boolean) => void>();
  const stats: LedgerStats = { inFlight: 0, maxInFlight: 0, connections: 0, refusedConnections: 0 };
  let idle = 0;
  let poolConnections = 0;
  const server = { writes: 0, slow: 0 };

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

  /**
   * Runs one query on a pool connection, counting it in flight from checkout to release, and tells
   * the observer how long it waited for the connection and how long it ran.
   */
  const checkout: Checkout<void> = {
    take: async () => {
      await acquire();
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    },
    give: () => {
      stats.inFlight--;
      release();
    },
  };
  const query = <T>(observer: EngineObserver | undefined, kind: StatementKind, run: () => Promise<T>): Promise<T> =>
    timeStatement(clock, observer, kind, checkout, run);

  /** The simulated server's own bookkeeping of a write that took `serverMs` on the server. */
  const countServerWrite = (serverMs: number): void => {
    server.writes++;
    if (options.slowThresholdMs !== undefined && serverMs > options.slowThresholdMs) server.slow++;
  };

  /**
   * The ledger's statements, reported to `observer` and counted by the simulated server's session
   * counters when `own` (the run's pool; a worker's statements run on sessions of its own).
   */
  const statements = (observer: EngineObserver | undefined, own: boolean): Omit<Ledger, 'serverStats'> => {
    const countWrite = (serverMs: number) => own && countServerWrite(serverMs);
    return {
      record(sale, user) {
        return query(observer, 'insert', async (): Promise<LedgerWrite> => {
          await clock.sleep(times.mysqlOneWay());
          const table = tableOf(sale);
          const duplicate = idempotent && table.has(user);
          if (!duplicate) insertRow(sale, table, user);
          const commit = duplicate ? 0 : commits.occupy(times.mysqlCommit());
          const serverMs = times.mysqlInsert() + commit;
          countWrite(serverMs);
          await clock.sleep(serverMs + times.mysqlOneWay());
          return duplicate ? 'duplicate' : 'inserted';
        });
      },

      remove(sale, user) {
        return query(observer, 'delete', async (): Promise<boolean> => {
          await clock.sleep(times.mysqlOneWay());
          const deleted = tables.get(sale)?.delete(user) ?? false;
          const serverMs = times.mysqlInsert() + (deleted ? commits.occupy(times.mysqlCommit()) : 0);
          countWrite(serverMs);
          await clock.sleep(serverMs + times.mysqlOneWay());
          return deleted;
        });
      },

      // The fenced writes: the real ledger's two statements (raise the fence, then write only while
      // it still holds this token) decided at one server instant, with the same answers.
      recordFenced(sale, user, token) {
        return query(observer, 'insert', async (): Promise<LedgerWrite | 'stale'> => {
          await clock.sleep(times.mysqlOneWay());
          const table = tableOf(sale);
          const write = !admitFence(sale, token) ? 'stale' : table.has(user) ? 'duplicate' : 'inserted';
          if (write === 'inserted') insertRow(sale, table, user);
          const serverMs = times.mysqlInsert() + (write === 'inserted' ? commits.occupy(times.mysqlCommit()) : 0);
          countWrite(serverMs);
          await clock.sleep(serverMs + times.mysqlOneWay());
          return write;
        });
      },

      removeFenced(sale, user, token) {
        return query(observer, 'delete', async (): Promise<boolean | 'stale'> => {
          await clock.sleep(times.mysqlOneWay());
          const removed = admitFence(sale, token) ? (tables.get(sale)?.delete(user) ?? false) : 'stale';
          const serverMs = times.mysqlInsert() + (removed === true ? commits.occupy(times.mysqlCommit()) : 0);
          countWrite(serverMs);
          await clock.sleep(serverMs + times.mysqlOneWay());
          return removed;
        });
      },

      recordMany(sale, users) {
        return query(observer, 'insert-many', async () => {
          await clock.sleep(times.mysqlOneWay());
          const table = tableOf(sale);
          let inserted = 0;
          for (const user of users) {
            if (idempotent && table.has(user)) continue;
            insertRow(sale, table, user);
            inserted++;
          }
          const commit = inserted > 0 ? commits.occupy(times.mysqlCommit()) : 0;
          const serverMs = times.mysqlInsert() + users.length * times.mysqlRowInBatch() + commit;
          countWrite(serverMs);
          await clock.sleep(serverMs + times.mysqlOneWay());
          return { inserted, skipped: users.length - inserted };
        });
      },

      removeMany(sale, users) {
        return query(observer, 'delete-many', async () => {
          await clock.sleep(times.mysqlOneWay());
          const table = tables.get(sale);
          let deleted = 0;
          for (const user of users) if (table?.delete(user)) deleted++;
          const commit = deleted > 0 ? commits.occupy(times.mysqlCommit()) : 0;
          const serverMs = times.mysqlInsert() + users.length * times.mysqlRowInBatch() + commit;
          countWrite(serverMs);
          await clock.sleep(serverMs + times.mysqlOneWay());
          return { deleted, absent: users.length - deleted };
        });
      },

      async rowsSince(sale, afterId) {
        // Untimed, like the real one: watching rows appear is measurement, not workload.
        await clock.sleep(times.mysqlOneWay() * 2 + times.mysqlSelect() / 4);
        return purchaseRows.since(sale, afterId);
      },

      async lastRowId() {
        return purchaseRows.lastRowId();
      },

      purchases(sale) {
        return query(observer, 'select', async (): Promise<PurchaseRow[]> => {
          await clock.sleep(times.mysqlOneWay());
          const rows = [...(tables.get(sale) ?? new Map<UserId, number>())]
            .map(([userId]) => ({ userId, rows: purchaseRows.countOf(sale, userId) }))
            .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
          await clock.sleep(times.mysqlSelect() + times.mysqlOneWay());
          return rows;
        });
      },
    };
  };

  return {
    ...statements(options.observer, true),
    unobserved: () => ({ ...statements(undefined, false), serverStats: async () => undefined }),

    async serverStats() {
      if (options.slowThresholdMs === undefined) return undefined;
      return {
        source: 'the in-process server\'s own count (server time = execution without pool wait or network)',
        writes: server.writes,
        slow: server.slow,
        thresholdMs: options.slowThresholdMs,
        sessions: stats.connections,
      };
    },

    stats: () => ({ ...stats }),
  };
}
