// Global set-up of the integration tests: before any file runs, remove what an earlier test process
// left behind when it crashed or was killed before its own clean-up (see owned-names.ts: only
// names of tests, only those whose process is gone). A service that cannot be reached is skipped
// here; the tests that need it say so themselves.
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { connectionOptions } from '../../src/engine/mysql/connect.js';
import { PURCHASES_TABLE, SALE_FENCES_TABLE } from '../../src/engine/mysql/tables.js';
import { createKafka } from '../../src/engine/kafka/connect.js';
import { removeTopicsAndGroups } from '../../src/engine/kafka/remove.js';
import { acceptsConnection } from '../../src/engine/tcp-probe.js';
import { endpointOf } from '../../src/engine/infrastructure.js';
import type { ServiceName } from '../../src/engine/ports.js';
import { isLeftover } from './owned-names.js';
import { servicesConfig } from './services.js';

const timeout = { connectTimeoutMs: servicesConfig.connectTimeoutMs };

/** Topics and groups of dead test processes. */
async function sweepKafka(): Promise<string[]> {
  const admin = createKafka({ ...servicesConfig.kafka, ...timeout }, 'ticketsim-it-sweep').admin();
  await admin.connect();
  try {
    // Tests' own topics and groups, and the ones they plant as look-alikes of a run's.
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith('ticketsim.') && isLeftover(topic));
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((group) => group.startsWith('ticketsim-') && isLeftover(group));
    // Their members died with them: wait out the last sessions (6 s) if need be.
    await removeTopicsAndGroups(admin, topics, groups, 10_000);
    return [...topics.map((topic) => `topic ${topic}`), ...groups.map((group) => `group ${group}`)];
  } finally {
    await admin.disconnect();
  }
}

/** Rows and fence rows of dead test processes' sales, their plain tables and their databases. */
async function sweepMysql(): Promise<string[]> {
  const target = { ...servicesConfig.mysql, ...timeout };
  const connection = await createConnection({ ...connectionOptions(target), database: target.database }).catch(() => undefined);
  // No database yet: nothing was ever left in it.
  if (connection === undefined) return [];
  try {
    const swept: string[] = [];
    for (const table of [PURCHASES_TABLE, SALE_FENCES_TABLE]) {
      // Tests' own sales, and the ones they plant as look-alikes of a run's (`concert-finals-<id>`).
      const [sales] = await connection.query<RowDataPacket[]>(`SELECT DISTINCT ticket_name AS sale FROM \`${table}\` WHERE ticket_name LIKE 'it-%' OR ticket_name LIKE 'concert-%'`);
      for (const { sale } of sales.filter((row) => isLeftover(String(row.sale)))) {
        await connection.query(`DELETE FROM \`${table}\` WHERE ticket_name = ?`, [sale]);
        swept.push(`${table} rows of ${sale}`);
      }
    }
    const [tables] = await connection.query<RowDataPacket[]>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'purchases\\_plain\\_it\\_%'",
    );
    for (const { name } of tables.filter((row) => isLeftover(String(row.name)))) {
      // A planted table a test created under its own id, never anything else.
      await connection.query(`DROP TABLE \`${String(name)}\``);
      swept.push(`table ${name}`);
    }
    const [databases] = await connection.query<RowDataPacket[]>("SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE 'it\\_%'");
    for (const { name } of databases.filter((row) => isLeftover(String(row.name)))) {
      // A database a test created under its own id (an older ticketsim's schema), never anything else.
      await connection.query(`DROP DATABASE \`${String(name)}\``);
      swept.push(`database ${name}`);
    }
    return swept;
  } finally {
    await connection.end();
  }
}

/** Keys of dead test processes' sales. */
async function sweepRedis(): Promise<string[]> {
  const redis = new Redis(servicesConfig.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const keys: string[] = [];
    // Test sales' keys, and the keys tests plant as someone else's data or as look-alikes of a run's.
    for (const match of ['ticketsim:{it-*', 'ticketsim-it-*', 'ticketsim:{concert-*', 'shop:{it-*']) {
      for await (const batch of redis.scanStream({ match, count: 1000 }) as AsyncIterable<string[]>) {
        keys.push(...batch.filter((key) => isLeftover(key)));
      }
    }
    if (keys.length > 0) await redis.del(...keys);
    return keys.length > 0 ? [`${keys.length} Redis keys`] : [];
  } finally {
    redis.disconnect();
  }
}

const SWEEPS: [ServiceName, () => Promise<string[]>][] = [
  ['kafka', sweepKafka],
  ['mysql', sweepMysql],
  ['redis', sweepRedis],
];

/** vitest globalSetup: runs once, before the integration files. */
export default async function setup(): Promise<void> {
  for (const [service, sweep] of SWEEPS) {
    if (!(await acceptsConnection(endpointOf(servicesConfig, service), 1500))) continue;
    const swept = await sweep();
    if (swept.length > 0) console.warn(`removed what crashed test runs left on ${service}: ${swept.join(', ')}`);
  }
}
