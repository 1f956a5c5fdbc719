// Runs the built CLI as a user would (a child process) and reads a run's data straight from the
// stores, independently of ticketsim, to confirm what its result JSON claims.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { RunResult } from '../../src/result.js';

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

/** A run's sale as the stores hold it, read directly: Redis stock and buyer count, MySQL rows. */
export async function readSale(redis: Redis, mysql: Connection, result: RunResult) {
  const [stockKey, buyersKey] = result.data.redisKeys as [string, string];
  const stock = Number(await redis.get(stockKey));
  const buyers = await redis.scard(buyersKey);
  const [rows] = await mysql.query<RowDataPacket[]>('SELECT user_id, COUNT(*) AS n FROM purchases WHERE ticket_name = ? GROUP BY user_id', [
    result.data.mysqlTicketName,
  ]);
  const perUser = rows.map((row) => ({ userId: String(row.user_id), rows: Number(row.n) }));
  return { stock, buyers, rows: perUser.reduce((sum, row) => sum + row.rows, 0), perUser };
}

/** Removes a run's keys and rows (only those: its own sale). */
export async function removeSale(redis: Redis, mysql: Connection, result: RunResult): Promise<void> {
  await redis.del(...result.data.redisKeys);
  await mysql.query('DELETE FROM purchases WHERE ticket_name = ?', [result.data.mysqlTicketName]);
}
