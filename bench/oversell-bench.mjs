// Benchmarks of the oversell path on the real services, each printed as a ratio against a reference
// measured in the same run on the same machine, as the median of its repetitions with every
// repetition shown (this machine's figures move by tens of percent from one minute to the next):
//   A. the lua strategy's atomic reservation (purchase-2.lua) through ticketsim's Redis inventory,
//      1,000 in flight, vs redis-benchmark running the same script (EVALSHA) with 50 clients
//      pipelined -P 16 (the goal: ≥ 0.6); unpipelined (-P 1) beside it for orientation;
//   B. whole lua purchases (reservation + synchronous INSERT, pool 10), grouped INSERTs (the
//      default --insert-group) and one INSERT each (--insert-group 1, the original), vs raw mysql2
//      single-row INSERTs through a pool of 10 (the goal: ≥ 0.8);
//   C. the 1,000-buyer burst on 100 seats (lua), barrier release to last reply, vs its floor: the
//      same work without ticketsim, 1,000 raw EVALSHA at once and a raw INSERT for each seat
//      reserved, over connections opened the way a run opens them (the goal: ≤ 1.2×); and the lock
//      family's bursts against lua's.
// Usage: npm run bench (or, once built: node bench/oversell-bench.mjs [--quick])
// Every key and row it creates is under its own bench-<id> sale or its runs' sales and is removed
// at the end.
import './as-launched.mjs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../dist/config/config.js';
import { WORKLOAD_OPTIONS } from '../dist/config/workload-options.js';
import { openInfrastructure } from '../dist/engine/infrastructure.js';
import { createStrategy, createSyncWriter } from '../dist/engine/strategies/index.js';
import { saleKeyList, saleKeys } from '../dist/engine/redis/keys.js';
import { scriptSource } from '../dist/engine/redis/scripts.js';
import { createRedisInventory } from '../dist/engine/redis/inventory.js';
import { connectRedis } from '../dist/engine/redis/connect.js';
import { connectMysql } from '../dist/engine/mysql/connect.js';
import { PURCHASES_TABLE, SALE_FENCES_TABLE } from '../dist/engine/mysql/tables.js';
import { startRun } from '../dist/runner/run.js';

const quick = process.argv.includes('--quick');
const REPS = quick ? 1 : 3;
const BURST_REPS = quick ? 3 : 7;
const POOL = 10;
const GROUP = WORKLOAD_OPTIONS.insertGroup.default;
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
const runsOf = (xs, show = fmt) => `runs ${xs.map(show).join(', ')}`;
const ratio = (a, b) => (a / b).toFixed(2);

/** Runs `count` calls of `call(i)` with at most `inFlight` outstanding; returns calls per second. */
async function throughput(count, inFlight, call) {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < count) await call(next++);
  }));
  return (count * 1000) / (performance.now() - started);
}

/** redis-benchmark's EVALSHA of purchase-2.lua on a sale of its own: requests/s. */
function redisBenchmark(sha, sale, count, pipeline) {
  const { stock, buyers } = saleKeys(sale);
  const out = execFileSync('redis-benchmark', [
    '-h', services.redis.endpoint.host, '-p', String(services.redis.endpoint.port),
    '-c', '50', '-P', String(pipeline), '-n', String(count), '-r', '100000000', '--csv',
    'EVALSHA', sha, '2', stock, buyers, 'user:__rand_int__', '86400',
  ], { encoding: 'utf8' });
  return Number(/"([\d.]+)"/.exec(out.split('\n').find((l) => l.includes('EVALSHA')) ?? '')?.[1]);
}

/** ticketsim's lua purchases (reserve + INSERT) with INSERT groups of `group`: purchases/s. */
async function luaPurchases(group, count) {
  const { infra } = await openInfrastructure({ mode: 'real', services, needs: ['redis', 'mysql'], poolSize: POOL, insertGroup: group, seed: 1 });
  try {
    const lua = createStrategy('lua', { ...infra, writer: createSyncWriter(infra.ledger) });
    const sale = newSale(`b-lua-${group}-${sales.length}`);
    await infra.inventory.createSale(sale, count);
    return await throughput(count, 1000, (i) => lua.purchase(sale, `u${i}`));
  } finally {
    await infra.close();
  }
}

/** The burst's floor: 1,000 raw EVALSHA at once, a raw INSERT for each seat reserved; ms. */
async function burstFloor(redis, pool, sha) {
  const sale = newSale(`c-floor-${sales.length}`);
  const { stock, buyers } = saleKeys(sale);
  await createRedisInventory(redis).createSale(sale, 100);
  const started = performance.now();
  await Promise.all(Array.from({ length: 1000 }, async (_, i) => {
    if (Number(await redis.evalsha(sha, 2, stock, buyers, `u${i}`, 86400)) !== 1) return;
    await pool.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES (?, ?)`, [`u${i}`, sale]);
  }));
  const ms = performance.now() - started;
  const [[{ n }]] = await pool.query(`SELECT COUNT(*) AS n FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]);
  if (Number(n) !== 100) throw new Error(`the floor's burst stored ${n} rows, not 100`);
  return ms;
}

/** One 1,000-buyer run on 100 seats: release → last reply, ms. */
async function burstRun(strategy) {
  const result = await startRun(loadConfig({ strategy, infra: 'real', users: 1000, stock: 100 })).result;
  sales.push(result.data.sale);
  if (!result.ok) throw new Error(`${strategy} burst failed its checks`);
  return result.durationMs;
}

const redis = await connectRedis(target(services.redis));
const pool = await connectMysql(target(services.mysql), POOL);
try {
  const sha = await redis.script('LOAD', scriptSource('ticketsimPurchase'));

  // A. reservation throughput vs redis-benchmark, pipelined and not.
  const reservations = quick ? 50_000 : 200_000;
  const { infra } = await openInfrastructure({ mode: 'real', services, needs: ['redis', 'mysql'], poolSize: POOL, seed: 1 });
  const a = { ours: [], p16: [], p1: [] };
  try {
    for (let r = 0; r < REPS; r += 1) {
      const ours = newSale(`a-ticketsim-${r}`);
      await infra.inventory.createSale(ours, reservations + 5_000);
      await throughput(5_000, 1000, (i) => infra.inventory.reserve(ours, `warm-${i}`));
      a.ours.push(await throughput(reservations, 1000, (i) => infra.inventory.reserve(ours, `u${i}`)));
      for (const [key, pipeline] of [['p16', 16], ['p1', 1]]) {
        const theirs = newSale(`a-redis-benchmark-${key}-${r}`);
        await infra.inventory.createSale(theirs, reservations * 2);
        a[key].push(redisBenchmark(sha, theirs, reservations, pipeline));
      }
    }
  } finally {
    await infra.close();
  }
  const [ours, p16, p1] = [median(a.ours), median(a.p16), median(a.p1)];
  console.log(`A. purchase-2.lua reservations, median of ${REPS}: ticketsim ${fmt(ours)}/s (1,000 in flight) · redis-benchmark -c 50 -P 16 ${fmt(p16)}/s · ratio ${ratio(ours, p16)} (goal ≥ 0.6)`);
  console.log(`   unpipelined redis-benchmark -c 50 -P 1 ${fmt(p1)}/s · ticketsim/-P 1 ${ratio(ours, p1)}`);
  console.log(`   ${runsOf(a.ours)} (ticketsim); ${runsOf(a.p16)} (-P 16); ratios ${a.ours.map((x, i) => ratio(x, a.p16[i])).join(', ')}`);

  // B. whole lua purchases vs raw single-row INSERTs, pool 10.
  const purchases = quick ? 5_000 : 20_000;
  const b = { grouped: [], single: [], raw: [] };
  for (let r = 0; r < REPS; r += 1) {
    b.grouped.push(await luaPurchases(GROUP, purchases));
    b.single.push(await luaPurchases(1, purchases));
    const raw = newSale(`b-raw-${r}`);
    b.raw.push(await throughput(purchases, 1000, (i) => pool.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES (?, ?)`, [`u${i}`, raw])));
  }
  const [grouped, single, raw] = [median(b.grouped), median(b.single), median(b.raw)];
  console.log(`B. lua purchases (reserve + INSERT, pool ${POOL}), median of ${REPS}: --insert-group ${GROUP} ${fmt(grouped)}/s · raw mysql2 single-row INSERTs (pool ${POOL}) ${fmt(raw)}/s · ratio ${ratio(grouped, raw)} (goal ≥ 0.8)`);
  console.log(`   one INSERT each (--insert-group 1) ${fmt(single)}/s · ratio ${ratio(single, raw)} · grouped/one each ${ratio(grouped, single)}×`);
  console.log(`   ${runsOf(b.grouped)} (grouped); ${runsOf(b.single)} (one each); ${runsOf(b.raw)} (raw); ratios ${b.grouped.map((x, i) => ratio(x, b.raw[i])).join(', ')}`);

  // C. the 1,000-buyer burst vs its floor, alternated; then the lock family vs lua.
  const c = { lua: [], floor: [] };
  for (let r = 0; r < BURST_REPS; r += 1) {
    c.lua.push(await burstRun('lua'));
    c.floor.push(await burstFloor(redis, pool, sha));
  }
  const [lua, floor] = [median(c.lua), median(c.floor)];
  const ms = (x) => x.toFixed(0);
  console.log(`C. 1,000 buyers, 100 seats, release → last reply, median of ${BURST_REPS}: lua ${lua.toFixed(1)} ms · floor (1,000 raw EVALSHA + 100 raw INSERTs) ${floor.toFixed(1)} ms · ${ratio(lua, floor)}× (goal ≤ 1.2×)`);
  console.log(`   ${runsOf(c.lua, ms)} ms (lua); ${runsOf(c.floor, ms)} ms (floor)`);
  const family = { lock: [], dcl: [], fenced: [] };
  for (let r = 0; r < REPS; r += 1) for (const strategy of Object.keys(family)) family[strategy].push(await burstRun(strategy));
  const walls = Object.fromEntries(Object.entries(family).map(([strategy, runs]) => [strategy, median(runs)]));
  console.log(
    `   the lock family, median of ${REPS}: ` +
      Object.entries(walls).map(([strategy, wall]) => `${strategy} ${wall.toFixed(0)} ms (${runsOf(family[strategy], ms)})`).join(' · ') +
      ` · lock/lua ${(walls.lock / lua).toFixed(1)}× · fenced/dcl ${ratio(walls.fenced, walls.dcl)}×`,
  );
} finally {
  for (const sale of sales) {
    await redis.del(...saleKeyList(sale));
    await pool.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [sale]);
    await pool.query(`DELETE FROM ${SALE_FENCES_TABLE} WHERE ticket_name = ?`, [sale]);
  }
  redis.disconnect();
  await pool.end();
}
