// The write-behind faults against the real Kafka broker and MariaDB:
// - kill-worker: a fleet of worker processes, held mid-write by rows the test keeps locked, one
//   SIGKILLed there and replaced through the fleet, leaves exactly one row per acknowledged
//   purchase, and its totals (the killed worker's last reported figures included) account for
//   every record delivered;
// - redeliver: rewinding the group makes a fresh fleet read everything again, and insert-or-skip
//   keeps the rows unchanged; Kafka refuses the rewind while the group has members;
// - the planted non-idempotent worker: a run's own table without the UNIQUE key, written with a
//   plain INSERT, turns redelivered events into duplicate rows, and is dropped on close.
// Each test owns its topic (`ticketsim.it.<id>`, `<topic>.dlq`), group (`ticketsim-it-<id>`), sale
// (`it-<id>`) and plain table, stops every worker it started and removes only what it created.
import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners } from 'kafkajs';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectKafkaLog } from '../../src/engine/kafka/log.js';
import { connectMysql } from '../../src/engine/mysql/connect.js';
import { PURCHASES_TABLE } from '../../src/engine/mysql/tables.js';
import { runNames } from '../../src/engine/run-names.js';
import { openInfrastructure } from '../../src/engine/infrastructure.js';
import type { EventLog, SaleEvent } from '../../src/engine/ports.js';
import { createRealClock } from '../../src/engine/real-clock.js';
import { startProcessFleet } from '../../src/worker/fleet.js';
import type { FleetSpec, WorkerFleet } from '../../src/engine/ports.js';
import type { WorkerStats } from '../../src/worker/worker.js';
import { kafkaNamesOf, ownedId } from './owned-names.js';
import { holdRows } from './row-hold.js';
import type { RowHold } from './row-hold.js';
import { servicesAvailable, servicesConfig } from './services.js';
import { WORKER_DEFAULTS } from '../../src/config/worker-config.js';

const available = await servicesAvailable('redis', 'mysql', 'kafka');
const timeout = { connectTimeoutMs: servicesConfig.connectTimeoutMs };

/** What one test owns. */
interface Owned {
  id: string;
  topic: string;
  dlqTopic: string;
  group: string;
  sale: string;
}

/** `count` purchase events of one sale, for distinct users `user-0` … */
function purchases(sale: string, count: number): SaleEvent[] {
  return Array.from({ length: count }, (_, i) => ({ type: 'purchased', sale, user: `user-${i}`, id: `user-${i}#0` }));
}

/**
 * For each of `partitions` partitions, the first of `user-<from>` … `user-<to - 1>` that the
 * producer's partitioner (kafkajs's default, as the engine's bus uses) sends there.
 */
function firstUserPerPartition(from: number, to: number, partitions: number): string[] {
  const partitionOf = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
  const first = new Map<number, string>();
  for (let i = from; i < to && first.size < partitions; i++) {
    const user = `user-${i}`;
    const partition = partitionOf({ topic: 'any', partitionMetadata, message: { key: user, value: null } });
    if (!first.has(partition)) first.set(partition, user);
  }
  return [...first.values()];
}

/** The worker-accounted check's equations over a fleet's totals. */
function expectAccounted(stats: WorkerStats, sent: number): void {
  expect(stats.inserted + stats.skipped + stats.deleted + stats.absent + stats.deadLettered).toBe(stats.delivered);
  expect(stats.delivered).toBeGreaterThanOrEqual(sent);
}

describe.skipIf(!available)('write-behind faults on real Kafka + MariaDB', () => {
  const clock = createRealClock();
  const owned: Owned[] = [];
  /** Rows a test holds locked; released after it, in case it failed before releasing them. */
  const holds: RowHold[] = [];
  const held = (hold: RowHold): RowHold => (holds.push(hold), hold);
  const fleets = new Set<WorkerFleet>();
  let log: EventLog;
  let pool: Pool;

  function own(): Owned {
    const id = ownedId();
    const ids = { id, ...kafkaNamesOf(id), sale: `it-${id}` };
    owned.push(ids);
    return ids;
  }

  async function startFleet(ids: Owned, count: number, extra: Partial<FleetSpec> = {}): Promise<WorkerFleet> {
    const fleet = await startProcessFleet({ count, topic: ids.topic, group: ids.group, dlqTopic: ids.dlqTopic, batchSize: 200, writesInFlight: WORKER_DEFAULTS.writesInFlight, services: servicesConfig, ...extra });
    fleets.add(fleet);
    return fleet;
  }

  async function stopFleet(fleet: WorkerFleet): Promise<WorkerStats> {
    fleets.delete(fleet);
    return fleet.stop();
  }

  /** Publishes through the engine's own bus; `redeliver` sends that fraction twice. Resolves with the copies. */
  async function publish(on: EventLog, topic: string, events: readonly SaleEvent[], redeliver = 0): Promise<number> {
    const bus = await on.bus(topic, { redeliver });
    try {
      await Promise.all(events.map((event) => bus.publish(event)));
      return bus.stats().redelivered;
    } finally {
      await bus.close();
    }
  }

  /** Waits until the group has committed all `expected` records of the topic. */
  async function drained(ids: Owned, expected: number, withinMs: number): Promise<void> {
    const deadline = performance.now() + withinMs;
    for (;;) {
      const lag = await log.lag(ids.topic, ids.group);
      if (lag.end === expected && lag.committed === expected) return;
      if (performance.now() > deadline) throw new Error(`group ${ids.group} did not drain within ${withinMs} ms: ${JSON.stringify(lag)}`);
      await sleep(100);
    }
  }

  /** Rows of the sale in `table`, and how many distinct users they belong to. */
  async function rowsOf(sale: string, table = PURCHASES_TABLE): Promise<{ rows: number; users: number }> {
    const [result] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM \`${table}\` WHERE ticket_name = ?`, [sale]);
    return { rows: Number(result[0]?.n), users: Number(result[0]?.users) };
  }

  async function tableExists(table: string): Promise<boolean> {
    const [rows] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?', [table]);
    return Number(rows[0]?.n) > 0;
  }

  beforeAll(async () => {
    log = await connectKafkaLog({ ...servicesConfig.kafka, ...timeout }, clock, 'ticketsim-it-faults');
    pool = await connectMysql({ ...servicesConfig.mysql, ...timeout }, 2);
  });

  afterEach(async () => {
    await Promise.all(holds.splice(0).map((hold) => hold.release()));
    await Promise.all([...fleets].map((fleet) => stopFleet(fleet)));
    for (const ids of owned.splice(0)) {
      await log.deleteTopics([ids.topic, ids.dlqTopic], [ids.group]);
      await pool.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [ids.sale]);
      await pool.query(`DROP TABLE IF EXISTS \`${runNames(`it_${ids.id}`).plainTable.name}\``);
    }
  });

  afterAll(async () => {
    await log?.close();
    await pool?.end();
  });

  it('kill-worker: a worker process SIGKILLed mid-write and replaced loses nothing and duplicates nothing', async () => {
    const ids = own();
    const total = 6_000;
    await log.createTopic(ids.topic, 2);
    // Both workers joined first (one partition each), so no rebalance waits on a held writer.
    const fleet = await startFleet(ids, 2);
    // On each partition, the first user a tenth of the way in is held: each worker writes up to
    // that user's chunk and stops inside its INSERT, uncommitted, however fast the machine is.
    const hold = held(await holdRows(ids.sale, firstUserPerPartition(total / 10, total, 2)));
    await publish(log, ids.topic, purchases(ids.sale, total));
    await hold.untilWaiting(2);

    const { end, committed } = await log.lag(ids.topic, ids.group);
    expect(end - committed).toBeGreaterThan(0);
    const { killed, replaced } = await fleet.kill();
    expect(killed).toMatch(/^pid \d+$/);
    // The victim is gone; the survivor must finish its write before the replacement can join.
    await hold.release();
    await replaced;
    await drained(ids, total, 45_000);
    const stats = await stopFleet(fleet);

    expect(await rowsOf(ids.sale)).toEqual({ rows: total, users: total });
    // A chunk the killed worker wrote but had not reported comes again and is skipped: its rows are
    // not counted as inserted by anyone, and nothing is counted twice as inserted.
    expect(stats.inserted).toBeLessThanOrEqual(total);
    expect(stats.inserted + stats.skipped).toBeGreaterThanOrEqual(total);
    expectAccounted(stats, total);
  }, 90_000);

  it('redeliver: a rewound group reads everything again under a new fleet, and the rows stay as they were', async () => {
    const ids = own();
    const total = 2_000;
    await log.createTopic(ids.topic, 2);
    const first = await startFleet(ids, 1);
    await publish(log, ids.topic, purchases(ids.sale, total));
    await drained(ids, total, 30_000);
    await expect(log.rewindGroup(ids.topic, ids.group)).rejects.toThrow(/no running instances/);
    const before = await stopFleet(first);

    expect(await log.rewindGroup(ids.topic, ids.group)).toBe(total);
    expect(await log.lag(ids.topic, ids.group)).toMatchObject({ end: total, committed: 0 });
    const second = await startFleet(ids, 2);
    await drained(ids, total, 30_000);
    const after = await stopFleet(second);

    expect(await rowsOf(ids.sale)).toEqual({ rows: total, users: total });
    expect(before).toMatchObject({ delivered: total, inserted: total });
    expect(after).toMatchObject({ delivered: total, inserted: 0, skipped: total });
  });

  it('non-idempotent-worker: the plain table and plain insert turn redelivery into duplicate rows, and the table is dropped', async () => {
    const ids = own();
    const total = 1_000;
    const table = runNames(`it_${ids.id}`).plainTable;
    const { infra } = await openInfrastructure({ mode: 'real', services: servicesConfig, needs: ['redis', 'mysql', 'kafka'], poolSize: 2, seed: 1, table });
    try {
      expect(await tableExists(table.name)).toBe(true);
      await infra.log!.createTopic(ids.topic, 1);
      const fleet = await startFleet(ids, 1, { table });
      const copies = await publish(infra.log!, ids.topic, purchases(ids.sale, total), 0.2);
      expect(copies).toBeGreaterThan(0);
      await drained(ids, total + copies, 30_000);
      const stats = await stopFleet(fleet);

      expect(await rowsOf(ids.sale, table.name)).toEqual({ rows: total + copies, users: total });
      expect(stats).toMatchObject({ delivered: total + copies, inserted: total + copies, skipped: 0 });
      const doubled = (await infra.ledger.purchases(ids.sale)).filter((row) => row.rows > 1);
      expect(doubled).toHaveLength(copies);
      // The seed's table got none of it.
      expect(await rowsOf(ids.sale)).toEqual({ rows: 0, users: 0 });
    } finally {
      await infra.close();
    }
    expect(await tableExists(table.name)).toBe(false);
  });
});
