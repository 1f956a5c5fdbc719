// The purchases table's index for reads by sale: a check's read-back, the row watcher's look at new
// rows, clean's listing and deletes. A table an older ticketsim created has none, and every check
// then read the whole table (0.23 s at 2 M rows, growing with each run): ensureSchema adds the index
// once, and doctor says whether it is there.
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { ADD_SALE_INDEX, PURCHASES_TABLE } from './tables.js';

/** The name of an index of `database`.purchases led by ticket_name, or undefined when it has none. */
export async function saleIndexOf(connection: Connection, database: string): Promise<string | undefined> {
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT INDEX_NAME AS name FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND SEQ_IN_INDEX = 1 AND COLUMN_NAME = 'ticket_name'
     ORDER BY INDEX_NAME LIMIT 1`,
    [database, PURCHASES_TABLE],
  );
  return rows[0] === undefined ? undefined : String(rows[0].name);
}

/**
 * Adds the index for reads by sale to the purchases table of the connection's database when no
 * index is led by ticket_name. Adding an index changes no row and drops nothing: the table keeps
 * all its data, and MariaDB and MySQL build it online while writes go on. Two processes that both
 * found it missing race harmlessly: the second one's duplicate key name is ignored.
 */
export async function ensureSaleIndex(connection: Connection, database: string): Promise<void> {
  if ((await saleIndexOf(connection, database)) !== undefined) return;
  await connection.query(ADD_SALE_INDEX).catch((error: unknown) => {
    if ((error as { code?: unknown } | null)?.code !== 'ER_DUP_KEYNAME') throw error;
  });
}
