// Realistic RunResult fixtures for renderer tests and demos: a passing lua run (1,000 buyers,
// stock 100), a failing naive run that oversells, and an interrupted run with connection errors.
import type { HistogramBucket, LatencySummary, OperationLatency, RunResult, SqlSummary } from '../result.js';

function summary(count: number, p50: number, p90: number, p99: number, p999: number, max: number): LatencySummary {
  return { unit: 'us', count, min: Math.min(41, p50), mean: Math.round((p50 + p90) / 2), p50, p90, p99, p999, max };
}

/** Power-of-two buckets from 32µs with the given counts. */
function buckets(counts: readonly number[]): HistogramBucket[] {
  return counts.map((count, i) => ({ fromUs: 32 * 2 ** i, toUs: 64 * 2 ** i, count }));
}

/** Latency of 1,000 purchase attempts: 100 bought, 900 told "sold out". */
export const purchaseLatency: OperationLatency = {
  ...summary(1000, 406, 1187, 3211, 5903, 6102),
  byOutcome: {
    purchased: summary(100, 512, 1402, 3305, 4011, 4011),
    'sold-out': summary(900, 391, 1150, 3190, 6102, 6102),
  },
  buckets: buckets([3, 41, 212, 380, 251, 86, 21, 6]),
  raw: summary(1000, 388, 1102, 3006, 5800, 6002),
};

const clientSources: SqlSummary['sources'] = {
  wait: 'measured by ticketsim on the wall clock: from asking the pool for a connection to having it',
  exec: 'measured by ticketsim on the wall clock: from sending the statement on that connection to its reply',
};

/** The 100 INSERTs of a 1,000-buyer lua run through pool 10, and the checks' SELECT: nothing slow. */
export const quickSql: SqlSummary = {
  statements: {
    insert: { count: 100, failed: 0, wait: summary(100, 2100, 4400, 5000, 5000, 5000), exec: summary(100, 880, 1500, 2900, 2900, 2900), total: summary(100, 3100, 5600, 7300, 7300, 7300) },
    select: { count: 1, failed: 0, wait: summary(1, 12, 12, 12, 12, 12), exec: summary(1, 900, 900, 900, 900, 900), total: summary(1, 912, 912, 912, 912, 912) },
  },
  slow: { thresholdMs: 500, count: 0, waitShare: 0, mostlyWaiting: 0, slowest: [] },
  server: { source: 'SHOW SESSION STATUS (Com_insert + Com_delete, Slow_queries) of 10 pool sessions, session long_query_time 0.5 s', writes: 100, slow: 0, thresholdMs: 500, sessions: 10 },
  sources: clientSources,
};

/** 10,000 INSERTs through pool 10: the seed's "INSERT takes over 0.5 s", almost all of it waiting. */
export const slowSql: SqlSummary = {
  statements: {
    insert: {
      count: 10_000,
      failed: 0,
      wait: summary(10_000, 812_000, 1_402_000, 1_530_000, 1_551_000, 1_552_000),
      exec: summary(10_000, 1_100, 2_300, 4_100, 9_800, 12_000),
      total: summary(10_000, 814_000, 1_404_000, 1_533_000, 1_553_000, 1_554_000),
    },
  },
  slow: {
    thresholdMs: 500,
    count: 6_512,
    waitShare: 0.998,
    mostlyWaiting: 6_512,
    slowest: [
      { kind: 'insert', atMs: 3.2, totalUs: 1_554_000, waitUs: 1_551_000, execUs: 3_000 },
      { kind: 'insert', atMs: 3.2, totalUs: 1_553_500, waitUs: 1_550_900, execUs: 2_600 },
    ],
  },
  server: { source: 'SHOW SESSION STATUS (Com_insert + Com_delete, Slow_queries) of 10 pool sessions, session long_query_time 0.5 s', writes: 10_000, slow: 0, thresholdMs: 500, sessions: 10 },
  sources: clientSources,
};

const passingChecks: RunResult['checks'] = [
  { name: 'no-oversell', ok: true, expected: '≤ 100 sold', observed: '100 sold', detail: 'redis stock 0, mysql rows 100' },
  { name: 'stock-conserved', ok: true, expected: 'stock + sold = 100', observed: '0 + 100 = 100', detail: '' },
  { name: 'one-per-user', ok: true, expected: '0 users with > 1 ticket', observed: '0', detail: '' },
  { name: 'index-agrees', ok: true, expected: 'buyers = rows', observed: '100 = 100', detail: 'redis buyer set vs mysql purchases' },
];

/** A passing run: strategy lua, 1,000 users, stock 100, 100 purchased, 900 sold out. */
export const passingResult: RunResult = {
  scenario: 'oversell',
  strategy: 'lua',
  infra: 'real',
  infraReason: 'auto: redis and mysql answered',
  runId: '01JQ7Z4K2M',
  seed: 42,
  data: {
    sale: 'concert-01JQ7Z4K2M',
    stores: [
      { store: 'MySQL', holds: ["purchases rows with ticket_name = 'concert-01JQ7Z4K2M'"] },
      { store: 'Redis', holds: ['ticketsim:{concert-01JQ7Z4K2M}:stock', 'ticketsim:{concert-01JQ7Z4K2M}:buyers'] },
    ],
  },
  params: {
    users: 1000, stock: 100, attempts: 1000, concurrency: null, poolSize: 10, slowSqlMs: 500, write: 'sync',
    options: { users: 1000, stock: 100, seed: 42, poolSize: 10, concurrency: null, maxInFlight: null, slowSqlMs: 500 },
  },
  counts: { attempts: 1000, purchased: 100, soldOut: 900, duplicate: 0, lockTimeout: 0, rejected: 0, unknown: 0, cancelled: 0, notPurchased: 0, rebought: 0, errors: 0, dropped: 0, notStarted: 0 },
  guards: { lockRequests: 0, locksGranted: 0, lockTries: 0, rejectedBeforeLock: 0, duplicatesBy: {}, staleRefused: 0 },
  sql: quickSql,
  errorCauses: [],
  checks: passingChecks,
  latency: { purchase: purchaseLatency },
  load: {
    model: 'burst',
    maxInFlight: 20_000,
    planned: 1000,
    started: 1000,
    dropped: 0,
    lateStarts: 0,
    startLag: summary(1000, 0, 0, 0, 0, 0),
    eventLoopDelayMs: { p50: 10.1, p99: 35.2, max: 41 },
  },
  series: [{ second: 0, started: 1000, completed: 1000, outcomes: { purchased: 100, 'sold-out': 900 }, p50Us: 406, p99Us: 3211 }],
  phases: [{ name: 'burst', attempts: 1000, durationMs: 412, counts: { attempts: 1000, purchased: 100, soldOut: 900, duplicate: 0, lockTimeout: 0, rejected: 0, unknown: 0, cancelled: 0, notPurchased: 0, rebought: 0, errors: 0, dropped: 0, notStarted: 0 } }],
  durationMs: 412,
  wallMs: 1310.4,
  generator: { cpuUserMs: 1500, cpuSystemMs: 420, peakRssBytes: 212 * 2 ** 20, sampleMs: 100, processPeakRssBytes: 230 * 2 ** 20 },
  throughput: 2427.2,
  interrupted: false,
  startedAt: '2025-03-14T09:26:53.589Z',
  environment: {
    node: 'v20.20.2',
    ticketsim: '0.1.0',
    redis: '7.0.15',
    mysql: '10.11.6-MariaDB',
    platform: 'linux-x64',
    machine: { cpuModel: 'AMD EPYC 7B13', cpus: 2, memoryBytes: 8 * 2 ** 30, os: 'Debian GNU/Linux 12 (bookworm)', kernel: 'Linux 6.1.0-18-amd64' },
  },
  command: 'ticketsim run oversell --strategy lua --users 1000 --stock 100 --infra real --seed 42',
  ok: true,
};

/** A failing run: strategy naive sells 1,000 tickets of 100; the no-oversell check says so. */
export const failingResult: RunResult = {
  ...passingResult,
  strategy: 'naive',
  runId: '01JQ7Z9XQ4',
  counts: { ...passingResult.counts, purchased: 1000, soldOut: 0 },
  checks: [
    { name: 'no-oversell', ok: false, expected: '≤ 100 sold', observed: '1000 sold', detail: 'sold 1000 of 100: oversold by 900' },
    { name: 'stock-conserved', ok: false, expected: 'stock + sold = 100', observed: '99 + 1000 = 1099', detail: 'lost updates on GET-then-SET' },
    passingChecks[2]!,
  ],
  command: 'ticketsim run oversell --strategy naive --users 1000 --stock 100 --infra real --seed 42',
  ok: false,
};

/** A spam run of the lock strategy: repeat buyers leaked seats, caught by conservation. */
export const spamLockResult: RunResult = {
  ...passingResult,
  scenario: 'spam',
  strategy: 'lock',
  runId: '01JQ7ZF1AA',
  params: {
    users: 100, stock: 100, requestsPerUser: 20, attempts: 2000, concurrency: null, poolSize: 10, slowSqlMs: 500, write: 'sync',
    options: { users: 100, requestsPerUser: 20, stock: 100, seed: 1, poolSize: 10, concurrency: null, maxInFlight: null, slowSqlMs: 500 },
  },
  counts: { attempts: 2000, purchased: 52, soldOut: 1900, duplicate: 48, lockTimeout: 0, rejected: 0, unknown: 0, cancelled: 0, notPurchased: 0, rebought: 0, errors: 0, dropped: 0, notStarted: 0 },
  guards: { lockRequests: 2000, locksGranted: 2000, lockTries: 9130, rejectedBeforeLock: 0, duplicatesBy: { ledger: 48 }, staleRefused: 0 },
  checks: [
    { name: 'no-double-buyer', ok: true, expected: '≤ 1 row per user', observed: 'none twice', detail: 'one per person' },
    { name: 'conservation', ok: false, expected: 'left + sold = 100', observed: '0 + 52 = 52', detail: '48 seats leaked' },
  ],
  command: 'ticketsim run spam --users 100 --requests-per-user 20 --stock 100 --strategy lock --infra real --seed 1 --pool-size 10',
  ok: false,
};

/** A cancel-storm run of naive: duplicate and bogus cancels over-stocked the sale. */
export const stormNaiveResult: RunResult = {
  ...passingResult,
  scenario: 'cancel-storm',
  strategy: 'naive',
  runId: '01JQ7ZH2BB',
  params: {
    users: 100, stock: 100, cancelRatio: 0.5, cancelDupes: 3, rebuyers: 100, attempts: 300, concurrency: null, poolSize: 10, slowSqlMs: 500, write: 'sync',
    options: { users: 100, cancelRatio: 0.5, cancelDupes: 3, rebuyers: 100, stock: 100, seed: 1, poolSize: 10, concurrency: null, maxInFlight: null, slowSqlMs: 500 },
  },
  counts: { attempts: 300, purchased: 100, soldOut: 0, duplicate: 0, lockTimeout: 0, rejected: 0, unknown: 0, cancelled: 200, notPurchased: 0, rebought: 100, errors: 0, dropped: 0, notStarted: 0 },
  latency: { 'sell-out': purchaseLatency, purchase: purchaseLatency, cancel: { ...purchaseLatency, count: 200, byOutcome: { cancelled: purchaseLatency.byOutcome.purchased! } } },
  phases: [
    { name: 'sell-out', attempts: 100, durationMs: 90, counts: { attempts: 100, purchased: 100, soldOut: 0, duplicate: 0, lockTimeout: 0, rejected: 0, unknown: 0, cancelled: 0, notPurchased: 0, rebought: 0, errors: 0, dropped: 0, notStarted: 0 } },
    { name: 'storm', attempts: 300, durationMs: 210, counts: { attempts: 300, purchased: 0, soldOut: 0, duplicate: 0, lockTimeout: 0, rejected: 0, unknown: 0, cancelled: 200, notPurchased: 0, rebought: 100, errors: 0, dropped: 0, notStarted: 0 } },
  ],
  checks: [
    { name: 'no-over-stocking', ok: false, expected: 'left + rows = 100', observed: '150 + 150 = 300', detail: 'over-stocked by 200 seats (all in the storm)' },
    { name: 'cancels-honoured-once', ok: false, expected: 'cancelled = deleted', observed: '200 = 50', detail: '150 cancels honoured with no row deleted' },
  ],
  command: 'ticketsim run cancel-storm --users 100 --cancel-ratio 0.5 --cancel-dupes 3 --rebuyers 100 --stock 100 --strategy naive --infra real --seed 1 --pool-size 10',
  ok: false,
};

/** The passing run without its sql section (a run whose writes a worker made). */
function withoutSql(): RunResult {
  const { sql: _written, ...rest } = passingResult;
  return rest;
}

/** A write-behind run: 5,000 purchases acknowledged by Kafka, written by 2 workers, half redelivered. */
export const behindResult: RunResult = {
  ...withoutSql(),
  scenario: 'write-behind',
  runId: '01JQ7ZK4CC',
  params: {
    users: 10_000, stock: 5000, attempts: 10_000, concurrency: null, poolSize: 10, slowSqlMs: 500, write: 'behind',
    options: {
      users: 10_000, stock: 5000, seed: 1, poolSize: 10, concurrency: null, maxInFlight: null, slowSqlMs: 500,
      workers: 2, partitions: 2, redeliver: 0.5, drainTimeout: 30, batchSize: 500, writesInFlight: 4, keepTopic: true,
    },
  },
  counts: { attempts: 10_000, purchased: 5000, soldOut: 5000, duplicate: 0, lockTimeout: 0, rejected: 0, unknown: 0, cancelled: 0, notPurchased: 0, rebought: 0, errors: 0, dropped: 0, notStarted: 0 },
  writeBehind: {
    topic: 'ticketsim.sales.01JQ7ZK4CC',
    dlqTopic: 'ticketsim.sales.01JQ7ZK4CC.dlq',
    group: 'ticketsim-workers-01JQ7ZK4CC',
    partitions: 2,
    workers: 2,
    kept: true,
    published: 5000,
    redelivered: 2500,
    requests: 10,
    worker: { delivered: 7500, inserted: 5000, skipped: 2500, deleted: 0, absent: 0, deadLettered: 0, statements: 20, commits: 20 },
    drained: true,
    drainMs: 113,
    lagRecords: 0,
    lag: summary(5000, 156_000, 300_000, 396_000, 396_000, 396_000),
    pollMs: 20,
    drainCurve: [
      { atMs: 1000, rows: 0 },
      { atMs: 1800, rows: 1000 },
      { atMs: 2000, rows: 2500 },
      { atMs: 2200, rows: 5000 },
    ],
    outages: [],
  },
  command: 'ticketsim run write-behind --users 10000 --stock 5000 --strategy lua --infra real --seed 1 --pool-size 10 --workers 2 --partitions 2 --redeliver 0.5 --keep-topic',
};

/** A run stopped by Ctrl-C after 600 attempts, with connection errors; its checks still held. */
export const interruptedResult: RunResult = {
  ...passingResult,
  strategy: 'lock',
  runId: '01JQ7ZC3VB',
  counts: { ...passingResult.counts, attempts: 600, purchased: 100, soldOut: 188, lockTimeout: 0, errors: 312, dropped: 0, notStarted: 400 },
  errorCauses: [
    { cause: 'ER_CON_COUNT_ERROR: Too many connections', count: 300 },
    { cause: 'ETIMEDOUT: connect timed out', count: 12 },
  ],
  interrupted: true,
  command: 'ticketsim run oversell --strategy lock --users 1000 --stock 100 --infra real --seed 42',
};

/** An open-model run at 2,000/s for 3 s that outran its in-flight cap: 120 arrivals dropped. */
export const rateResult: RunResult = {
  ...passingResult,
  runId: '01JQ7ZD8RT',
  params: {
    ...passingResult.params, users: 6000, attempts: 6000, stock: 5000, rate: { rate: 2000, durationMs: 3000 },
    options: { rate: 2000, duration: 3, ramp: null, stock: 5000, seed: 42, poolSize: 10, concurrency: null, maxInFlight: 200, slowSqlMs: 500 },
  },
  counts: { ...passingResult.counts, attempts: 5880, purchased: 5000, soldOut: 880, dropped: 120 },
  load: {
    model: 'rate',
    rate: 2000,
    durationMs: 3000,
    maxInFlight: 200,
    planned: 6000,
    started: 5880,
    dropped: 120,
    lateStarts: 37,
    startLag: summary(5880, 90, 400, 2900, 8100, 9800),
    eventLoopDelayMs: { p50: 10.2, p99: 61.4, max: 88 },
    achievedRate: 1960,
  },
  series: [
    { second: 0, started: 1940, completed: 1900, outcomes: { purchased: 1900 }, p50Us: 105_000, p99Us: 241_700 },
    { second: 1, started: 1960, completed: 1990, outcomes: { purchased: 1990 }, p50Us: 1940, p99Us: 10_300 },
    { second: 2, started: 1980, completed: 1990, outcomes: { purchased: 1110, 'sold-out': 880 }, p50Us: 1200, p99Us: 7170 },
  ],
  durationMs: 3000,
  throughput: 1960,
  command: 'ticketsim run oversell --rate 2000 --duration 3 --stock 5000 --strategy lua --infra real --seed 1 --pool-size 10 --max-in-flight 200',
};
