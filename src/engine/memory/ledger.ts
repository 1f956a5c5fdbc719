// The in-process Ledger: a statement goes through the pool (pool.ts), travels to the server, does
// what it does to the tables at one server instant (purchase-table.ts), takes the server's time
// (a changed row also queues for the server-wide commit) and travels back; the server counts it
// (server-counters.ts). Every duration is drawn from the seeded PRNG, so a seed fixes a run, and so
// does the order of the draws: a single-row INSERT draws its commit before its server time, a
// DELETE after it; keep each statement's order, or the same seed gives other results.
import type { Clock, EngineObserver, Ledger, LedgerWrite, StatementKind } from '../ports.js';
import { timeStatement } from '../statement-timing.js';
import { createInstantTimes, createSerialQueue, createServiceTimes } from './latency.js';
import { createMemoryPool } from './pool.js';
import type { PoolStats } from './pool.js';
import { createPurchaseTable } from './purchase-table.js';
import type { Random } from './random.js';
import { createServerCounters } from './server-counters.js';
import type { StepKind, StepSchedule } from './step-schedule.js';

/** A write to the tables: `effect` at the server, then `serverMs` of its answer (or a step of an explored run). */
type Write = <T>(step: StepKind, arg: string | number, effect: () => T, serverMs: (answer: T) => number) => Promise<T>;

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
  /** An explored run's steps: each statement's effect is a step of its actor, taking no time. */
  steps?: StepSchedule;
}

/** The statements as steps of an explored run. */
const STEP = {
  insert: { store: 'MySQL', label: 'INSERT purchase', reads: ['row'], writes: ['row'] },
  delete: { store: 'MySQL', label: 'DELETE purchase', reads: ['row'], writes: ['row'] },
  insertFenced: { store: 'MySQL', label: 'INSERT purchase (fenced)', reads: ['row', 'fence row'], writes: ['row', 'fence row'] },
  deleteFenced: { store: 'MySQL', label: 'DELETE purchase (fenced)', reads: ['row', 'fence row'], writes: ['row', 'fence row'] },
  insertMany: { store: 'MySQL', label: 'INSERT purchases', reads: ['row'], writes: ['row'] },
  deleteMany: { store: 'MySQL', label: 'DELETE purchases', reads: ['row'], writes: ['row'] },
} as const satisfies Record<string, StepKind>;

/** What the pool and server went through, for tests and diagnostics. */
export type LedgerStats = PoolStats;

/** An in-process Ledger with its statistics. */
export interface MemoryLedger extends Ledger {
  stats(): LedgerStats;
  /** Each sale's rows as `rows` → `{user-0, user-1 ×2}`, for an explored run's timeline. */
  view(): Record<string, string>;
  /**
   * The same table and pool, with statements not reported to the observer: for in-process workers,
   * whose SQL (like a real worker process's) is not the run's own.
   */
  unobserved(): Ledger;
}

/**
 * Creates an in-process Ledger. `record` takes a pool connection (opening one if the pool is below
 * `poolSize`, else waiting), sends the INSERT, and at the instant it reaches the server either adds
 * the row or reports `duplicate`. A connection the server refuses fails that query with an
 * InfrastructureError whose `cause` is a mysql2-like Error (`code` 'ER_CON_COUNT_ERROR',
 * 'Too many connections').
 */
export function createMemoryLedger(options: MemoryLedgerOptions): MemoryLedger {
  const { clock, steps } = options;
  const times = steps === undefined ? createServiceTimes(options.random) : createInstantTimes(options.random);
  const pool = createMemoryPool({ clock, times, poolSize: options.poolSize, maxConnections: options.maxConnections });
  const commits = createSerialQueue(clock);
  const table = createPurchaseTable(options.idempotent ?? true);
  const server = createServerCounters(options.slowThresholdMs);

  const query = <T>(observer: EngineObserver | undefined, kind: StatementKind, run: () => Promise<T>): Promise<T> =>
    timeStatement(clock, observer, kind, pool, run);
  /** To the server, where the statement's effect happens at the instant it arrives. */
  const arrive = (): Promise<void> => clock.sleep(times.mysqlOneWay());
  /** A changed row's turn at the server-wide commit: ms until it is done. */
  const commit = (): number => commits.occupy(times.mysqlCommit());
  /** A multi-row statement's server time: `rows` rows, of which `changed` went (then a commit). */
  const batchMs = (rows: number, changed: number): number => {
    const committed = changed > 0 ? commit() : 0;
    return times.mysqlInsert() + rows * times.mysqlRowInBatch() + committed;
  };

  /**
   * The ledger's statements, reported to `observer` and counted by the simulated server's session
   * counters when `own` (the run's pool; a worker's statements run on sessions of its own).
   */
  const statements = (observer: EngineObserver | undefined, own: boolean): Omit<Ledger, 'serverStats'> => {
    /**
     * A write's time on the server, counted when `own`, and the way back. Returns the sleep itself
     * (no async wrapper): an extra promise hop would reorder statements ending at one instant.
     */
    const back = (serverMs: number): Promise<void> => {
      if (own) server.countWrite(serverMs);
      return clock.sleep(serverMs + times.mysqlOneWay());
    };
    /**
     * One write: it travels to the server, `effect` changes the tables at the instant it arrives,
     * the server takes `serverMs(answer)` and the reply travels back. In an explored run the effect
     * is a step of its actor instead, and takes no time.
     */
    const write: Write = steps !== undefined
      ? (step, arg, effect) => steps.step(step, arg, effect)
      : async (_step, _arg, effect, serverMs) => {
          await arrive();
          const answer = effect();
          await back(serverMs(answer));
          return answer;
        };
    return {
      record(sale, user) {
        return query(observer, 'insert', () =>
          write(STEP.insert, user, () => table.insert(sale, user), (inserted): number => {
            const committed = inserted === 'inserted' ? commit() : 0;
            return times.mysqlInsert() + committed;
          }),
        );
      },

      remove(sale, user) {
        return query(observer, 'delete', () => write(STEP.delete, user, () => table.remove(sale, user), (deleted) => times.mysqlInsert() + (deleted ? commit() : 0)));
      },

      // The fenced writes: the real ledger's two statements (raise the fence, then write only while
      // it still holds this token) decided at one server instant, with the same answers.
      recordFenced(sale, user, token) {
        return query(observer, 'insert', () =>
          write(STEP.insertFenced, user, () => table.insertFenced(sale, user, token), (inserted) => times.mysqlInsert() + (inserted === 'inserted' ? commit() : 0)),
        );
      },

      removeFenced(sale, user, token) {
        return query(observer, 'delete', () =>
          write(STEP.deleteFenced, user, () => table.removeFenced(sale, user, token), (removed) => times.mysqlInsert() + (removed === true ? commit() : 0)),
        );
      },

      recordMany(sale, users) {
        return query(observer, 'insert-many', () =>
          write(STEP.insertMany, users.length, () => {
            const inserted = table.insertMany(sale, users);
            return { inserted, skipped: users.length - inserted };
          }, ({ inserted }) => batchMs(users.length, inserted)),
        );
      },

      removeMany(sale, users) {
        return query(observer, 'delete-many', () =>
          write(STEP.deleteMany, users.length, () => {
            const deleted = table.removeMany(sale, users);
            return { deleted, absent: users.length - deleted };
          }, ({ deleted }) => batchMs(users.length, deleted)),
        );
      },

      async rowsSince(sale, afterId) {
        // Untimed, like the real one: watching rows appear is measurement, not workload.
        await clock.sleep(times.mysqlOneWay() * 2 + times.mysqlSelect() / 4);
        return table.rowsSince(sale, afterId);
      },

      async lastRowId() {
        return table.lastRowId();
      },

      purchases(sale) {
        return query(observer, 'select', async () => {
          await arrive();
          const rows = table.purchases(sale);
          await clock.sleep(times.mysqlSelect() + times.mysqlOneWay());
          return rows;
        });
      },
    };
  };

  return {
    ...statements(options.observer, true),
    unobserved: () => ({ ...statements(undefined, false), serverStats: async () => undefined }),
    serverStats: async () => server.stats(pool.stats().connections),
    stats: () => pool.stats(),
    view: () => table.view(),
  };
}
