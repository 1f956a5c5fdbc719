// Benchmark of the spam scenario on the real services: dcl vs lock vs lua, each a whole
// `ticketsim run spam` (100 users × 20 requests, stock 100 unless told otherwise), with lua (one
// atomic script, no lock) as the reference measured in the same run. Reported per strategy: wall
// time (barrier release → last reply, median), ratio to lua, lock acquisitions and tries, attempts
// rejected before the lock, purchase p99, and whether every check held. Run twice: all requests at
// once (one barrier, as the scenario defines), and with at most 100 in flight, where later requests
// of a user arrive after their purchase and dcl's first look-up can spare the lock.
// Usage: npm run bench:spam (or, once built: node bench/spam-bench.mjs [--quick])
// Every key and row it creates belongs to its own runs' sales and is removed at the end.
import './as-launched.mjs';
import { loadConfig } from '../dist/config/config.js';
import { connectRedis } from '../dist/engine/redis/connect.js';
import { connectMysql } from '../dist/engine/mysql/connect.js';
import { saleKeyList } from '../dist/engine/redis/keys.js';
import { PURCHASES_TABLE } from '../dist/engine/mysql/tables.js';
import { startRun } from '../dist/runner/run.js';

const quick = process.argv.includes('--quick');
const reps = quick ? 1 : 3;
const strategies = ['lua', 'dcl', 'lock'];
const services = loadConfig({}).services;
const target = (s) => ({ ...s, connectTimeoutMs: services.connectTimeoutMs });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const sales = [];

/** Runs one spam run and keeps what the table needs. */
async function spam(strategy, concurrency) {
  const config = loadConfig({ scenario: 'spam', strategy, infra: 'real', json: true, ...(concurrency ? { concurrency } : {}) });
  const result = await startRun(config).result;
  sales.push(result.data.sale);
  return result;
}

/** Median run of each strategy under one load shape, and the table comparing them with lua. */
async function compare(label, concurrency) {
  const runs = Object.fromEntries(strategies.map((s) => [s, []]));
  for (let r = 0; r < reps; r += 1) for (const strategy of strategies) runs[strategy].push(await spam(strategy, concurrency));
  const pick = (strategy) => {
    const list = runs[strategy];
    const wall = median(list.map((run) => run.durationMs));
    return list.find((run) => run.durationMs === wall);
  };
  const reference = pick('lua').durationMs;
  console.log(`\n${label} (median of ${reps})`);
  console.log('strategy  wall ms   × lua   lock acq   lock tries   rejected pre-lock   p99 ms   checks');
  for (const strategy of strategies) {
    const run = pick(strategy);
    const failed = run.checks.filter((c) => !c.ok).map((c) => c.name);
    console.log(
      [
        strategy.padEnd(8),
        run.durationMs.toFixed(0).padStart(8),
        (run.durationMs / reference).toFixed(1).padStart(7),
        fmt(run.guards.locksGranted).padStart(10),
        fmt(run.guards.lockTries).padStart(12),
        fmt(run.guards.rejectedBeforeLock).padStart(19),
        (run.latency.purchase.p99 / 1000).toFixed(0).padStart(8),
        `  ${failed.length === 0 ? 'all held' : `failed: ${failed.join(', ')}`}`,
      ].join(' '),
    );
  }
}

const redis = await connectRedis(target(services.redis));
const pool = await connectMysql(target(services.mysql), 2);
try {
  await compare('100 users × 20 requests, all at once', undefined);
  await compare('100 users × 20 requests, at most 100 in flight', 100);
} finally {
  for (const sale of sales) {
    await redis.del(...saleKeyList(sale));
    await pool.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]);
  }
  redis.disconnect();
  await pool.end();
}
