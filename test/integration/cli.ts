// Runs the built CLI as a user would (a child process) and reads a run's data straight from the
// stores, independently of ticketsim, to confirm what its result JSON claims; the real stores of a
// describe block, cleaned of the sales its runs made.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll } from 'vitest';
import { connectionOptions, ensureSchema } from '../../src/engine/mysql/connect.js';
import { SALE_FENCES_TABLE } from '../../src/engine/mysql/tables.js';
import { saleKeyList } from '../../src/engine/redis/keys.js';
import type { RunResult } from '../../src/result.js';
import { servicesConfig } from './services.js';

export const BIN = resolve(import.meta.dirname, '../../bin/ticketsim');

/** What a CLI run left behind: exit code, output, and the parsed result when --json printed one. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ticketsim <args>` and resolves with its exit code and output (never rejects on exit ≠ 0). */
export async function ticketsim(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  return promisify(execFile)(BIN, [...args], { maxBuffer: 50_000_000, env }).then(
    (out) => ({ ...out, code: 0 }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** Runs `ticketsim run <scenario> --json …` and parses the result. */
export async function runScenario(scenario: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; result: RunResult; stderr: string }> {
  const run = await ticketsim(['run', scenario, '--json', ...args], env);
  return { code: run.code, result: JSON.parse(run.stdout) as RunResult, stderr: run.stderr };
}

/** The Redis keys a run's result says hold its data. */
export function redisKeysOf(result: RunResult): string[] {
  return result.data.stores.find((stored) => stored.store === 'Redis')?.holds ?? [];
}

/** A run's sale as the stores hold it, read directly: Redis stock and buyer count, MySQL rows. */
export async function readSale(redis: Redis, mysql: Connection, result: RunResult) {
  const [stockKey, buyersKey] = redisKeysOf(result) as [string, string];
  const stock = Number(await redis.get(stockKey));
  const buyers = await redis.scard(buyersKey);
  const [rows] = await mysql.query<RowDataPacket[]>('SELECT user_id, COUNT(*) AS n FROM purchases WHERE ticket_name = ? GROUP BY user_id', [
    result.data.sale,
  ]);
  const perUser = rows.map((row) => ({ userId: String(row.user_id), rows: Number(row.n) }));
  return { stock, buyers, rows: perUser.reduce((sum, row) => sum + row.rows, 0), perUser };
}

/** A run's rows read straight from MySQL, and how many distinct users hold them. */
export async function rowCounts(mysql: Connection, result: RunResult): Promise<{ rows: number; users: number }> {
  const [[counts]] = await mysql.query<RowDataPacket[]>('SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM purchases WHERE ticket_name = ?', [
    result.data.sale,
  ]);
  return { rows: Number(counts!.n), users: Number(counts!.users) };
}

/** Removes a run's keys and rows (only those: its own sale), its fence (`fenced`) included. */
export async function removeSale(redis: Redis, mysql: Connection, result: RunResult): Promise<void> {
  await redis.del(...saleKeyList(result.data.sale));
  await mysql.query('DELETE FROM purchases WHERE ticket_name = ?', [result.data.sale]);
  await mysql.query(`DELETE FROM ${SALE_FENCES_TABLE} WHERE ticket_name = ?`, [result.data.sale]);
}

/** The names of the checks a run failed. */
export function failedChecks(result: RunResult): string[] {
  return result.checks.filter((check) => !check.ok).map((check) => check.name);
}

/** The real stores of a describe block, and the runs whose sales it removes at the end. */
export interface RealStores {
  readonly redis: Redis;
  readonly mysql: Connection;
  /** Runs `ticketsim run <scenario> --json --infra real …` and remembers the run for cleanup. */
  run(scenario: string, args: readonly string[]): ReturnType<typeof runScenario>;
  /** Remembers a run made some other way, for cleanup. */
  remember(result: RunResult): void;
}

/**
 * Opens Redis and MySQL (the schema created) before a describe block's tests; after them, removes
 * every remembered run's sale (then calls `cleanUp` on it, e.g. for its Kafka topic) and closes
 * both. Call inside describe().
 */
export function realStores(cleanUp?: (result: RunResult) => Promise<void>): RealStores {
  let redis: Redis | undefined;
  let mysql: Connection | undefined;
  const runs: RunResult[] = [];
  beforeAll(async () => {
    redis = new Redis(servicesConfig.redis.url);
    // On a fresh server this file may run before anything else has created the database.
    const target = { ...servicesConfig.mysql, connectTimeoutMs: 2000 };
    await ensureSchema(target);
    mysql = await createConnection({ ...connectionOptions(target), database: target.database });
  });
  afterAll(async () => {
    for (const result of runs) {
      await removeSale(redis!, mysql!, result);
      await cleanUp?.(result);
    }
    redis?.disconnect();
    await mysql?.end();
  });
  return {
    get redis() {
      return redis!;
    },
    get mysql() {
      return mysql!;
    },
    async run(scenario, args) {
      const run = await runScenario(scenario, ['--infra', 'real', ...args]);
      runs.push(run.result);
      return run;
    },
    remember: (result) => void runs.push(result),
  };
}

/**
 * Waits for a state the process under test will reach and stay in (a line it printed, a child it
 * started, a figure it serves), asking every 50 ms (an async check is awaited); fails naming `what`
 * after `withinMs`, a bound no healthy run nears.
 */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, withinMs = 30_000): Promise<T> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`${what} within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
