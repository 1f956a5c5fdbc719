// The stores a target file names (its MySQL and its Redis), reached only for what the file asks:
// its setup and teardown steps and its verify reads. Nothing else is run against them, and nothing
// ticketsim would create for itself (no schema, no table) is created there.
import type { Pool } from 'mysql2/promise';
import type { Redis } from 'ioredis';
import { endpointOfUrl, formatEndpoint } from '../../config/endpoints.js';
import { resolvePointer } from '../../config/target-file/index.js';
import type { BoundSql, SourceCall, StepCall, TargetFile } from '../../config/target-file/index.js';
import { connectRedis, redisVersion } from '../../engine/redis/connect.js';
import { InfrastructureError, TicketsimError, describeError } from '../../errors.js';
import type { HttpDriver } from './http-driver.js';

/**
 * The least deadline of a setup or teardown request and of a verify read over HTTP: they are not
 * the load, and a timeoutMs tuned to fail slow purchases must not fail the set-up.
 */
const SET_UP_TIMEOUT_MS = 10_000;

/** A step or verify read on the file's Redis that takes longer than this fails (a store that stopped answering). */
const COMMAND_TIMEOUT_MS = 30_000;

/** Keys a redisDelete step deletes per SCAN page (bounded batches). */
const SCAN_COUNT = 500;

/** The target's stores, connected. */
export interface TargetStores {
  /** Runs one setup or teardown step; throws naming what failed. */
  run(step: StepCall): Promise<void>;
  /** Reads one verify source: the rows' first column, the command's reply, or the value at the pointer. */
  read(source: SourceCall): Promise<unknown>;
  /** The stores' server versions, for the result's environment block (absent: the file names no such store). */
  readonly versions: { redis?: string; mysql?: string };
  close(): Promise<void>;
}

/** Connects the stores the file names (a store it does not name is never reached). */
export async function openTargetStores(file: TargetFile, http: HttpDriver, connectTimeoutMs: number): Promise<TargetStores> {
  const opened = file.stores.mysql === undefined ? undefined : await openMysql(file.stores.mysql, connectTimeoutMs);
  const mysql = opened?.pool;
  let redis: Redis | undefined;
  let redisServer: string | undefined;
  try {
    redis = file.stores.redis === undefined ? undefined : await openRedis(file.stores.redis, connectTimeoutMs);
    redisServer = redis === undefined ? undefined : await redisVersion(redis);
  } catch (error) {
    await mysql?.end().catch(() => undefined);
    redis?.disconnect();
    throw error;
  }
  const setUpMs = Math.max(file.timeoutMs, SET_UP_TIMEOUT_MS);
  const need = <T>(store: T | undefined, name: string): T => {
    // The validator already requires the store a step or source uses.
    if (store === undefined) throw new TicketsimError(`the target file names no ${name} store`);
    return store;
  };
  return {
    versions: { ...(redisServer === undefined ? {} : { redis: redisServer }), ...(opened?.version === undefined ? {} : { mysql: opened.version }) },
    async run(step) {
      if ('http' in step) {
        const answer = await http.send(step.http, setUpMs);
        if (answer.kind === 'no-answer') throw new TicketsimError(`${step.http.method} ${step.http.path}: ${answer.why}`);
        if (answer.status < 200 || answer.status > 299) throw new TicketsimError(`${step.http.method} ${step.http.path} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      } else if ('sql' in step) {
        await runSql(need(mysql, 'mysql'), step.sql);
      } else if ('redis' in step) {
        const [command, ...args] = step.redis;
        await need(redis, 'redis').call(command!, ...args);
      } else {
        await deleteMatching(need(redis, 'redis'), step.redisDelete);
      }
    },
    async read(source) {
      if ('sql' in source) {
        const rows = await runSql(need(mysql, 'mysql'), source.sql);
        return (rows as Record<string, unknown>[]).map((row) => Object.values(row)[0]);
      }
      if ('redis' in source) {
        const [command, ...args] = source.redis;
        return need(redis, 'redis').call(command!, ...args);
      }
      const answer = await http.send(source.http.call, setUpMs);
      if (answer.kind === 'no-answer') throw new TicketsimError(`GET ${source.http.call.path}: ${answer.why}`);
      if (answer.status !== 200) throw new TicketsimError(`GET ${source.http.call.path} answered ${answer.status}`);
      return resolvePointer(JSON.parse(answer.body) as unknown, source.http.pointer);
    },
    async close() {
      await Promise.all([mysql?.end().catch(() => undefined), redis?.quit().catch(() => undefined)]);
    },
  };
}

/**
 * Runs a statement with its values as bound parameters of a server-side prepared statement (the
 * values never enter the statement's text); one without placeholders runs as written (a statement
 * MySQL cannot prepare, such as some DDL, still runs in a setup).
 */
async function runSql(pool: Pool, { sql, params }: BoundSql): Promise<unknown> {
  const [rows] = params.length === 0 ? await pool.query(sql) : await pool.execute(sql, params);
  return rows;
}

/** A small pool on the file's MySQL, checked with one round trip (its version) so an unreachable one fails here. */
async function openMysql(url: string, connectTimeoutMs: number): Promise<{ pool: Pool; version: string | undefined }> {
  const address = formatEndpoint(endpointOfUrl(url, ['mysql'], 3306));
  const { createPool } = await import('mysql2/promise');
  const pool = createPool({ uri: url, connectionLimit: 2, connectTimeout: connectTimeoutMs });
  try {
    const [rows] = await pool.query('SELECT VERSION() AS version');
    return { pool, version: (rows as { version?: string }[])[0]?.version };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new InfrastructureError('mysql', address, `the target file's store did not answer (${describeError(error)})`, { hint: 'check stores.mysql in the target file' });
  }
}

/** The file's Redis, answering PING within the connect timeout; unreachable: exit 3 pointing at the file. */
async function openRedis(url: string, connectTimeoutMs: number): Promise<Redis> {
  const endpoint = endpointOfUrl(url, ['redis', 'rediss'], 6379);
  try {
    return await connectRedis({ url, endpoint, connectTimeoutMs, commandTimeoutMs: COMMAND_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof InfrastructureError)) throw error;
    throw new InfrastructureError('redis', formatEndpoint(endpoint), `the target file's store did not answer (${describeError(error.cause ?? error)})`, {
      cause: error,
      hint: 'check stores.redis in the target file',
    });
  }
}

/** SCAN MATCH `pattern`, deleting each page's keys: never KEYS, never more than a page at once. */
async function deleteMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
