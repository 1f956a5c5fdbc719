// Reads by sale cost the sale's rows, not the table's: ensureSchema adds the index led by ticket_name
// to a purchases table an older ticketsim created (once, keeping its rows), and EXPLAIN of every
// statement the ledger and clean run by sale names an index, never a scan of the table. A table
// without the index is planted to see such a scan caught.
import { createConnection } from 'mysql2/promise';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOptions, ensureSchema } from '../../src/engine/mysql/connect.js';
import { LEFTOVER_SQL } from '../../src/engine/leftovers/mysql-store.js';
import { ledgerStatements } from '../../src/engine/mysql/ledger.js';
import { saleIndexOf } from '../../src/engine/mysql/sale-index.js';
import { PURCHASES, PURCHASES_TABLE, SALE_FENCES_TABLE, SALE_INDEX } from '../../src/engine/mysql/tables.js';
import { RUN_NAME_SCOPE } from '../../src/engine/run-names.js';
import { ownedId } from './owned-names.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('mysql');
const target = { ...servicesConfig.mysql, connectTimeoutMs: servicesConfig.connectTimeoutMs };

/** What EXPLAIN says of one table a statement reads. */
interface PlanRow {
  table: string;
  type: string | null;
  key: string | null;
  extra: string;
}

/** EXPLAIN of `sql` with its parameters. */
async function planOf(connection: Connection, sql: string, params: unknown[]): Promise<PlanRow[]> {
  const [rows] = await connection.query<RowDataPacket[]>(`EXPLAIN ${sql}`, params);
  return rows.map((row) => ({ table: String(row.table), type: row.type as string | null, key: row.key as string | null, extra: String(row.Extra ?? '') }));
}

/** The tables a plan reads whole: every row (ALL) or every entry of an index (index). */
function scans(plan: PlanRow[]): string[] {
  return plan.filter((row) => row.type === 'ALL' || row.type === 'index').map((row) => `${row.table} (${row.type})`);
}

/** The seed's purchases table as an older ticketsim created it: no index led by ticket_name. */
const OLD_PURCHASES = `CREATE TABLE ${PURCHASES_TABLE} (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id VARCHAR(255) NOT NULL,
  ticket_name VARCHAR(255) NOT NULL,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_user_ticket (user_id, ticket_name)
)`;

describe.skipIf(!available)('the index for reads by sale', () => {
  const id = ownedId();
  /** A database of this test's own, for a purchases table as an older ticketsim left it. */
  const oldDatabase = `it_${id}`;
  /**
   * Another of its own, with ticketsim's schema, where the plans are asked: the optimizer chooses by
   * the table's statistics, which on the shared table other tests' writes change at any moment.
   */
  const planDatabase = `it_${id}_plans`;
  const sale = `it-${id}`;
  const others = Array.from({ length: 20 }, (_, n) => `it-${id}-o${n}`);
  let connection: Connection;

  beforeAll(async () => {
    await ensureSchema(target);
    await ensureSchema({ ...target, database: planDatabase });
    connection = await createConnection({ ...connectionOptions(target), database: planDatabase });
    // The sale a check reads, among others: a few percent of the rows, as in any used table.
    const rows = [...Array.from({ length: 100 }, (_, n) => [`u${n}`, sale]), ...others.flatMap((other) => Array.from({ length: 200 }, (_, n) => [`u${n}`, other]))];
    await connection.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ?`, [rows]);
    await connection.query(`INSERT INTO ${SALE_FENCES_TABLE} (ticket_name, token) VALUES ?`, [[sale, ...others].map((name) => [name, 3])]);
    // The statistics as they are now, rather than whenever InnoDB's background recount gets to them.
    await connection.query(`ANALYZE TABLE ${PURCHASES_TABLE}, ${SALE_FENCES_TABLE}`);
  });

  afterAll(async () => {
    // The test's own databases, never another.
    for (const database of [oldDatabase, planDatabase]) await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await connection.end();
  });

  it('is added once to a purchases table an older ticketsim created, which keeps its rows', async () => {
    await connection.query(`CREATE DATABASE \`${oldDatabase}\``);
    const old = await createConnection({ ...connectionOptions(target), database: oldDatabase });
    try {
      await old.query(OLD_PURCHASES);
      await old.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ('a', 'concert-x'), ('b', 'concert-x')`);
      expect(await saleIndexOf(old, oldDatabase)).toBeUndefined();
      // Planted: without the index, reading a sale scans the table, and the check below sees it.
      expect(scans(await planOf(old, ledgerStatements(PURCHASES).purchases, ['concert-x']))).not.toEqual([]);

      await ensureSchema({ ...target, database: oldDatabase });
      await ensureSchema({ ...target, database: oldDatabase });
      expect(await saleIndexOf(old, oldDatabase)).toBe(SALE_INDEX);
      const [indexes] = await old.query<RowDataPacket[]>(`SHOW INDEX FROM ${PURCHASES_TABLE} WHERE Column_name = 'ticket_name' AND Seq_in_index = 1`);
      expect(indexes.map((row) => row.Key_name)).toEqual([SALE_INDEX]);
      const [[count]] = await old.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${PURCHASES_TABLE}`);
      expect(Number(count!.n)).toBe(2);
    } finally {
      await old.end();
    }
  });

  it('is on the purchases table ticketsim uses', async () => {
    expect(await saleIndexOf(connection, target.database)).toBe(SALE_INDEX);
    expect(await saleIndexOf(connection, planDatabase)).toBe(SALE_INDEX);
  });

  it('serves every statement the ledger runs by sale: EXPLAIN names an index, never a scan', async () => {
    const statements = ledgerStatements(PURCHASES);
    const user = 'u7';
    /** Per statement: its parameters and the indexes each table it reads may use, or why it reads nothing. */
    const expected: Record<keyof typeof statements, { params: unknown[]; keys: Record<string, string[]> } | 'inserts by key' | 'optimized away'> = {
      advanceFence: 'inserts by key',
      insert: 'inserts by key',
      insertMany: 'inserts by key',
      insertGroup: 'inserts by key',
      insertFenced: { params: [user, sale, sale, 3], keys: { [SALE_FENCES_TABLE]: ['PRIMARY'] } },
      deleteFenced: { params: [user, sale, 3], keys: { p: ['uk_user_ticket'], f: ['PRIMARY'] } },
      readFence: { params: [sale], keys: { [SALE_FENCES_TABLE]: ['PRIMARY'] } },
      delete: { params: [user, sale], keys: { [PURCHASES_TABLE]: ['uk_user_ticket'] } },
      deleteMany: { params: [sale, ['u1', 'u2', 'u3']], keys: { [PURCHASES_TABLE]: ['uk_user_ticket', SALE_INDEX] } },
      rowsSince: { params: [0, sale], keys: { [PURCHASES_TABLE]: [SALE_INDEX, 'PRIMARY'] } },
      purchases: { params: [sale], keys: { [PURCHASES_TABLE]: [SALE_INDEX] } },
      lastRowId: 'optimized away',
    };
    for (const [name, sql] of Object.entries(statements) as [keyof typeof statements, string][]) {
      const expectation = expected[name];
      if (expectation === 'inserts by key') {
        // Reads nothing: the key it writes by is looked up in its index.
        expect(sql, name).toMatch(/^INSERT (IGNORE )?INTO \S+ \([^)]*\) VALUES \(?\?/);
        continue;
      }
      const plan = await planOf(connection, sql, expectation === 'optimized away' ? [] : expectation.params);
      if (expectation === 'optimized away') {
        expect(plan.map((row) => row.extra), name).toEqual(['Select tables optimized away']);
        continue;
      }
      expect(scans(plan), name).toEqual([]);
      for (const row of plan) expect(expectation.keys[row.table], `${name}: ${row.table} through ${row.key}`).toContain(row.key);
    }
  });

  it('serves clean\'s deletes of a sale\'s rows, and its listing of the sales from the indexes alone', async () => {
    // Deleting: by sale, as the ledger's reads.
    const deletes: Record<'deleteRows' | 'deleteFence', { key: string }> = { deleteRows: { key: SALE_INDEX }, deleteFence: { key: 'PRIMARY' } };
    for (const [name, { key }] of Object.entries(deletes)) {
      const plan = await planOf(connection, LEFTOVER_SQL[name as keyof typeof deletes], [sale]);
      expect(scans(plan), name).toEqual([]);
      expect(plan.map((row) => row.key), name).toEqual([key]);
    }
    // Listing: every run's entries of the index (when runs are most of the table, the optimizer may
    // read the whole index for them), never the table's rows.
    const listings: Record<'rows' | 'fences', { key: string }> = { rows: { key: SALE_INDEX }, fences: { key: 'PRIMARY' } };
    for (const [name, { key }] of Object.entries(listings)) {
      const plan = await planOf(connection, LEFTOVER_SQL[name as keyof typeof listings], [RUN_NAME_SCOPE.saleLike]);
      expect(plan.map((row) => [row.key, row.type === 'ALL' ? 'ALL' : 'through the index', row.extra.includes('Using index')]), name).toEqual([[key, 'through the index', true]]);
    }
  });
});
