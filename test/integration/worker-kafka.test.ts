// The write-behind worker (`ticketsim worker`) against the real Kafka broker and MariaDB:
// - a group of two worker processes splits a 2-partition topic and turns 10,000 events into exactly
//   10,000 rows;
// - copies of events injected by an outside producer are skipped by the UNIQUE key, not written twice;
// - malformed records go to `<topic>.dlq` with their reason in a header, and the worker keeps going;
// - a worker SIGKILLed mid-write (held there by a row the test keeps locked) and replaced by another
//   in its group loses nothing and duplicates nothing (commits follow the writes: at least once,
//   made harmless by insert-or-skip);
// - a worker a run started stops (finishing its batch, leaving its group) once the run is gone;
// - a group whose worker was SIGKILLed is deleted, with its topics, once the dead member's session ends;
// - a purchase whose event cannot reach a broker hands its Redis seat back and counts as an error.
// Each test owns its ids (topics `ticketsim.it.<id>` and `<topic>.dlq`, groups `ticketsim-it-<id>…`,
// sale `it-<id>`), stops every worker it started and removes only what it created.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { AssignerProtocol } from 'kafkajs';
import type { Admin, IHeaders, KafkaMessage } from 'kafkajs';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../closed-port.js';
import { ENV } from '../../src/config/defaults.js';
import { createBatchingBus } from '../../src/engine/batching-bus.js';
import { encodeEvent } from '../../src/engine/events.js';
import { formatBrokers } from '../../src/config/endpoints.js';
import { WORKER_DEFAULTS } from '../../src/config/worker-config.js';
import { createKafka } from '../../src/engine/kafka/connect.js';
import { connectKafkaLog } from '../../src/engine/kafka/log.js';
import { connectMysql } from '../../src/engine/mysql/connect.js';
import { createMysqlLedger } from '../../src/engine/mysql/ledger.js';
import { PURCHASES_TABLE } from '../../src/engine/mysql/tables.js';
import type { EventLog, Ledger, SaleEvent } from '../../src/engine/ports.js';
import { createRealClock } from '../../src/engine/real-clock.js';
import { connectRedis } from '../../src/engine/redis/connect.js';
import { createRedisInventory } from '../../src/engine/redis/inventory.js';
import { saleKeyList } from '../../src/engine/redis/keys.js';
import { createRedlockLocks } from '../../src/engine/redis/locks.js';
import { createBehindWriter, createStrategy } from '../../src/engine/strategies/index.js';
import { Burst } from '../../src/scenarios/burst.js';
import { OperationLatencies } from '../../src/scenarios/latency-recorder.js';
import { startProcessFleet } from '../../src/worker/fleet.js';
import type { WorkerFleet } from '../../src/engine/ports.js';
import type { WorkerStats } from '../../src/worker/worker.js';
import { BIN } from './cli.js';
import { kafkaNamesOf, ownedId } from './owned-names.js';
import { holdRows } from './row-hold.js';
import type { RowHold } from './row-hold.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('redis', 'mysql', 'kafka');
const timeout = { connectTimeoutMs: servicesConfig.connectTimeoutMs };
const kafkaTarget = { ...servicesConfig.kafka, ...timeout };
const POOL_SIZE = 4;

/** What one test owns: its topic (and dead-letter topic), consumer groups and sale. */
interface Owned {
  id: string;
  topic: string;
  dlqTopic: string;
  group: string;
  /** Consumer groups besides the workers' one (e.g. a reader of the dead-letter topic). */
  otherGroups: string[];
  sale: string;
}

/** `count` purchase events of one sale, for distinct users `user-0` … */
function purchases(sale: string, count: number): SaleEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const user = `user-${i}`;
    return { type: 'purchased', sale, user, id: `${user}#0` };
  });
}

/** A record header as text. */
function header(headers: IHeaders | undefined, name: string): string | undefined {
  return headers?.[name]?.toString();
}

/** The JSON lines a `ticketsim worker --json` process printed, parsed. */
function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe.skipIf(!available)('the write-behind worker on real Kafka + MariaDB', () => {
  const clock = createRealClock();
  const kafka = createKafka(kafkaTarget, 'ticketsim-it-worker');
  const owned: Owned[] = [];
  /** Rows a test holds locked; released after it, in case it failed before releasing them. */
  const holds: RowHold[] = [];
  const held = (hold: RowHold): RowHold => (holds.push(hold), hold);
  const fleets = new Set<WorkerFleet>();
  const children = new Set<ChildProcess>();
  let log: EventLog;
  let admin: Admin;
  let pool: Pool;
  let ledger: Ledger;
  let redis: Redis;

  function own(): Owned {
    const id = ownedId();
    const ids = { id, ...kafkaNamesOf(id), otherGroups: [], sale: `it-${id}` };
    owned.push(ids);
    return ids;
  }

  async function startFleet(ids: Owned, count: number, batchSize: number): Promise<WorkerFleet> {
    const fleet = await startProcessFleet({ count, topic: ids.topic, group: ids.group, dlqTopic: ids.dlqTopic, batchSize, writesInFlight: WORKER_DEFAULTS.writesInFlight, services: servicesConfig });
    fleets.add(fleet);
    return fleet;
  }

  async function stopFleet(fleet: WorkerFleet): Promise<WorkerStats> {
    fleets.delete(fleet);
    return fleet.stop();
  }

  /** Publishes through the engine's own bus (the idempotent producer the strategies use). */
  async function publish(topic: string, events: readonly SaleEvent[]): Promise<void> {
    const bus = await log.bus(topic);
    try {
      await Promise.all(events.map((event) => bus.publish(event)));
    } finally {
      await bus.close();
    }
  }

  /** Waits until the group has committed every one of the topic's `expected` records. */
  async function drained(topic: string, group: string, expected: number, withinMs: number): Promise<void> {
    const deadline = performance.now() + withinMs;
    for (;;) {
      const lag = await log.lag(topic, group);
      if (lag.end === expected && lag.committed === expected) return;
      if (performance.now() > deadline) throw new Error(`group ${group} did not drain ${topic} within ${withinMs} ms: ${JSON.stringify(lag)}`);
      await sleep(100);
    }
  }

  /** Rows of the sale in MySQL and how many distinct users they belong to. */
  async function rowsOf(sale: string): Promise<{ rows: number; users: number }> {
    const [result] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]);
    return { rows: Number(result[0]?.n), users: Number(result[0]?.users) };
  }

  /** Starts one `ticketsim worker --json` process directly, as an operator would. */
  function spawnWorker(ids: Owned, batchSize: number, extra: readonly string[] = []): { process: ChildProcess; output: () => { stdout: string; stderr: string } } {
    const env = {
      ...process.env,
      [ENV.mysqlUrl]: servicesConfig.mysql.url,
      [ENV.kafkaBrokers]: formatBrokers(servicesConfig.kafka.brokers),
    };
    const args = [BIN, 'worker', '--json', '--topic', ids.topic, '--group', ids.group, '--batch-size', String(batchSize), ...extra];
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return { process: child, output: () => ({ stdout, stderr }) };
  }

  /** Sends `signal` and resolves once the process has exited and its output is closed. */
  async function signalAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await closed;
    children.delete(child);
  }

  /** Reads the first `count` records of a one-partition topic through a consumer group of its own. */
  async function readTopic(topic: string, group: string, count: number): Promise<KafkaMessage[]> {
    const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    const messages: KafkaMessage[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read ${messages.length} of ${count} records of ${topic} within 15 s`)), 15_000);
        consumer
          .run({
            eachMessage: async ({ message }) => {
              messages.push(message);
              if (messages.length >= count) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  beforeAll(async () => {
    log = await connectKafkaLog(kafkaTarget, clock, 'ticketsim-it-worker');
    admin = kafka.admin();
    await admin.connect();
    pool = await connectMysql({ ...servicesConfig.mysql, ...timeout }, POOL_SIZE);
    ledger = createMysqlLedger(pool, { clock, poolSize: POOL_SIZE });
    redis = await connectRedis({ ...servicesConfig.redis, ...timeout });
  });

  afterEach(async () => {
    await Promise.all(holds.splice(0).map((hold) => hold.release()));
    // Workers first (a failed test may leave some running), then exactly what the test created.
    await Promise.all([...fleets].map((fleet) => stopFleet(fleet)));
    await Promise.all([...children].map((child) => (child.exitCode === null && child.signalCode === null ? signalAndWait(child, 'SIGKILL') : undefined)));
    children.clear();
    // Through the log that created and watched the topics: its admin client forgets them as it deletes.
    for (const ids of owned.splice(0)) {
      await log.deleteTopics([ids.topic, ids.dlqTopic], [ids.group, ...ids.otherGroups]);
      await redis.del(...saleKeyList(ids.sale));
      await pool.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [ids.sale]);
    }
  });

  afterAll(async () => {
    await log?.close();
    await admin?.disconnect();
    await pool?.end();
    redis?.disconnect();
  });

  it('a group of 2 worker processes persists 10,000 events', async () => {
    const ids = own();
    const total = 10_000;
    await log.createTopic(ids.topic, 2);
    const fleet = await startFleet(ids, 2, 500);

    // The work is split by partition: once both have joined, each member holds exactly one of the two.
    const { groups } = await admin.describeGroups([ids.group]);
    const assigned = (groups[0]?.members ?? []).map((member) => AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment[ids.topic] ?? []);
    expect(assigned.map((partitions) => partitions.length)).toEqual([1, 1]);
    expect(assigned.flat().sort()).toEqual([0, 1]);

    await publish(ids.topic, purchases(ids.sale, total));
    await drained(ids.topic, ids.group, total, 30_000);
    // Users are spread over both partitions by key (5,053 and 4,947 of these ids), so each worker
    // wrote and committed a share of its own.
    const [committed] = (await admin.fetchOffsets({ groupId: ids.group })).filter((entry) => entry.topic === ids.topic);
    expect(committed?.partitions.map((partition) => Number(partition.offset)).every((offset) => offset > 0)).toBe(true);
    const final = await stopFleet(fleet);

    expect(await rowsOf(ids.sale)).toEqual({ rows: total, users: total });
    const rows = await ledger.purchases(ids.sale);
    expect(rows.every((row) => row.rows === 1)).toBe(true);
    expect(new Set(rows.map((row) => row.userId))).toEqual(new Set(purchases(ids.sale, total).map((event) => event.user)));
    expect(final).toMatchObject({ delivered: total, inserted: total, skipped: 0, deadLettered: 0 });
  });

  it('duplicates injected by an outside producer are skipped', async () => {
    const ids = own();
    const count = 1_000;
    const events = purchases(ids.sale, count);
    await log.createTopic(ids.topic, 1);
    const fleet = await startFleet(ids, 1, 500);
    await publish(ids.topic, events);
    await drained(ids.topic, ids.group, count, 20_000);
    expect(await rowsOf(ids.sale)).toEqual({ rows: count, users: count });

    // The same records again, byte for byte, from a plain producer the engine knows nothing about.
    const outsider = kafka.producer({ allowAutoTopicCreation: false });
    await outsider.connect();
    try {
      await outsider.send({ topic: ids.topic, acks: -1, messages: events.map(encodeEvent) });
    } finally {
      await outsider.disconnect();
    }
    await drained(ids.topic, ids.group, 2 * count, 20_000);
    const final = await stopFleet(fleet);

    expect(await rowsOf(ids.sale)).toEqual({ rows: count, users: count });
    expect(final).toMatchObject({ delivered: 2 * count, inserted: count, skipped: count, deadLettered: 0 });
  });

  it('a malformed message lands in the dead-letter topic and the worker keeps going', async () => {
    const ids = own();
    const reader = `${ids.group}-dlq-reader`;
    ids.otherGroups.push(reader);
    const valid = purchases(ids.sale, 100);
    const unknownType = JSON.stringify({ v: 1, type: 'refunded', sale: ids.sale, user: 'user-x', id: 'user-x#0' });
    await log.createTopic(ids.topic, 1);
    const fleet = await startFleet(ids, 1, 500);

    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      // One partition: the malformed records come first, the valid events after them.
      const malformed = [
        { key: 'user-bad', value: 'not json' },
        { key: 'user-x', value: unknownType },
      ];
      await producer.send({ topic: ids.topic, acks: -1, messages: [...malformed, ...valid.map(encodeEvent)] });
    } finally {
      await producer.disconnect();
    }
    await drained(ids.topic, ids.group, valid.length + 2, 20_000);
    const final = await stopFleet(fleet);

    expect(await rowsOf(ids.sale)).toEqual({ rows: valid.length, users: valid.length });
    expect(final).toMatchObject({ delivered: valid.length + 2, inserted: valid.length, skipped: 0, deadLettered: 2 });

    const letters = await readTopic(ids.dlqTopic, reader, 2);
    expect(
      letters.map((letter) => ({
        key: letter.key?.toString(),
        value: letter.value?.toString(),
        reason: header(letter.headers, 'reason'),
        sourceTopic: header(letter.headers, 'source-topic'),
        sourceOffset: header(letter.headers, 'source-offset'),
      })),
    ).toEqual([
      { key: 'user-bad', value: 'not json', reason: 'value is not JSON', sourceTopic: ids.topic, sourceOffset: '0' },
      { key: 'user-x', value: unknownType, reason: 'unknown type "refunded"', sourceTopic: ids.topic, sourceOffset: '1' },
    ]);
  });

  it('a worker SIGKILLed mid-write and restarted loses nothing and duplicates nothing', async () => {
    const ids = own();
    const total = 6_000;
    await log.createTopic(ids.topic, 1);
    // The row of the user a tenth of the way in is held by the test: the worker writes every chunk
    // before it, then waits inside the INSERT of that user's chunk, uncommitted.
    const hold = held(await holdRows(ids.sale, [`user-${total / 10}`]));
    await publish(ids.topic, purchases(ids.sale, total));
    const first = spawnWorker(ids, 200);
    await hold.untilWaiting(1);
    await signalAndWait(first.process, 'SIGKILL');
    expect(first.process.signalCode).toBe('SIGKILL');
    const atKill = (await rowsOf(ids.sale)).rows;
    expect(atKill).toBeLessThan(total);
    // Its INSERT may still complete on the server once the hold goes: written, never committed.
    await hold.release();
    // The dead member keeps the partition until the broker expires its session; then the
    // replacement resumes after the last committed offset.
    const second = spawnWorker(ids, 200);
    await drained(ids.topic, ids.group, total, 45_000);
    await signalAndWait(second.process, 'SIGTERM');
    const stopped = jsonLines(second.output().stdout).find((line) => line.event === 'stopped');

    expect(await rowsOf(ids.sale)).toEqual({ rows: total, users: total });
    expect(stopped).toMatchObject({ deadLettered: 0 });
    // The replacement re-read at least all the dead worker had not committed (commits follow writes,
    // so at most `atKill`) and wrote only the rows still missing (everything after the held chunk at
    // least); a chunk written but not committed came again and was skipped.
    const [delivered, inserted, skipped] = [stopped?.delivered, stopped?.inserted, stopped?.skipped].map(Number) as [number, number, number];
    expect(delivered).toBeGreaterThanOrEqual(total - atKill);
    expect(inserted).toBeGreaterThan(0);
    expect(inserted).toBeLessThanOrEqual(total - atKill);
    expect(inserted + skipped).toBe(delivered);
  }, 60_000);

  it('a worker a run started stops like on SIGTERM once the run is gone (its stdin closes), leaving its group', async () => {
    const ids = own();
    await log.createTopic(ids.topic, 1);
    await publish(ids.topic, purchases(ids.sale, 100));
    const worker = spawnWorker(ids, 50, ['--stop-with-parent']);
    await drained(ids.topic, ids.group, 100, 20_000);
    const exited = new Promise<number | null>((resolve) => worker.process.once('close', resolve));
    // What the kernel does to the pipe when the run that holds its other end dies, however it dies.
    worker.process.stdin!.end();
    expect(await exited).toBe(0);
    expect(jsonLines(worker.output().stdout).at(-1)).toMatchObject({ event: 'stopped', inserted: 100 });
    const { groups } = await admin.describeGroups([ids.group]);
    expect(groups[0]).toMatchObject({ state: 'Empty', members: [] });
  });

  it('a group whose worker was just SIGKILLed is deleted with its topics once the dead member\'s session ends', async () => {
    const ids = own();
    await log.createTopic(ids.topic, 1);
    await publish(ids.topic, purchases(ids.sale, 100));
    const worker = spawnWorker(ids, 50);
    await drained(ids.topic, ids.group, 100, 20_000);
    await signalAndWait(worker.process, 'SIGKILL');
    // The broker still counts the dead member: a plain delete is refused (NON_EMPTY_GROUP) for seconds.
    await log.deleteTopics([ids.topic, ids.dlqTopic], [ids.group]);
    expect((await admin.listTopics()).filter((topic) => topic.startsWith(ids.topic))).toEqual([]);
    expect((await admin.listGroups()).groups.map((group) => group.groupId)).not.toContain(ids.group);
  });

  it('publishing to a broker that is down hands the seat back and counts an error', async () => {
    const ids = own();
    const stock = 3;
    const inventory = createRedisInventory(redis);
    await inventory.createSale(ids.sale, stock);

    // A producer for a broker address nothing listens on: every produce request fails at connect.
    const down = createKafka({ brokers: [{ host: '127.0.0.1', port: await closedPort() }], connectTimeoutMs: 500 }, `ticketsim-it-${ids.id}`, { retries: 0 });
    const producer = down.producer({ allowAutoTopicCreation: false });
    const bus = createBatchingBus({
      clock,
      send: async (messages) => {
        await producer.connect();
        await producer.send({ topic: ids.topic, acks: -1, messages });
      },
      close: () => producer.disconnect(),
    });
    try {
      const strategy = createStrategy('lua', { inventory, writer: createBehindWriter(bus), locks: createRedlockLocks(redis), clock });
      const started = performance.now();
      await expect(strategy.purchase(ids.sale, 'user-0')).rejects.toThrow(/ECONNREFUSED|Connection error/);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(await inventory.inspect(ids.sale)).toEqual({ stock, buyers: [] });

      // Run through the scenarios' Burst, the same failure is an error with its cause, never an outcome.
      const burst = new Burst({
        total: stock,
        maxInFlight: stock,
        clock,
        latency: new OperationLatencies(),
        attempt: async (index, act) => {
          await act('purchase', () => strategy.purchase(ids.sale, `user-${index}`));
        },
      });
      await burst.run();
      expect(burst.counts).toMatchObject({ attempts: stock, errors: stock, purchased: 0, soldOut: 0, duplicate: 0, lockTimeout: 0 });
      expect(burst.errorCauses()).toEqual([{ cause: expect.stringMatching(/ECONNREFUSED|Connection error/), count: stock }]);
      expect(await inventory.inspect(ids.sale)).toEqual({ stock, buyers: [] });
    } finally {
      await bus.close();
    }
  });
});
