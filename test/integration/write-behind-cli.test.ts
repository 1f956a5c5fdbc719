// `ticketsim run … --write behind` end to end (the built CLI in a child process) on real Redis,
// MariaDB and Kafka, and in-process: the write-behind scenario exits 0 with one row per
// acknowledged purchase read straight from MariaDB; a kept topic's group has no lag left (the
// broker's own offsets); half the events redelivered still give zero duplicate rows with the skips
// reported; spam and cancel-storm hold or fail writing behind as they do writing sync; and with no
// services it runs in-process and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka } from '../../src/engine/kafka/connect.js';
import { removeTopicsAndGroups } from '../../src/engine/kafka/remove.js';
import { failedChecks, readSale, realStores, rowCounts, runScenario, ticketsim } from './cli.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('redis', 'mysql', 'kafka');

describe.skipIf(!available)('writing behind on real Redis, MariaDB and Kafka', () => {
  const kafka = createKafka({ ...servicesConfig.kafka, connectTimeoutMs: 2000 }, 'ticketsim-it-behind');
  const admin = kafka.admin();

  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  // Registered after the admin's hooks, so its cleanup runs first, with the admin still connected.
  const stores = realStores(async (result) => {
    const wb = result.writeBehind;
    if (wb?.kept) {
      await removeTopicsAndGroups(admin, [wb.topic, wb.dlqTopic], [wb.group], 0);
    }
  });

  const behind = (scenario: string, ...args: string[]) => stores.run(scenario, args);


  it('write-behind exits 0 with exactly one row per acknowledged purchase, and the kept group has no lag left', async () => {
    const { code, result } = await behind('write-behind', '--workers', '2', '--keep-topic');
    expect(failedChecks(result)).toEqual([]);
    expect(code).toBe(0);
    expect(result.params).toMatchObject({ users: 10_000, stock: 5000, write: 'behind' });
    const wb = result.writeBehind!;
    expect(wb).toMatchObject({ published: 5000, workers: 2, partitions: 2, kept: true, drained: true, lagRecords: 0 });
    expect(wb.worker).toMatchObject({ inserted: 5000, skipped: 0, delivered: 5000 });
    expect(wb.lag.count).toBe(5000);
    expect(await rowCounts(stores.mysql, result)).toEqual({ rows: 5000, users: 5000 });
    // The broker's own offsets: the group committed everything the topic holds.
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(wb.topic), admin.fetchOffsets({ groupId: wb.group, topics: [wb.topic] })]);
    const byPartition = new Map(committed!.partitions.map((p) => [p.partition, p.offset]));
    expect(ends.map((p) => [p.partition, byPartition.get(p.partition)])).toEqual(ends.map((p) => [p.partition, p.high]));
  });

  it('with half the events redelivered: zero duplicate rows, every copy skipped and reported', async () => {
    const { code, result } = await behind('write-behind', '--users', '4000', '--stock', '2000', '--redeliver', '0.5');
    expect(code).toBe(0);
    const wb = result.writeBehind!;
    expect(wb.redelivered).toBe(1000);
    expect(wb.worker).toMatchObject({ inserted: 2000, skipped: 1000, delivered: 3000 });
    expect(await rowCounts(stores.mysql, result)).toEqual({ rows: 2000, users: 2000 });
    const accounted = result.checks.find((check) => check.name === 'worker-accounted')!;
    expect(accounted.detail).toContain('1,000 skipped');
    // Its topic and group were its own, and are gone.
    expect(await admin.listTopics()).not.toContain(wb.topic);
  });

  it.each(['dcl', 'lua'])('spam holds writing behind with %s', async (strategy) => {
    const { code, result } = await behind('spam', '--write', 'behind', '--strategy', strategy);
    expect(failedChecks(result)).toEqual([]);
    expect(code).toBe(0);
    // A busy machine drains dcl's lock queue slower: some users' every request may end a lock
    // timeout (an outcome the checks allow for), so the rows are what was bought, all 100 when none did.
    const { purchased, lockTimeout } = result.counts;
    expect(await rowCounts(stores.mysql, result)).toEqual({ rows: purchased, users: purchased });
    if (lockTimeout === 0) expect(purchased).toBe(100);
  });

  it('spam catches lock writing behind: repeats reported as purchases, seats leaked, the worker skips the rows', async () => {
    const { code, result } = await behind('spam', '--write', 'behind', '--strategy', 'lock');
    expect(code).toBe(1);
    expect(failedChecks(result)).toEqual(expect.arrayContaining(['conservation', 'reported-once-per-user']));
    expect(result.writeBehind!.worker.skipped).toBeGreaterThan(0);
    expect(failedChecks(result)).not.toContain('no-lost-write');
  });

  it('cancel-storm holds writing behind with dcl: the storm reads the drained sell-out, nothing created', async () => {
    const { code, result } = await behind('cancel-storm', '--write', 'behind', '--strategy', 'dcl', '--users', '300');
    expect(failedChecks(result)).toEqual([]);
    expect(code).toBe(0);
    const stored = await readSale(stores.redis, stores.mysql, result);
    expect(stored.stock + stored.rows).toBe(100);
    // Every honoured cancel's row was deleted by the worker: 50, unless a busy machine's lock queue
    // timed some cancels out (an outcome, counted).
    expect(result.writeBehind!.worker.deleted).toBe(result.counts.cancelled);
    if (result.counts.lockTimeout === 0) expect(result.counts.cancelled).toBe(50);
  });
});

describe('writing behind in-process', () => {
  it('runs write-behind with no services at all, says so, and exits 0', async () => {
    // Addresses nothing listens on: --infra memory never asks them.
    const env = {
      ...process.env,
      TICKETSIM_REDIS_URL: 'redis://127.0.0.1:1',
      TICKETSIM_MYSQL_URL: 'mysql://root@127.0.0.1:2/ticketsim',
      TICKETSIM_KAFKA_BROKERS: '127.0.0.1:3',
    };
    const { code, result } = await runScenario('write-behind', ['--infra', 'memory'], env);
    expect(code).toBe(0);
    expect(result.infra).toBe('memory');
    expect(result.infraReason).toBe('--infra memory');
    expect(result.writeBehind).toMatchObject({ published: 5000, drained: true });
    expect(result.checks.every((check) => check.ok)).toBe(true);
  });

  it('is reproducible from its seed', async () => {
    const [a, b] = await Promise.all([
      runScenario('write-behind', ['--infra', 'memory', '--users', '2000', '--stock', '1000', '--seed', '5', '--redeliver', '0.2']),
      runScenario('write-behind', ['--infra', 'memory', '--users', '2000', '--stock', '1000', '--seed', '5', '--redeliver', '0.2']),
    ]);
    expect(a.result.counts).toEqual(b.result.counts);
    expect(a.result.writeBehind!.lag).toEqual(b.result.writeBehind!.lag);
    expect(a.result.writeBehind!.worker).toEqual(b.result.writeBehind!.worker);
  });

  it.each([
    [['run', 'oversell', '--workers', '2'], 'ticketsim: --workers applies to --write behind only'],
    [['run', 'oversell', '--write', 'later'], 'ticketsim: --write "later" is not one of sync, behind'],
    [['run', 'write-behind', '--redeliver', '2'], 'ticketsim: --redeliver must be a fraction from 0 to 1 (got 2)'],
    [['run', 'write-behind', '--drain-timeout', '0'], 'ticketsim: --drain-timeout must be a whole number from 1 to 3600 (got 0)'],
    [['run', 'write-behind', '--write', 'sync'], 'ticketsim: the write-behind scenario always writes behind; --write sync does not apply'],
    [['worker', '--batch-size', 'lots'], 'ticketsim: --batch-size must be a whole number from 1 to 10000 (got not a number)'],
  ])('%j exits 2 with one line', async (args, message) => {
    const { code, stdout, stderr } = await ticketsim([...args, ...(args[0] === 'run' ? ['--infra', 'memory'] : [])]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(message);
  });
});
