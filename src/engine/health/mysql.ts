// Health probe for MySQL/MariaDB: reachable, version, round-trip time, schema present (purchases with
// its UNIQUE key and an index for reads by sale, and sale_fences keyed by ticket_name for the fenced
// strategy's guard).
import { createConnection } from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { connectionOptions, ensureSchema } from '../mysql/connect.js';
import type { MysqlTarget } from '../mysql/connect.js';
import { PURCHASES_TABLE, SALE_FENCES_TABLE, SALE_INDEX } from '../mysql/tables.js';
import { saleIndexOf } from '../mysql/sale-index.js';
import { formatEndpoint } from '../../config/endpoints.js';
import { TicketsimError, describeError } from '../../errors.js';
import { elapsedMs } from './probe.js';
import type { ProbeResult } from './probe.js';

/** Ensures the schema (idempotent), then checks the table's unique key and reads server facts. */
export async function probeMysql(target: MysqlTarget): Promise<ProbeResult> {
  const result: ProbeResult = { service: 'mysql', address: formatEndpoint(target.endpoint), ok: false, details: [] };
  try {
    await ensureSchema(target);
    const connection = await createConnection({ ...connectionOptions(target), database: target.database });
    try {
      const start = performance.now();
      await connection.query('SELECT 1');
      result.rttMs = elapsedMs(start);
      const [[server]] = await connection.query<RowDataPacket[]>('SELECT VERSION() AS version, @@max_connections AS maxConnections');
      result.version = String(server?.version);
      result.details.push(`max_connections: ${server?.maxConnections}`);
      /** The columns of one index of one table, comma-separated in index order. */
      const indexColumns = async (table: string, index: string): Promise<unknown> => {
        const [keys] = await connection.query<RowDataPacket[]>(
          `SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS columns FROM information_schema.STATISTICS
           WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = ?`,
          [target.database, table, index],
        );
        return keys[0]?.columns;
      };
      const unique = (await indexColumns(PURCHASES_TABLE, 'uk_user_ticket')) === 'user_id,ticket_name';
      result.details.push(`schema: ${target.database}.${PURCHASES_TABLE} ${unique ? 'present, UNIQUE(user_id, ticket_name)' : 'present but UNIQUE(user_id, ticket_name) is missing'}`);
      const bySale = await saleIndexOf(connection, target.database);
      result.details.push(`schema: ${target.database}.${PURCHASES_TABLE} ${bySale === undefined ? 'has no index led by ticket_name: every check reads the whole table' : `read by sale through index ${bySale}`}`);
      const fences = (await indexColumns(SALE_FENCES_TABLE, 'PRIMARY')) === 'ticket_name';
      result.details.push(`schema: ${target.database}.${SALE_FENCES_TABLE} ${fences ? 'present, keyed by ticket_name (fenced)' : 'present but not keyed by ticket_name'}`);
      result.ok = unique && bySale !== undefined && fences;
      if (!unique) result.error = `${PURCHASES_TABLE} lacks UNIQUE KEY uk_user_ticket (user_id, ticket_name)`;
      else if (bySale === undefined) result.error = `${PURCHASES_TABLE} lacks an index led by ticket_name (KEY ${SALE_INDEX} (ticket_name))`;
      else if (!fences) result.error = `${SALE_FENCES_TABLE} lacks PRIMARY KEY (ticket_name)`;
    } finally {
      await connection.end().catch(() => undefined);
    }
  } catch (error) {
    result.error = describeError(error);
    result.hint = error instanceof TicketsimError ? error.hint : undefined;
  }
  return result;
}
