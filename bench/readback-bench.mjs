// Benchmark: does a check's read-back cost its sale's rows, or the table's? ticketsim's real
// read-back of a sale (the ledger's purchases(sale), as every check reads MySQL) of 1,000 rows, on
// the real purchases table, with 10,000 and then 2,000,000 rows of other sales beside it; the goal
// is a ratio of at most 1.5. Beside it, the same read made to ignore the index (as on a table an
// older ticketsim created) shows what the index saves.
// Usage: npm run bench:readback (or, once built: node bench/readback-bench.mjs [--quick])
// The other rows belong to runs of the benchmark's own, named as ticketsim names its runs
// (concert-<runId>), so `ticketsim clean` could remove them; the benchmark removes them itself at the
// end, with clean's own code (bounded batches), also when it fails or is stopped with Ctrl-C.
import './as-launched.mjs';
import { loadConfig } from '../dist/config/config.js';
import { loadCleanConfig } from '../dist/config/clean-config.js';
import { cleanLeftovers } from '../dist/engine/leftovers/clean.js';
import { connectMysql } from '../dist/engine/mysql/connect.js';
import { createMysqlLedger, ledgerStatements } from '../dist/engine/mysql/ledger.js';
import { PURCHASES, PURCHASES_TABLE } from '../dist/engine/mysql/tables.js';
import { createRealClock } from '../dist/engine/real-clock.js';
import { newRunId, runIdOf, runNames } from '../dist/engine/run-names.js';

const quick = process.argv.includes('--quick');
const SALE_ROWS = 1_000;
const ROWS_PER_OTHER_SALE = 1_000;
const SMALL = 10_000;
const LARGE = quick ? 200_000 : 2_000_000;
const READS = quick ? 11 : 31;
const INSERT_BATCH = 5_000;

const services = loadConfig({}).services;
const pool = await connectMysql({ ...services.mysql, connectTimeoutMs: services.connectTimeoutMs }, 2);
const ledger = createMysqlLedger(pool, { clock: createRealClock(), poolSize: 2 });
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Every run id the benchmark made rows under: distinct start times, one ms apart, so none collide. */
const runIds = [];
const startedMs = Date.now();
const nextRun = () => {
  const runId = newRunId(startedMs - runIds.length);
  runIds.push(runId);
  return runNames(runId).sale;
};

let stopping = false;
process.on('SIGINT', () => {
  if (stopping) process.exit(130);
  stopping = true;
  console.log('stopping: removing what the benchmark inserted (Ctrl-C again to leave it for `ticketsim clean`)');
});

/** Inserts `rows` rows of fresh sales of `perSale` rows each, a bounded batch per statement. */
async function insertOtherRows(rows) {
  let pending = [];
  for (let sale = 0; sale < rows / ROWS_PER_OTHER_SALE && !stopping; sale += 1) {
    const name = nextRun();
    for (let user = 0; user < ROWS_PER_OTHER_SALE; user += 1) pending.push([`user-${user}`, name]);
    if (pending.length >= INSERT_BATCH) {
      await pool.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ?`, [pending]);
      pending = [];
    }
  }
  if (pending.length > 0) await pool.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ?`, [pending]);
}

/** Median ms of `reads` timed calls of `read` (after three untimed ones that warm the cache). */
async function timed(read, reads) {
  for (let i = 0; i < 3; i += 1) await read();
  const ms = [];
  for (let i = 0; i < reads && !stopping; i += 1) {
    const start = performance.now();
    await read();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

/** The read-back of `sale`, through the index and (fewer times) ignoring it; the table's size; the plan. */
async function measure(sale) {
  const [[{ n }]] = await pool.query(`SELECT COUNT(*) AS n FROM ${PURCHASES_TABLE}`);
  const [[plan]] = await pool.query(`EXPLAIN ${ledgerStatements(PURCHASES).purchases}`, [sale]);
  const rows = await ledger.purchases(sale);
  if (rows.length !== SALE_ROWS) throw new Error(`the read-back found ${rows.length} rows of ${SALE_ROWS}`);
  const indexed = await timed(() => ledger.purchases(sale), READS);
  const unindexed = ledgerStatements(PURCHASES).purchases.replace(`FROM \`${PURCHASES_TABLE}\``, `FROM \`${PURCHASES_TABLE}\` IGNORE INDEX (k_ticket_name)`);
  const scanned = await timed(() => pool.query(unindexed, [sale]), Math.max(3, Math.floor(READS / 6)));
  return { tableRows: Number(n), indexed, scanned, plan: `type=${plan.type} key=${plan.key} rows=${plan.rows}` };
}

let failed = false;
try {
  await insertOtherRows(SMALL / 2);
  const sale = nextRun();
  await pool.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ?`, [Array.from({ length: SALE_ROWS }, (_, user) => [`user-${user}`, sale])]);
  await insertOtherRows(SMALL / 2);
  const small = await measure(sale);
  const insertStart = performance.now();
  await insertOtherRows(LARGE - SMALL);
  const insertSeconds = (performance.now() - insertStart) / 1000;
  if (stopping) throw new Error('stopped');
  const large = await measure(sale);
  const line = (others, m) =>
    `  with ${fmt(others).padStart(9)} other rows: read-back ${m.indexed.toFixed(2)} ms (median of ${READS}) · ignoring the index ${m.scanned.toFixed(1)} ms · table ${fmt(m.tableRows)} rows · EXPLAIN ${m.plan}`;
  console.log(`read-back of one ${fmt(SALE_ROWS)}-row sale (ledger.purchases), the other rows in sales of ${fmt(ROWS_PER_OTHER_SALE)}:`);
  console.log(line(SMALL, small));
  console.log(line(LARGE, large));
  console.log(`  (the ${fmt(LARGE - SMALL)} rows in between went in at ${fmt((LARGE - SMALL) / insertSeconds)} rows/s)`);
  const ratio = large.indexed / small.indexed;
  console.log(`ratio ${ratio.toFixed(2)} (goal ≤ 1.5) ${ratio <= 1.5 ? 'met' : 'NOT MET'} · without the index: ratio ${(large.scanned / small.scanned).toFixed(1)}`);
  failed = ratio > 1.5;
} catch (error) {
  failed = true;
  console.error(`readback-bench: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  const cleanStart = performance.now();
  const config = loadCleanConfig({ run: runIds.join(',') }, process.env, runIdOf);
  const report = await cleanLeftovers(config);
  const [[{ n: left }]] = await pool.query(`SELECT COUNT(*) AS n FROM ${PURCHASES_TABLE} WHERE ticket_name IN (?)`, [runIds.map((runId) => runNames(runId).sale)]);
  console.log(
    `removed with ticketsim clean's code: ${fmt(report.deleted?.mysqlRows ?? 0)} rows of ${fmt(report.totals.runs)} runs in ${((performance.now() - cleanStart) / 1000).toFixed(1)} s; ${fmt(Number(left))} left`,
  );
  await pool.end();
  process.exitCode = failed || Number(left) > 0 ? 1 : 0;
}
