// The schema is created idempotently and nothing that existed before is dropped or emptied.
import { createConnection } from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionOptions, ensureSchema } from '../../src/engine/mysql/connect.js';
import { PURCHASES_TABLE } from '../../src/engine/mysql/tables.js';
import { ownedId } from './owned-names.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('mysql');
const target = { ...servicesConfig.mysql, connectTimeoutMs: servicesConfig.connectTimeoutMs };

describe.skipIf(!available)('ensureSchema on the real server', () => {
  const ticket = `it-schema-${ownedId()}`;

  afterAll(async () => {
    const connection = await createConnection({ ...connectionOptions(target), database: target.database });
    await connection.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [ticket]);
    await connection.end();
  });

  it('is idempotent and keeps existing rows', async () => {
    await ensureSchema(target);
    const connection = await createConnection({ ...connectionOptions(target), database: target.database });
    try {
      await connection.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ('someone', ?)`, [ticket]);
      await ensureSchema(target);
      await ensureSchema(target);
      const [rows] = await connection.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [ticket]);
      expect(rows[0]!.n).toBe(1);
    } finally {
      await connection.end();
    }
  });

  it('enforces UNIQUE(user_id, ticket_name)', async () => {
    const connection = await createConnection({ ...connectionOptions(target), database: target.database });
    try {
      await expect(
        connection.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ('someone', ?)`, [ticket]),
      ).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    } finally {
      await connection.end();
    }
  });
});
