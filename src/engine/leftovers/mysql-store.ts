// clean's MySQL side: the sales with purchases rows or a sale_fences row, and the planted tables,
// found through their indexes (the one led by ticket_name, the fence table's primary key); a run's
// rows deleted by its ticket_name a bounded batch at a time, so no statement holds locks for long;
// a planted table dropped only when its name is a run's (the plan read it back to one).
import { createConnection } from 'mysql2/promise';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { formatEndpoint } from '../../config/endpoints.js';
import { InfrastructureError, describeError } from '../../errors.js';
import { START_SERVICES_HINT } from '../hints.js';
import { connectionOptions } from '../mysql/connect.js';
import type { MysqlTarget } from '../mysql/connect.js';
import { PURCHASES_TABLE, SALE_FENCES_TABLE, dropPlainTableSql } from '../mysql/tables.js';
import { RUN_NAME_SCOPE } from '../run-names.js';
import type { LeftoverStore, Removed } from './store.js';

/** Rows one DELETE removes at most. */
const DELETE_BATCH = 5000;

/** clean's statements (the integration tests EXPLAIN the ones that read by sale). */
export const LEFTOVER_SQL = Object.freeze({
  tables: `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND (TABLE_NAME IN ('${PURCHASES_TABLE}', '${SALE_FENCES_TABLE}') OR TABLE_NAME LIKE ?)`,
  rows: `SELECT ticket_name AS sale, COUNT(*) AS n FROM ${PURCHASES_TABLE} WHERE ticket_name LIKE ? GROUP BY ticket_name`,
  fences: `SELECT ticket_name AS sale FROM ${SALE_FENCES_TABLE} WHERE ticket_name LIKE ?`,
  deleteRows: `DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ? LIMIT ${DELETE_BATCH}`,
  deleteFence: `DELETE FROM ${SALE_FENCES_TABLE} WHERE ticket_name = ?`,
});

/** Connects to MySQL (a database that does not exist holds nothing); unreachable: InfrastructureError. */
export async function openMysqlLeftovers(target: MysqlTarget): Promise<LeftoverStore> {
  let connection: Connection;
  try {
    connection = await createConnection(connectionOptions(target));
  } catch (error) {
    throw new InfrastructureError('mysql', formatEndpoint(target.endpoint), `cannot connect (${describeError(error)})`, { cause: error, hint: START_SERVICES_HINT });
  }
  await connection.query(`USE \`${target.database}\``).catch((error: unknown) => {
    // No database: DATABASE() stays NULL, and the listing finds no table.
    if ((error as { code?: unknown }).code !== 'ER_BAD_DB_ERROR') throw error;
  });
  return mysqlLeftovers(connection);
}

/** clean over one MySQL connection (closed by close()). */
function mysqlLeftovers(connection: Connection): LeftoverStore {
  return {
    service: 'mysql',

    async list() {
      const [tables] = await connection.query<RowDataPacket[]>(LEFTOVER_SQL.tables, [RUN_NAME_SCOPE.tableLike]);
      const names = tables.map((row) => String(row.name));
      const [rows] = names.includes(PURCHASES_TABLE) ? await connection.query<RowDataPacket[]>(LEFTOVER_SQL.rows, [RUN_NAME_SCOPE.saleLike]) : [[]];
      const [fences] = names.includes(SALE_FENCES_TABLE) ? await connection.query<RowDataPacket[]>(LEFTOVER_SQL.fences, [RUN_NAME_SCOPE.saleLike]) : [[]];
      return {
        mysql: {
          rows: rows.map((row) => ({ sale: String(row.sale), rows: Number(row.n) })),
          fences: fences.map((row) => String(row.sale)),
          tables: names.filter((name) => name !== PURCHASES_TABLE && name !== SALE_FENCES_TABLE),
        },
      };
    },

    async remove(runs, removed) {
      for (const run of runs) {
        if (run.mysqlRows > 0) await deleteRows(connection, run.sale, removed);
        if (run.fenceRows > 0) removed.fenceRows += (await connection.query<ResultSetHeader>(LEFTOVER_SQL.deleteFence, [run.sale]))[0].affectedRows;
        for (const table of run.tables) {
          // Gone since it was listed (its run dropped it as it ended): nothing to do.
          const dropped = await connection.query(dropPlainTableSql({ name: table, idempotent: false })).then(
            () => true,
            (error: unknown) => {
              if ((error as { code?: unknown }).code === 'ER_BAD_TABLE_ERROR') return false;
              throw error;
            },
          );
          if (dropped) removed.tables += 1;
        }
      }
    },

    async close() {
      await connection.end().catch(() => undefined);
    },
  };
}

/** Deletes a sale's purchases rows a batch at a time, counting them. */
async function deleteRows(connection: Connection, sale: string, removed: Removed): Promise<void> {
  for (;;) {
    const [header] = await connection.query<ResultSetHeader>(LEFTOVER_SQL.deleteRows, [sale]);
    removed.mysqlRows += header.affectedRows;
    if (header.affectedRows < DELETE_BATCH) return;
  }
}
