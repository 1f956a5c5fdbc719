// The real row feed on MariaDB: a thread of its own hands over a sale's new rows (only after the id
// it started from, only its sale's) with the time of the look that found them, which lies between
// the commit of the rows and the moment a look asked for them resolves; it has looked once before
// it is handed over (its connection open before a burst); and once closed, it is gone.
import { createConnection } from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOptions, ensureSchema } from '../../src/engine/mysql/connect.js';
import { mysqlRowFeed } from '../../src/engine/mysql/row-feed.js';
import { PURCHASES_TABLE } from '../../src/engine/mysql/tables.js';
import type { SeenRow } from '../../src/engine/ports.js';
import { ownedId } from './owned-names.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('mysql');
const target = { ...servicesConfig.mysql, connectTimeoutMs: servicesConfig.connectTimeoutMs };
/** The thread as built (npm test builds first): vitest runs this file's imports from source. */
const BUILT_THREAD = new URL('../../dist/engine/mysql/row-feed-thread.js', import.meta.url);

describe.skipIf(!available)('the row feed', () => {
  const id = ownedId();
  const sale = `it-${id}`;
  const other = `it-${id}-other`;
  let connection: Connection;
  const insert = (ticket: string, users: string[]) =>
    connection.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ?`, [users.map((user) => [user, ticket])]);

  beforeAll(async () => {
    await ensureSchema(target);
    connection = await createConnection({ ...connectionOptions(target), database: target.database });
  });

  afterAll(async () => {
    await connection?.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name IN (?, ?)`, [sale, other]);
    await connection?.end();
  });

  it('hands over the sale\'s new rows with the time of the look that found them, then ends when closed', async () => {
    await insert(sale, ['before']);
    const [[{ last }]] = (await connection.query(`SELECT MAX(id) AS last FROM ${PURCHASES_TABLE}`)) as unknown as [[{ last: number }]];
    const seen: { rows: readonly SeenRow[]; atUs: number }[] = [];
    // Looks only when asked: every few seconds on its own, far beyond this test.
    const feed = await mysqlRowFeed(target, PURCHASES_TABLE, BUILT_THREAD)({ sale, afterId: Number(last), everyMs: 60_000, seen: (rows, atUs) => seen.push({ rows, atUs }) });
    await insert(sale, ['u1', 'u2']);
    await insert(other, ['u3']);
    const committedUs = performance.now() * 1000;
    await feed.look();
    const lookedUs = performance.now() * 1000;
    expect(seen.flatMap(({ rows }) => rows.map((row) => row.userId))).toEqual(['u1', 'u2']);
    expect(seen[0]!.atUs).toBeGreaterThan(committedUs);
    expect(seen[0]!.atUs).toBeLessThan(lookedUs);
    await feed.look();
    expect(seen).toHaveLength(1);
    await feed.close();
    await expect(feed.look()).rejects.toThrow('the row feed thread has ended');
  });

  it('has looked once, its connection open, by the time it is handed over', async () => {
    const [[{ last }]] = (await connection.query(`SELECT MAX(id) AS last FROM ${PURCHASES_TABLE}`)) as unknown as [[{ last: number }]];
    await insert(sale, ['early']);
    const seen: string[] = [];
    // Nothing asked and no tick for a minute: only the look made on opening can have found the row.
    const feed = await mysqlRowFeed(target, PURCHASES_TABLE, BUILT_THREAD)({ sale, afterId: Number(last), everyMs: 60_000, seen: (rows) => seen.push(...rows.map((row) => row.userId)) });
    expect(seen).toEqual(['early']);
    await feed.close();
  });
});
