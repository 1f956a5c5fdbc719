// `ticketsim clean` as a user runs it (the built CLI in a child process) on real Redis, MariaDB and
// Kafka: after a write-behind run that kept its topic, a fenced run and a planted old run, a dry run
// lists each run's keys, rows, fence row, table, topics and group and none of the look-alikes beside
// them; clean then removes those runs' items and nothing else. Other files' runs go on meanwhile,
// so this file deletes only its own runs (--run; a dry run looks at everything, and deletes
// nothing), and asserts only about its own names.
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka } from '../../src/engine/kafka/connect.js';
import { removeTopicsAndGroups } from '../../src/engine/kafka/remove.js';
import type { CleanReport } from '../../src/engine/leftovers/clean.js';
import { totalsOf } from '../../src/engine/leftovers/plan.js';
import { createPlainTableSql } from '../../src/engine/mysql/tables.js';
import { newRunId, runNames } from '../../src/engine/run-names.js';
import type { RunResult } from '../../src/result.js';
import { closedPort } from '../closed-port.js';
import { realStores, redisKeysOf, ticketsim } from './cli.js';
import { ownedId } from './owned-names.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('redis', 'mysql', 'kafka');

/** `ticketsim clean --json …`, parsed. */
async function clean(...args: string[]): Promise<{ code: number; report: CleanReport }> {
  const run = await ticketsim(['clean', '--json', ...args]);
  expect(run.stderr).toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) as CleanReport };
}

/** Every name a listing holds: sales, keys, tables, topics, groups. */
function namesIn(report: CleanReport): string[] {
  return report.runs.flatMap((run) => [run.sale, ...run.redisKeys, ...run.tables, ...run.topics, ...run.groups]);
}

describe.skipIf(!available)('ticketsim clean on real Redis, MariaDB and Kafka', () => {
  const admin = createKafka({ ...servicesConfig.kafka, connectTimeoutMs: 2000 }, 'ticketsim-it-clean').admin();
  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  // Whatever clean did not remove (a failed test) goes here: the runs' sales, then their topics.
  const stores = realStores(async (result) => {
    const wb = result.writeBehind;
    if (wb !== undefined) await removeTopicsAndGroups(admin, [wb.topic, wb.dlqTopic], [wb.group], 0);
  });

  const id = ownedId();
  /** A run planted as ticketsim names its runs, two hours old: its stock key, a row, its planted table. */
  const old = runNames(newRunId(Date.now() - 2 * 3_600_000));
  /** Names like a run's that no run makes, each carrying this process's id (owned-names.ts). */
  const look = {
    sale: `concert-finals-${id}`,
    table: `purchases_plain_it_${id}`,
    keys: [`shop:{it-${id}}:stock`, `ticketsim:{concert-finals-${id}}:stock`],
    topic: `ticketsim.sales.production-${id}`,
    group: `ticketsim-workers-production-${id}`,
  };
  /** Near misses of the write-behind run's own names, filled in once it ran. */
  const near = { key: '', topic: '' };

  afterAll(async () => {
    await stores.redis.del(...look.keys, old.keys.stock, ...(near.key === '' ? [] : [near.key]));
    for (const sale of [look.sale, old.sale]) {
      await stores.mysql.query('DELETE FROM purchases WHERE ticket_name = ?', [sale]);
      await stores.mysql.query('DELETE FROM sale_fences WHERE ticket_name = ?', [sale]);
    }
    for (const table of [look.table, old.plainTable.name]) await stores.mysql.query(`DROP TABLE IF EXISTS \`${table}\``);
    await removeTopicsAndGroups(admin, [look.topic, ...(near.topic === '' ? [] : [near.topic])], [look.group], 0);
  });

  /** Plants the old run's items and every look-alike (near misses of the behind run's names too). */
  async function plant(behind: RunResult): Promise<void> {
    const { redis, mysql } = stores;
    near.key = `${runNames(behind.runId).keys.stock}-${id}`;
    near.topic = `${behind.writeBehind!.topic}.copy-${id}`;
    for (const key of [...look.keys, old.keys.stock, near.key]) await redis.set(key, '5', 'EX', 3600);
    await mysql.query('INSERT INTO purchases (user_id, ticket_name) VALUES ?', [[['u1', look.sale], ['u2', look.sale], ['u1', old.sale]]]);
    await mysql.query('INSERT INTO sale_fences (ticket_name, token) VALUES (?, 7)', [look.sale]);
    await mysql.query(createPlainTableSql({ name: look.table, idempotent: false }));
    await mysql.query(createPlainTableSql(old.plainTable));
    await admin.createTopics({ topics: [look.topic, near.topic].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })), waitForLeaders: true });
    // A group with committed offsets and no member, as a stopped consumer leaves it.
    await admin.setOffsets({ groupId: look.group, topic: look.topic, partitions: [{ partition: 0, offset: '0' }] });
  }

  /** Whether each look-alike is still there. */
  async function lookAlikesLeft() {
    const { redis, mysql } = stores;
    const [[rows]] = await mysql.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM purchases WHERE ticket_name = ?', [look.sale]);
    const [[fences]] = await mysql.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM sale_fences WHERE ticket_name = ?', [look.sale]);
    const [tables] = await mysql.query<RowDataPacket[]>('SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [look.table]);
    const topics = await admin.listTopics();
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId);
    return {
      keys: await redis.exists(...look.keys, near.key),
      rows: Number(rows!.n),
      fences: Number(fences!.n),
      tables: tables.length,
      topics: [look.topic, near.topic].filter((topic) => topics.includes(topic)).length,
      groups: groups.filter((group) => group === look.group).length,
    };
  }
  const allLookAlikes = { keys: 3, rows: 2, fences: 1, tables: 1, topics: 2, groups: 1 };

  it('lists what its runs left and no look-alike, removes exactly those runs, and every look-alike survives', async () => {
    const behind = await stores.run('write-behind', ['--users', '200', '--stock', '100', '--workers', '1', '--keep-topic']);
    expect(behind.code).toBe(0);
    const fenced = await stores.run('oversell', ['--strategy', 'fenced', '--users', '50', '--stock', '10']);
    expect(fenced.code).toBe(0);
    await plant(behind.result);
    expect(await lookAlikesLeft()).toEqual(allLookAlikes);
    const mine = [behind.result.runId, fenced.result.runId, old.runId];

    // A dry run over everything: the other files' runs too, and nothing deleted.
    const listed = await clean('--older-than', '0s', '--dry-run');
    expect(listed.code).toBe(0);
    const ours = listed.report.runs.filter((run) => mine.includes(run.runId));
    const wb = behind.result.writeBehind!;
    expect(ours).toEqual([
      { runId: old.runId, startedAt: expect.any(String), sale: old.sale, redisKeys: [old.keys.stock], mysqlRows: 1, fenceRows: 0, tables: [old.plainTable.name], topics: [], groups: [] },
      {
        runId: behind.result.runId,
        startedAt: expect.any(String),
        sale: behind.result.data.sale,
        redisKeys: [...redisKeysOf(behind.result)].sort(),
        mysqlRows: 100,
        fenceRows: 0,
        tables: [],
        topics: [wb.topic, wb.dlqTopic],
        groups: [wb.group],
      },
      { runId: fenced.result.runId, startedAt: expect.any(String), sale: fenced.result.data.sale, redisKeys: [...redisKeysOf(fenced.result)].sort(), mysqlRows: 10, fenceRows: 1, tables: [], topics: [], groups: [] },
    ]);
    expect(ours[1]!.startedAt <= behind.result.startedAt).toBe(true);
    const lookAlikes = [look.sale, look.table, ...look.keys, look.topic, look.group, near.key, near.topic];
    expect(namesIn(listed.report).filter((name) => lookAlikes.includes(name))).toEqual([]);

    // Two hours old, the planted run is the only one of them an hour's age takes.
    const aged = await clean('--older-than', '1h', '--run', mine.join(','), '--dry-run');
    expect(aged.report).toMatchObject({ runs: [{ runId: old.runId }], younger: 2 });

    const removed = await clean('--run', mine.join(','));
    expect(removed.code).toBe(0);
    expect(removed.report.services.map((service) => service.status)).toEqual(['cleaned', 'cleaned', 'cleaned']);
    expect({ runs: ours.length, ...removed.report.deleted }).toEqual(totalsOf(ours));

    const after = await clean('--older-than', '0s', '--dry-run');
    expect(after.report.runs.filter((run) => mine.includes(run.runId))).toEqual([]);
    expect(await stores.redis.exists(...redisKeysOf(behind.result), ...redisKeysOf(fenced.result), old.keys.stock)).toBe(0);
    expect(await admin.listTopics()).not.toContain(wb.topic);
    expect(await lookAlikesLeft()).toEqual(allLookAlikes);
  }, 120_000);

  it('keeps a run still going on (its group has a live member), however old, and takes it once the member left', async () => {
    const going = runNames(newRunId(Date.now() - 3 * 3_600_000));
    await admin.createTopics({ topics: [{ topic: going.topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const consumer = createKafka({ ...servicesConfig.kafka, connectTimeoutMs: 2000 }, 'ticketsim-it-clean-member').consumer({ groupId: going.group });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [going.topic] });
      // The member is in the group once it has joined: waited for, not slept for.
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.run({ eachMessage: async () => undefined });
      await joined;

      const kept = await clean('--run', going.runId);
      expect(kept.code).toBe(0);
      expect(kept.report).toMatchObject({ runs: [], inUse: 1 });
      expect(await admin.listTopics()).toContain(going.topic);
      const text = await ticketsim(['clean', '--run', going.runId, '--dry-run']);
      expect(text.stdout).toContain('kept: 1 run still going on (a consumer group of its has a live member: a server or a run writing behind); stop it first');
    } finally {
      await consumer.disconnect();
    }
    const taken = await clean('--run', going.runId);
    expect(taken.report).toMatchObject({ runs: [{ runId: going.runId, topics: [going.topic], groups: [going.group] }], inUse: 0 });
    expect(await admin.listTopics()).not.toContain(going.topic);
  }, 60_000);

  it('skips a service it cannot reach with a line naming it, and exits 3 only when it reaches none', async () => {
    const [redisPort, mysqlPort, kafkaPort] = [await closedPort(), await closedPort(), await closedPort()];
    const some = await ticketsim(['clean', '--dry-run', '--redis-url', `redis://127.0.0.1:${redisPort}`]);
    expect(some.code).toBe(0);
    expect(some.stdout).toContain(`redis at 127.0.0.1:${redisPort}: cannot connect (`);
    expect(some.stdout).toMatch(/; skipped\n/);

    const none = await clean('--dry-run', '--redis-url', `redis://127.0.0.1:${redisPort}`, '--mysql-url', `mysql://root@127.0.0.1:${mysqlPort}/ticketsim`, '--kafka-brokers', `127.0.0.1:${kafkaPort}`);
    expect(none.code).toBe(3);
    expect(none.report.services.map((service) => [service.service, service.status])).toEqual([
      ['redis', 'unreachable'],
      ['mysql', 'unreachable'],
      ['kafka', 'unreachable'],
    ]);
  });

  it('refuses a bad age or a name given as a run id with one line, exit 2, before reaching any service', async () => {
    const age = await ticketsim(['clean', '--older-than', '2days']);
    expect([age.code, age.stderr]).toEqual([2, 'ticketsim: --older-than "2days" is not an age like 0s, 30m, 1h or 2d; did you mean 2d?\n']);
    const run = await ticketsim(['clean', '--run', old.sale]);
    expect([run.code, run.stderr]).toEqual([2, `ticketsim: --run "${old.sale}" is not a run id (a result's runId, like mx4n0hrn-e86f); did you mean ${old.runId}?\n`]);
  });
});
