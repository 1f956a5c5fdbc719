// `ticketsim worker --metrics-port 0` on real Kafka and MariaDB, as an operator runs it (the built
// CLI in a child process): K purchase events of the test's own sale, published to a topic of its
// own through the engine's bus, are consumed by the worker, and once its scrape says it has caught
// up (K consumed, no lag on any partition; awaited, never slept for) the scrape shows K rows
// inserted, none skipped or dead-lettered, a commit timed per batch, the lag per partition, and
// promtool accepts it. SIGTERM stops it with exit 0; its topics, group and rows are removed.
import { spawn } from 'node:child_process';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../src/config/defaults.js';
import { formatBrokers } from '../../src/config/endpoints.js';
import { connectKafkaLog } from '../../src/engine/kafka/log.js';
import { connectMysql } from '../../src/engine/mysql/connect.js';
import { PURCHASES_TABLE } from '../../src/engine/mysql/tables.js';
import type { EventLog, SaleEvent } from '../../src/engine/ports.js';
import { createRealClock } from '../../src/engine/real-clock.js';
import { BIN, until } from './cli.js';
import { kafkaNamesOf, ownedId } from './owned-names.js';
import { checkMetrics, promtool, sampleSum, samples, scrape } from './scrape.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('mysql', 'kafka');
const timeout = { connectTimeoutMs: servicesConfig.connectTimeoutMs };
const EVENTS = 200;
const PARTITIONS = 2;

describe.skipIf(!available)('ticketsim worker --metrics-port', () => {
  const id = ownedId();
  const { topic, dlqTopic, group } = kafkaNamesOf(id);
  const sale = `it-${id}`;
  let log: EventLog;
  let pool: Awaited<ReturnType<typeof connectMysql>>;

  beforeAll(async () => {
    log = await connectKafkaLog({ ...servicesConfig.kafka, ...timeout }, createRealClock(), 'ticketsim-it-worker-metrics');
    pool = await connectMysql({ ...servicesConfig.mysql, ...timeout }, 1);
  });

  afterAll(async () => {
    await log?.deleteTopics([topic, dlqTopic], [group]);
    await pool?.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]);
    await log?.close();
    await pool?.end();
  });

  it('counts records, rows, batches and commits, and keeps the lag per partition; SIGTERM exits 0', async () => {
    await log.createTopic(topic, PARTITIONS);
    const events: SaleEvent[] = Array.from({ length: EVENTS }, (_, i) => ({ type: 'purchased', sale, user: `user-${i}`, id: `user-${i}#0` }));
    const bus = await log.bus(topic);
    try {
      await Promise.all(events.map((event) => bus.publish(event)));
    } finally {
      await bus.close();
    }

    const env = { ...process.env, [ENV.mysqlUrl]: servicesConfig.mysql.url, [ENV.kafkaBrokers]: formatBrokers(servicesConfig.kafka.brokers) };
    const child = spawn(BIN, ['worker', '--topic', topic, '--group', group, '--batch-size', '50', '--metrics-port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const ended = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      const url = await until('the worker said where its metrics are', () => /^metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)$/m.exec(stderr)?.[1]);
      const labels = { topic, group };
      const caughtUp = (text: string) => {
        const lag = samples(text, 'ticketsim_worker_lag_records', labels);
        return sampleSum(text, 'ticketsim_worker_records_consumed_total', labels) === EVENTS && lag.length === PARTITIONS && lag.every((line) => line.endsWith(' 0'));
      };
      const text = await until(`the worker to consume ${EVENTS} records and report no lag on its ${PARTITIONS} partitions`, async () => {
        const scraped = await scrape(url);
        return caughtUp(scraped) && scraped;
      });

      expect(sampleSum(text, 'ticketsim_worker_rows_inserted_total', labels)).toBe(EVENTS);
      expect(sampleSum(text, 'ticketsim_worker_rows_skipped_total', labels)).toBe(0);
      expect(sampleSum(text, 'ticketsim_worker_dead_lettered_total', labels)).toBe(0);
      const batches = sampleSum(text, 'ticketsim_worker_batches_total', labels);
      expect(batches).toBeGreaterThanOrEqual(1);
      expect(sampleSum(text, 'ticketsim_worker_commit_seconds_count', labels)).toBe(batches);
      expect(samples(text, 'ticketsim_worker_lag_records', labels).map((line) => /partition="(\d+)"/.exec(line)![1]).sort()).toEqual(['0', '1']);
      const [[rows]] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]);
      expect(Number(rows!.n)).toBe(EVENTS);
      expect(text).not.toMatch(/user-\d/);
      if (promtool) expect(checkMetrics(text)).toEqual({ status: 0, said: '' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await ended).toBe(0);
  });
});
