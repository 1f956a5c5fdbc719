// Benchmarks of the oversell path on the real services, each against a reference measured in the
// same run on the same machine:
//   A. the lua strategy's atomic reservation (purchase-2.lua) through ticketsim, 1,000 in flight,
//      vs redis-benchmark running the same script (EVALSHA) with 50 clients;
//   B. whole lua purchases (reservation + synchronous MySQL INSERT) vs raw mysql2 INSERTs through
//      the same pool size;
//   C. the 1,000-buyer burst (stock 100), barrier release to last reply: lock, dcl and fenced vs lua
//      (and fenced vs dcl: what the fencing tokens cost when no holder stalls).
// Usage: npm run bench (or, once built: node bench/oversell-bench.mjs [--quick])
// Every key and row it creates is under its own bench-<id> sale and is removed at the end.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../dist/config/config.js';
import { openInfrastructure } from '../dist/engine/infrastructure.js';
import { createStrategy, createSyncWriter } from '../dist/engine/strategies/index.js';
import { saleKeyList, saleKeys } from '../dist/engine/redis/keys.js';
import { scriptSource } from '../dist/engine/redis/scripts.js';
import { connectRedis } from '../dist/engine/redis/connect.js';
import { connectMysql } from '../dist/engine/mysql/connect.js';
import { PURCHASES_TABLE, SALE_FENCES_TABLE } from '../dist/engine/mysql/tables.js';
import { startRun } from '../dist/runner/run.js';

const quick = process.argv.includes('--quick');
const config = loadConfig({});
const services = config.services;
const target = (s) => ({ ...s, connectTimeoutMs: services.connectTimeoutMs });
const id = randomBytes(3).toString('hex');
const sales = [];
const newSale = (label) => {
  const sale = `bench-${id}-${label}`;
  sales.push(sale);
  return sale;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** Runs `count` calls of `call(i)` with at most `inFlight` outstanding; returns calls per second. */
async function throughput(count, inFlight, call) {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < count) await call(next++);
  }));
  return (count * 1000) / (performance.now() - started);
}

const redis = await connectRedis(target(services.redis));
const pool = await connectMysql(target(services.mysql), 10);
const { infra } = await openInfrastructure({ mode: 'real', services, needs: ['redis', 'mysql'], poolSize: 10, seed: 1 });
try {
  // A. reservation throughput
  const reservations = quick ? 50_000 : 200_000;
  const ours = newSale('a-ticketsim');
  await infra.inventory.createSale(ours, reservations * 2);
  await throughput(5_000, 1000, (i) => infra.inventory.reserve(ours, `warm-${i}`));
  const oursRate = await throughput(reservations, 1000, (i) => infra.inventory.reserve(ours, `u${i}`));

  const theirs = newSale('a-redis-benchmark');
  await infra.inventory.createSale(theirs, reservations * 2);
  const sha = await redis.script('LOAD', scriptSource('ticketsimPurchase'));
  const { stock, buyers } = saleKeys(theirs);
  const out = execFileSync('redis-benchmark', [
    '-h', services.redis.endpoint.host, '-p', String(services.redis.endpoint.port),
    '-c', '50', '-n', String(reservations), '-r', '100000000', '--csv',
    'EVALSHA', sha, '2', stock, buyers, 'user:__rand_int__', '86400',
  ], { encoding: 'utf8' });
  const benchRate = Number(/"([\d.]+)"/.exec(out.split('\n').find((l) => l.includes('EVALSHA')) ?? '')?.[1]);
  console.log(`A. purchase-2.lua reservations: ticketsim ${fmt(oursRate)}/s (1,000 in flight) · redis-benchmark ${fmt(benchRate)}/s (50 clients) · ratio ${(oursRate / benchRate).toFixed(2)}`);

  // B. whole lua purchases vs raw INSERTs
  const purchases = quick ? 5_000 : 20_000;
  const lua = createStrategy('lua', { ...infra, writer: createSyncWriter(infra.ledger) });
  const full = newSale('b-lua');
  await infra.inventory.createSale(full, purchases);
  const luaRate = await throughput(purchases, 1000, (i) => lua.purchase(full, `u${i}`));
  const raw = newSale('b-raw');
  const rawRate = await throughput(purchases, 1000, (i) =>
    pool.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES (?, ?)`, [`u${i}`, raw]));
  console.log(`B. lua purchases (reserve + INSERT, pool 10): ${fmt(luaRate)}/s · raw mysql2 INSERTs (pool 10): ${fmt(rawRate)}/s · ratio ${(luaRate / rawRate).toFixed(2)}`);

  // C. 1,000-buyer burst: the lock family and fenced vs lua
  const reps = quick ? 3 : 5;
  const walls = { lua: [], lock: [], dcl: [], fenced: [] };
  for (let r = 0; r < reps; r += 1) {
    for (const strategy of Object.keys(walls)) {
      const result = await startRun(loadConfig({ strategy, infra: 'real', users: 1000, stock: 100 })).result;
      sales.push(result.data.sale);
      if (!result.ok) throw new Error(`${strategy} burst failed its checks`);
      walls[strategy].push(result.durationMs);
    }
  }
  const ms = Object.fromEntries(Object.entries(walls).map(([strategy, runs]) => [strategy, median(runs)]));
  console.log(
    `C. 1,000 buyers, 100 seats, release → last reply (median of ${reps}): ` +
      Object.entries(ms).map(([strategy, wall]) => `${strategy} ${wall.toFixed(1)} ms`).join(' · ') +
      ` · lock/lua ${(ms.lock / ms.lua).toFixed(1)}× · fenced/dcl ${(ms.fenced / ms.dcl).toFixed(2)}×`,
  );
  for (const [strategy, runs] of Object.entries(walls)) console.log(`   ${strategy} runs: ${runs.map((m) => m.toFixed(0)).join(', ')} ms`);
} finally {
  for (const sale of sales) {
    await redis.del(...saleKeyList(sale));
    await pool.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]);
    await pool.query(`DELETE FROM ${SALE_FENCES_TABLE} WHERE ticket_name = ?`, [sale]);
  }
  await infra.close();
  redis.disconnect();
  await pool.end();
}
