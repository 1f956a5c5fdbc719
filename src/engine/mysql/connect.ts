// Opens a bounded mysql2 pool, creating the database and its tables (purchases, sale_fences) first
// when missing, and the index for reads by sale on a purchases table made without it. Never drops
// or truncates anything.
import { createConnection, createPool } from 'mysql2/promise';
import type { Pool } from 'mysql2/promise';
import { InfrastructureError, describeError } from '../../errors.js';
import { formatEndpoint } from '../../config/endpoints.js';
import type { Endpoint } from '../../config/endpoints.js';
import { START_SERVICES_HINT } from '../hints.js';
import { CREATE_PURCHASES_TABLE, CREATE_SALE_FENCES_TABLE, createDatabaseSql } from './tables.js';
import { ensureSaleIndex } from './sale-index.js';

export interface MysqlTarget {
  url: string;
  endpoint: Endpoint;
  database: string;
  connectTimeoutMs: number;
}

/** Connection options (host, user, password, timeouts) from the target, without a database. */
export function connectionOptions(target: MysqlTarget) {
  const url = new URL(target.url);
  return {
    host: target.endpoint.host,
    port: target.endpoint.port,
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    connectTimeout: target.connectTimeoutMs,
    supportBigNumbers: true,
  };
}

/**
 * Creates the database, the purchases table and the fence table if they are missing, and adds the
 * index for reads by sale to a purchases table an older ticketsim created (idempotent).
 */
export async function ensureSchema(target: MysqlTarget): Promise<void> {
  const address = formatEndpoint(target.endpoint);
  let connection;
  try {
    connection = await createConnection(connectionOptions(target));
  } catch (error) {
    throw new InfrastructureError('mysql', address, `cannot connect (${describeError(error)})`, { cause: error, hint: START_SERVICES_HINT });
  }
  try {
    await connection.query(createDatabaseSql(target.database));
    await connection.query(`USE \`${target.database}\``);
    await connection.query(CREATE_PURCHASES_TABLE);
    await connection.query(CREATE_SALE_FENCES_TABLE);
    await ensureSaleIndex(connection, target.database);
  } catch (error) {
    throw new InfrastructureError('mysql', address, `cannot create the schema (${describeError(error)})`, {
      cause: error,
      retriable: false,
      hint: 'the MySQL user needs CREATE, ALTER and INDEX privileges on the database, or create it, its tables (purchases, sale_fences) and purchases\' index on ticket_name by hand',
    });
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** Options of {@link connectMysql}. */
export interface PoolOptions {
  /**
   * Gives every pool connection this session `long_query_time` (ms), so the server's own session
   * `Slow_queries` counter counts the run's slow statements. Session-scoped: no server-wide setting
   * is changed.
   */
  sessionLongQueryMs?: number;
}

/**
 * Ensures the schema, then opens a pool of at most `poolSize` connections. One is checked out at
 * once so an unreachable server fails here, not mid-run; then the pool is warmed up to `poolSize`
 * so the burst measures purchases, not connection handshakes. A warm-up connection the server
 * refuses (e.g. `Too many connections`) is not an error here: the run will meet it and count it.
 */
export async function connectMysql(target: MysqlTarget, poolSize: number, options: PoolOptions = {}): Promise<Pool> {
  await ensureSchema(target);
  const pool = createPool({
    ...connectionOptions(target),
    database: target.database,
    connectionLimit: poolSize,
    maxIdle: poolSize,
    queueLimit: 0,
    waitForConnections: true,
  });
  const { sessionLongQueryMs } = options;
  if (sessionLongQueryMs !== undefined) {
    // Queued on the new connection before the statement that asked for it, so it always runs first.
    // A failure only leaves that session at the server's default (serverStats() then says less).
    pool.on('connection', (connection) => {
      // mysql2's typings promise a promise connection here; at run time the event carries the core,
      // callback-style one (lib/promise/inherit_events.js passes the core pool's event through).
      const core = connection as unknown as { query(sql: string, callback: (error: unknown) => void): void };
      core.query(`SET SESSION long_query_time = ${sessionLongQueryMs / 1000}`, () => undefined);
    });
  }
  try {
    const connection = await pool.getConnection();
    connection.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new InfrastructureError('mysql', formatEndpoint(target.endpoint), `cannot connect (${describeError(error)})`, {
      cause: error,
      hint: START_SERVICES_HINT,
    });
  }
  await warmUp(pool, poolSize);
  return pool;
}

async function warmUp(pool: Pool, poolSize: number): Promise<void> {
  const opened = await Promise.allSettled(Array.from({ length: poolSize }, () => pool.getConnection()));
  for (const attempt of opened) if (attempt.status === 'fulfilled') attempt.value.release();
}
