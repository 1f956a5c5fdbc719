// Benchmarks of write-behind (v4.5) on the real services, each against a reference measured in the
// same run on the same machine and the same MySQL table:
//   A. worker throughput, rows/s: N purchase events of one sale (distinct users) published to a
//      fresh topic, then drained by `ticketsim worker` processes (batch size 500): one worker on one
//      partition, and two workers on two partitions. References: the worker's own SQL without Kafka,
//      multi-row `INSERT IGNORE … VALUES ?` in chunks of 500 through mysql2 (one connection; two
//      connections side by side for the two workers), and the seed's original worker, one
//      `INSERT … VALUES (?, ?)` per row through one connection.
//      Timed window, start-up EXCLUDED: the events are all published (and acknowledged) first.
//      A member of the bench's own joins the group first and, as its leader, hands out no partition
//      until every worker has joined (otherwise the first of two workers to join drains alone until
//      the other arrives). Then the fleet is started: process spawn, connections and group joins
//      are untimed (their duration is shown). The clock runs from the moment the partitions are
//      handed to the workers to the first poll of the broker's offsets showing the group committed
//      to the end of the log; the offsets look-up and first fetch are inside. The broker is asked
//      for offsets (every 2 ms) only once the workers' own lines (--json, one per chunk written) say
//      every record was written: asked all along, it would take CPU from the workers on the same
//      cores. Also shown, labelled: the rate from the first chunk written on (the offsets look-up
//      and first fetch left out). After a measurement's rows are deleted, the next one waits for
//      InnoDB to purge them (history list length 0, at most 5 s), so none pays for the one before.
//      Why a backlog rather than starting the workers first and timing from the first publish's
//      ack: ticketsim's producer (the batching bus) publishes slower than one worker writes, so that
//      window would time the producer, not the worker; the references too write rows already in hand.
//   B. purchase latency of 10,000 buyers at once (oversell, lua), 5,000 seats and a sell-out of
//      10,000: --write behind against --write sync (the reference): purchase p50/p99, behind/sync,
//      and writing behind, the lag from a buyer's acknowledgement to the row in MySQL, and the drain.
// Usage: npm run bench:behind (or, once built: node bench/write-behind-bench.mjs [--quick])
// Every topic, group, key and row it creates is its own (bench-<id> names, its runs' sales) and is
// removed at the end; the clean-up is verified and printed.
import './as-launched.mjs';
import { randomBytes } from 'node:crypto';
import kafkajs from 'kafkajs';
import { loadConfig } from '../dist/config/config.js';
import { connectKafkaLog } from '../dist/engine/kafka/log.js';
import { createKafka } from '../dist/engine/kafka/connect.js';
import { connectMysql } from '../dist/engine/mysql/connect.js';
import { connectRedis } from '../dist/engine/redis/connect.js';
import { saleKeyList } from '../dist/engine/redis/keys.js';
import { PURCHASES_TABLE } from '../dist/engine/mysql/tables.js';
import { createRealClock } from '../dist/engine/real-clock.js';
import { startProcessFleet } from '../dist/worker/fleet.js';
import { WORKER_DEFAULTS } from '../dist/config/worker-config.js';
import { workerLauncher } from '../dist/cli/workers.js';
import { runNames } from '../dist/engine/run-names.js';
import { startRun } from '../dist/runner/run.js';

const quick = process.argv.includes('--quick');
const events = quick ? 10_000 : 50_000;
const reps = quick ? 1 : 3;
// A run's lag p99 is its worst hundred rows, often one stall of a busy machine: more runs for B.
const latencyReps = quick ? 1 : 5;
const BATCH = 500;
const POLL_MS = 2;
const PURGE_WAIT_MS = 5000;
const services = loadConfig({}).services;
const target = (s) => ({ ...s, connectTimeoutMs: services.connectTimeoutMs });
const id = randomBytes(3).toString('hex');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const ms = (us) => (us / 1000).toFixed(1);
const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));

// Everything this script creates, for the clean-up.
const created = { topics: new Set(), groups: new Set(), sales: new Set(), runIds: [] };
const fleets = new Set();
const gates = new Set();
const userOf = (i) => `user-${i}`;

const { AssignerProtocol } = kafkajs;
const clock = createRealClock();
const log = await connectKafkaLog(target(services.kafka), clock, `ticketsim-bench-${id}`);
const admin = createKafka(target(services.kafka), `ticketsim-bench-${id}-admin`).admin();
await admin.connect();
const redis = await connectRedis(target(services.redis));
const pool = await connectMysql(target(services.mysql), 2);
const removeRows = (sale) => pool.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]);
const historyLength = async () => Number((await pool.query("SHOW GLOBAL STATUS LIKE 'Innodb_history_list_length'"))[0][0]?.Value ?? 0);
/** Deletes a measurement's rows, then waits (at most PURGE_WAIT_MS) until InnoDB has purged them. */
async function removeRowsAndPurge(sale) {
  await removeRows(sale);
  const until = performance.now() + PURGE_WAIT_MS;
  while ((await historyLength()) > 0 && performance.now() < until) await sleep(50);
}
const countRows = async (sale) => Number((await pool.query(`SELECT COUNT(*) AS n FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]))[0][0].n);

/** A fresh topic of `partitions` holding `events` purchases of `sale`, all acknowledged. */
async function backlog(name, partitions, sale) {
  const topic = `ticketsim.bench-${id}.${name}`;
  created.topics.add(topic);
  created.topics.add(`${topic}.dlq`);
  await log.createTopic(topic, partitions);
  const bus = await log.bus(topic);
  try {
    await Promise.all(Array.from({ length: events }, (_, i) => bus.publish({ type: 'purchased', sale, user: userOf(i), id: `${sale}-${i}` })));
  } finally {
    await bus.close();
  }
  return topic;
}

/**
 * A member of the group that joins before the workers and so leads it: its assigner (under the
 * workers' protocol name, so the coordinator accepts both) hands out no partition until `count`
 * workers are members, then spreads them round-robin over the workers only, never itself.
 * `assigned` resolves with that moment: the start of the timed window.
 */
async function openGate(topic, group, count) {
  const clientId = `ticketsim-bench-${id}-gate`;
  let markAssigned;
  const assigned = new Promise((resolve) => (markAssigned = resolve));
  let assignedAt;
  const gateAssigner = ({ cluster }) => ({
    name: 'RoundRobinAssigner',
    version: 0,
    protocol: ({ topics }) => ({ name: 'RoundRobinAssigner', metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics }) }),
    async assign({ members, topics }) {
      const workers = members.map((member) => member.memberId).filter((memberId) => !memberId.startsWith(clientId)).sort();
      if (workers.length < count) return [];
      const byWorker = new Map(workers.map((worker) => [worker, {}]));
      topics
        .flatMap((t) => cluster.findTopicPartitionMetadata(t).map((partition) => [t, partition.partitionId]))
        .forEach(([t, partition], i) => (byWorker.get(workers[i % workers.length])[t] ??= []).push(partition));
      if (assignedAt === undefined) markAssigned((assignedAt = performance.now()));
      return [...byWorker].map(([memberId, assignment]) => ({ memberId, memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment }) }));
    },
  });
  const consumer = createKafka(target(services.kafka), clientId).consumer({
    groupId: group,
    partitionAssigners: [gateAssigner],
    // Owning no partition, a kafkajs consumer sleeps maxWaitTimeInMs between heartbeats: keep it short.
    maxWaitTimeInMs: 100,
    heartbeatInterval: 100,
    sessionTimeout: 10_000,
    allowAutoTopicCreation: false,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.run({ autoCommit: false, eachBatch: async () => { throw new Error('the gate was handed records'); } });
    await joined;
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }
  return { assigned, close: () => consumer.disconnect() };
}

/** Drains a backlog with `count` worker processes; rows/s over the window described at the top. */
async function workerRate(name, partitions, count) {
  const sale = `bench-${id}-${name}`;
  created.sales.add(sale);
  const topic = await backlog(name, partitions, sale);
  const group = `ticketsim-bench-${id}-${name}`;
  created.groups.add(group);
  const gate = await openGate(topic, group, count);
  gates.add(gate);
  const spawned = performance.now();
  const starting = startProcessFleet({ count, topic, group, dlqTopic: `${topic}.dlq`, batchSize: BATCH, writesInFlight: WORKER_DEFAULTS.writesInFlight, services });
  fleets.add(starting);
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`${name}: the workers were not handed the partitions within 60 s`)), 60_000).unref());
  const t0 = await Promise.race([gate.assigned, starting.then(() => Promise.race([gate.assigned, timeout])), timeout]);
  const fleet = await starting;
  let firstWrite;
  while (fleet.stats().delivered < events) {
    await sleep(POLL_MS);
    const { delivered } = fleet.stats();
    if (firstWrite === undefined && delivered > 0) firstWrite = { at: performance.now(), written: delivered };
  }
  let now = await log.lag(topic, group);
  while (now.committed < now.end) {
    await sleep(POLL_MS);
    now = await log.lag(topic, group);
  }
  const t1 = performance.now();
  const stats = await fleet.stop();
  fleets.delete(starting);
  await gate.close();
  gates.delete(gate);
  const rows = await countRows(sale);
  await removeRowsAndPurge(sale);
  if (now.end !== events || rows !== events || stats.inserted !== events || stats.deadLettered !== 0) {
    throw new Error(`${name}: log end ${now.end}, ${rows} rows, worker inserted ${stats.inserted}, dead-lettered ${stats.deadLettered} (expected ${events})`);
  }
  return {
    rate: (events * 1000) / (t1 - t0),
    // From the first chunk written on: the offsets look-up and first fetch after the hand-out left out.
    steady: firstWrite.written < events ? ((events - firstWrite.written) * 1000) / (t1 - firstWrite.at) : NaN,
    firstMs: firstWrite.at - t0,
    startMs: t0 - spawned,
    statements: stats.statements,
    commits: stats.commits,
  };
}

/** The worker's SQL without Kafka: INSERT IGNORE … VALUES ? in chunks of 500, over `connections` connections side by side. */
async function rawBatchRate(name, connections) {
  const sale = `bench-${id}-${name}`;
  created.sales.add(sale);
  const chunks = [];
  for (let from = 0; from < events; from += BATCH) {
    chunks.push(Array.from({ length: Math.min(BATCH, events - from) }, (_, k) => [userOf(from + k), sale]));
  }
  const held = await Promise.all(Array.from({ length: connections }, () => pool.getConnection()));
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(held.map(async (connection) => {
      while (next < chunks.length) await connection.query(`INSERT IGNORE INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ?`, [chunks[next++]]);
    }));
  } finally {
    held.forEach((connection) => connection.release());
  }
  const rate = (events * 1000) / (performance.now() - started);
  await removeRowsAndPurge(sale);
  return { rate };
}

/** The seed's worker: one INSERT per row, one connection. */
async function rowAtATimeRate(name) {
  const sale = `bench-${id}-${name}`;
  created.sales.add(sale);
  const connection = await pool.getConnection();
  const started = performance.now();
  try {
    for (let i = 0; i < events; i += 1) await connection.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES (?, ?)`, [userOf(i), sale]);
  } finally {
    connection.release();
  }
  const rate = (events * 1000) / (performance.now() - started);
  await removeRowsAndPurge(sale);
  return { rate };
}

/** One oversell run; its data is removed right away so every run meets the same table. */
async function oversell(stock, write) {
  const config = loadConfig({ scenario: 'oversell', users: 10_000, stock, infra: 'real', json: true, write });
  const run = startRun(config, write === 'behind' ? workerLauncher(config.services) : undefined);
  created.runIds.push({ runId: run.runId, behind: write === 'behind' });
  const result = await run.result;
  await redis.del(...saleKeyList(result.data.sale));
  await removeRowsAndPurge(result.data.sale);
  return result;
}

/** Deletes what this script created and checks it is gone; returns what is left, if anything. */
async function cleanUp() {
  for (const starting of fleets) await (await starting.catch(() => undefined))?.stop().catch(() => undefined);
  for (const gate of gates) await gate.close().catch(() => undefined);
  const topics = new Set(created.topics);
  const groups = new Set(created.groups);
  for (const { runId, behind } of created.runIds) {
    const names = runNames(runId);
    const { sale } = names;
    await redis.del(...saleKeyList(sale));
    await removeRows(sale);
    created.sales.add(sale);
    if (behind) {
      topics.add(names.topic);
      topics.add(names.dlqTopic);
      groups.add(names.group);
    }
  }
  for (const sale of created.sales) await removeRows(sale);
  const existingGroups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => groups.has(g));
  if (existingGroups.length > 0) await admin.deleteGroups(existingGroups).catch(() => undefined);
  const existingTopics = (await admin.listTopics()).filter((t) => topics.has(t));
  if (existingTopics.length > 0) await admin.deleteTopics({ topics: existingTopics });
  // What is left: topics and groups by name, rows by ticket_name, keys by name.
  await sleep(500);
  const left = [];
  left.push(...(await admin.listTopics()).filter((t) => topics.has(t)).map((t) => `topic ${t}`));
  left.push(...(await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => groups.has(g)).map((g) => `group ${g}`));
  for (const sale of created.sales) {
    const rows = await countRows(sale);
    if (rows > 0) left.push(`${rows} rows of ${sale}`);
    const keys = await redis.exists(...saleKeyList(sale));
    if (keys > 0) left.push(`${keys} keys of ${sale}`);
  }
  return { left, topics: topics.size, groups: groups.size, sales: created.sales.size };
}

let failed = false;
try {
  // A. worker throughput; each repetition rotates the order of the three one-connection measurements.
  const a = { worker: [], raw: [], row: [], worker2: [], raw2: [] };
  for (let r = 0; r < reps; r += 1) {
    const steps = [
      async () => a.worker.push(await workerRate(`a-1w-${r}`, 1, 1)),
      async () => a.raw.push(await rawBatchRate(`a-raw-${r}`, 1)),
      async () => a.row.push(await rowAtATimeRate(`a-row-${r}`)),
    ];
    for (let k = 0; k < steps.length; k += 1) await steps[(k + r) % steps.length]();
    a.worker2.push(await workerRate(`a-2w-${r}`, 2, 2));
    a.raw2.push(await rawBatchRate(`a-raw2-${r}`, 2));
  }
  const rate = (list, key = 'rate') => median(list.map((m) => m[key]));
  const [worker, raw, row, worker2, raw2] = [rate(a.worker), rate(a.raw), rate(a.row), rate(a.worker2), rate(a.raw2)];
  const [steady, steady2] = [rate(a.worker, 'steady'), rate(a.worker2, 'steady')];
  const secs = (list, key) => (median(list.map((m) => m[key])) / 1000).toFixed(2);
  const firstAfter = (list) => `${secs(list, 'firstMs')} s after the hand-out`;
  const runs = (list) => list.map((m) => fmt(m.rate)).join(', ');
  console.log(`A. worker throughput, ${fmt(events)} purchase events of one sale, batch ${BATCH} (median of ${reps}); start-up excluded: timed from the partitions handed to the workers, all joined, to the group committed to the log's end`);
  console.log(`   1 worker, 1 partition: ${fmt(worker)} rows/s · raw INSERT IGNORE ×${BATCH}, 1 connection: ${fmt(raw)} rows/s · row-at-a-time INSERT, 1 connection: ${fmt(row)} rows/s`);
  console.log(`   worker/raw-batch ${(worker / raw).toFixed(2)} · worker/row-at-a-time ${(worker / row).toFixed(1)}×`);
  console.log(`   from its first chunk written on (${firstAfter(a.worker)}, left out): ${fmt(steady)} rows/s · worker/raw-batch ${(steady / raw).toFixed(2)} · worker/row-at-a-time ${(steady / row).toFixed(1)}×`);
  console.log(`   2 workers, 2 partitions: ${fmt(worker2)} rows/s · raw INSERT IGNORE ×${BATCH}, 2 connections: ${fmt(raw2)} rows/s · 2 workers/raw-batch(2) ${(worker2 / raw2).toFixed(2)} · 2 workers/1 worker ${(worker2 / worker).toFixed(2)} · 2 workers/row-at-a-time ${(worker2 / row).toFixed(1)}×`);
  console.log(`   from their first chunk written on (${firstAfter(a.worker2)}, left out): ${fmt(steady2)} rows/s · 2 workers/raw-batch(2) ${(steady2 / raw2).toFixed(2)} · 2 workers/1 worker ${(steady2 / steady).toFixed(2)}`);
  console.log(`   runs, rows/s: worker ${runs(a.worker)}; raw ${runs(a.raw)}; row ${runs(a.row)}; 2 workers ${runs(a.worker2)}; raw(2) ${runs(a.raw2)}`);
  const ratios = (list, refs, key = 'rate') => list.map((m, i) => (m[key] / refs[i].rate).toFixed(2)).join(', ');
  console.log(`   runs, worker/raw-batch: ${ratios(a.worker, a.raw)}; from the first chunk written: ${ratios(a.worker, a.raw, 'steady')}; 2 workers/raw-batch(2): ${ratios(a.worker2, a.raw2)}`);
  console.log(`   start-up (spawn → partitions handed out), outside the window, median: 1 worker ${secs(a.worker, 'startMs')} s, 2 workers ${secs(a.worker2, 'startMs')} s`);
  console.log(`   statements/commits per 1-worker run: ${a.worker.map((m) => `${fmt(m.statements)}/${fmt(m.commits)}`).join(', ')}`);

  // B. purchase latency, sync vs behind.
  const b = new Map();
  const cases = [[5000, 'sync'], [5000, 'behind'], [10_000, 'sync'], [10_000, 'behind']];
  for (const [stock] of cases) b.set(stock, { sync: [], behind: [] });
  for (let r = 0; r < latencyReps; r += 1) for (const [stock, write] of cases) b.get(stock)[write].push(await oversell(stock, write));
  console.log(`\nB. oversell, 10,000 buyers at once, lua; --write behind vs --write sync (the reference), median of ${latencyReps}`);
  console.log('   stock    write   purchase p50 ms   p99 ms   behind/sync p99   lag p50 ms   lag p99 ms   drain ms   checks');
  for (const [stock, byWrite] of b) {
    const syncP99 = median(byWrite.sync.map((res) => res.latency.purchase.p99));
    for (const write of ['sync', 'behind']) {
      const list = byWrite[write];
      const p50 = median(list.map((res) => res.latency.purchase.p50));
      const p99 = median(list.map((res) => res.latency.purchase.p99));
      const wb = list[0].writeBehind;
      const bad = list.flatMap((res) => res.checks.filter((c) => !c.ok).map((c) => c.name));
      if (bad.length > 0 || list.some((res) => !res.ok)) failed = true;
      console.log(
        [
          `   ${fmt(stock).padStart(6)}`,
          write.padStart(7),
          ms(p50).padStart(16),
          ms(p99).padStart(8),
          (write === 'behind' ? (p99 / syncP99).toFixed(2) : '').padStart(17),
          (wb ? ms(median(list.map((res) => res.writeBehind.lag.p50))) : '').padStart(12),
          (wb ? ms(median(list.map((res) => res.writeBehind.lag.p99))) : '').padStart(12),
          (wb ? fmt(median(list.map((res) => res.writeBehind.drainMs))) : '').padStart(10),
          `  ${bad.length === 0 && list.every((res) => res.ok) ? 'all held' : `failed: ${[...new Set(bad)].join(', ') || 'inconclusive'}`}`,
        ].join(' '),
      );
    }
  }
  const p99s = (stock, write) => b.get(stock)[write].map((res) => ms(res.latency.purchase.p99)).join(', ');
  for (const [stock] of b) console.log(`   runs, purchase p99 ms, stock ${fmt(stock)}: sync ${p99s(stock, 'sync')}; behind ${p99s(stock, 'behind')}`);
  const lags = (stock, stat) => b.get(stock).behind.map((res) => ms(res.writeBehind.lag[stat])).join(', ');
  for (const [stock] of b) console.log(`   runs, lag ms, stock ${fmt(stock)}: p50 ${lags(stock, 'p50')}; p99 ${lags(stock, 'p99')}`);
} finally {
  const { left, topics, groups, sales } = await cleanUp();
  console.log(
    left.length === 0
      ? `\nclean-up: ${topics} topics, ${groups} groups, the rows and keys of ${sales} sales removed; none left`
      : `\nclean-up: LEFT BEHIND ${left.join('; ')}`,
  );
  if (left.length > 0) failed = true;
  await admin.disconnect();
  await log.close();
  redis.disconnect();
  await pool.end();
}
if (failed) process.exitCode = 1;
