// Benchmarks of the harness at scale: ticketsim itself must not be what breaks. Each case runs the
// built CLI as a user would (a child process, --json) and reads its wall time and peak RSS (VmHWM
// from /proc while it runs; the in-process cases take the median of three and print each run),
// against a reference measured in the same run:
//   A. 1,000,000 and 10,000,000 attempts in process, one burst (stock 1,000) vs 10,000 (and the
//      10,000,000 vs the 1,000,000): per-attempt wall and RSS;
//   B. 1,000,000 with --concurrency 1000 (a closed model of 1,000 clients) vs 10,000;
//   C. 100,000 attempts against real Redis + MariaDB (lua) vs 10,000: peak RSS;
//   D. an open model on the real services, --rate 5000 --duration 10 (stock 20,000): achieved
//      rate vs the target, late starts, drops, the generator's event-loop delay.
// Targets: A and B at 1,000,000 ≤ 5 s and ≤ 300 MB with 0 errors, C ≤ 300 MB (issue 10); A at
// 10,000,000 ≤ 15 s and ≤ 300 MB with 0 errors, memory flat (issue 19).
// Usage: npm run bench:scale (or, once built: node bench/scale-bench.mjs [--quick]; --quick runs
// 200,000 and 1,000,000 in place of 1,000,000 and 10,000,000, once each)
// The real runs' sales (keys and rows under their own runIds) are removed at the end.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../dist/config/config.js';
import { connectRedis } from '../dist/engine/redis/connect.js';
import { saleKeyList } from '../dist/engine/redis/keys.js';
import { connectMysql } from '../dist/engine/mysql/connect.js';
import { PURCHASES_TABLE } from '../dist/engine/mysql/tables.js';

const quick = process.argv.includes('--quick');
const BIN = resolve(import.meta.dirname, '../bin/ticketsim');
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mb = (kb) => `${fmt(kb / 1024)} MB`;
const results = [];

/** Peak resident set of a live process so far, kB (Linux). */
function peakRssKb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Runs `ticketsim run oversell --json …`; resolves with the result, wall ms and peak RSS kB. */
function runCli(args) {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(BIN, ['run', 'oversell', '--json', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let peak = 0;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const poll = setInterval(() => (peak = Math.max(peak, peakRssKb(child.pid))), 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      const wallMs = performance.now() - started;
      try {
        const result = JSON.parse(stdout);
        results.push(result);
        resolveRun({ code, result, wallMs, peakKb: peak });
      } catch {
        reject(new Error(`ticketsim ${args.join(' ')} exited ${code} without a result`));
      }
    });
  });
}

const secs = (ms) => (ms / 1000).toFixed(2);

function line(label, run) {
  const { result } = run;
  return `${label}: ${fmt(result.counts.attempts)} attempts in ${secs(run.wallMs)} s wall · peak RSS ${mb(run.peakKb)} · errors ${fmt(result.counts.errors)} · exit ${run.code}`;
}

/** The median-wall run of `times` (VMs here vary by tens of percent run to run), with every run's figures. */
async function medianRun(args, times) {
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await runCli(args));
  const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const median = byWall[Math.floor(byWall.length / 2)];
  const each = runs.map((r) => `${secs(r.wallMs)} s ${mb(r.peakKb)} ${fmt(r.result.counts.errors)} errors exit ${r.code}`);
  return { ...median, peakKb: Math.max(...runs.map((r) => r.peakKb)), each };
}

const perAttempt = (r) => r.wallMs / r.result.counts.attempts;

/** `run` against `ref`: RSS and wall per attempt as ratios. */
function ratios(run, ref, refLabel) {
  const attempts = run.result.counts.attempts / ref.result.counts.attempts;
  return `vs ${refLabel}: RSS ratio ${(run.peakKb / ref.peakKb).toFixed(2)} for ${fmt(attempts)}× the attempts · wall per attempt ratio ${(perAttempt(run) / perAttempt(ref)).toFixed(2)}`;
}

/** In process at each size (ascending) against 10,000, and each size against the one before. */
async function inProcess(label, extra, sizes) {
  const args = (users) => ['--users', String(users), '--stock', '1000', '--infra', 'memory', ...extra];
  const ref = await medianRun(args(10_000), 3);
  console.log(`${line(`${label} reference 10,000`, ref)} (runs: ${ref.each.join(' / ')}; median shown, highest RSS)`);
  let before = { run: ref, label: '10,000' };
  for (const users of sizes) {
    const run = await medianRun(args(users), quick ? 1 : 3);
    console.log(`${line(`${label} ${fmt(users)}`, run)} (runs: ${run.each.join(' / ')}; median shown, highest RSS)`);
    console.log(`   ${ratios(run, ref, '10,000')}`);
    if (before.run !== ref) console.log(`   ${ratios(run, before.run, before.label)}`);
    before = { run, label: fmt(users) };
  }
}

await inProcess('A. in process, burst', [], quick ? [200_000, 1_000_000] : [1_000_000, 10_000_000]);
await inProcess('B. in process, --concurrency 1000', ['--concurrency', '1000'], [quick ? 200_000 : 1_000_000]);

const config = loadConfig({});
const real = ['--infra', 'real', '--strategy', 'lua'];
// C. 100k against the real services vs 10k.
const cRef = await runCli(['--users', '10000', '--stock', '1000', ...real]);
const c = await runCli(['--users', quick ? '50000' : '100000', '--stock', '1000', ...real]);
console.log(line('C. real Redis + MariaDB (lua)', c));
console.log(line('   reference 10,000', cRef));
console.log(`   RSS ratio ${(c.peakKb / cRef.peakKb).toFixed(2)} for ${fmt(c.result.counts.attempts / cRef.result.counts.attempts)}× the attempts`);

// D. the open model on the real services.
const seconds = quick ? 3 : 10;
const d = await runCli(['--rate', '5000', '--duration', String(seconds), '--stock', String(5000 * seconds * 0.4), ...real]);
const { load } = d.result;
console.log(line(`D. --rate 5000 --duration ${seconds} (real, lua)`, d));
console.log(
  `   achieved ${fmt(load.achievedRate ?? 0)}/s of 5,000/s · ratio ${((load.achievedRate ?? 0) / 5000).toFixed(3)} · ` +
    `${fmt(load.lateStarts)} late starts (start lag p99 ${(load.startLag.p99 / 1000).toFixed(1)} ms) · ${fmt(load.dropped)} dropped · ` +
    `event-loop delay p99 ${load.eventLoopDelayMs.p99} ms · purchase p99 ${(d.result.latency.purchase.p99 / 1000).toFixed(1)} ms`,
);

// Remove what the real runs created: their keys and rows only.
const target = (s) => ({ ...s, connectTimeoutMs: config.services.connectTimeoutMs });
const redis = await connectRedis(target(config.services.redis));
const pool = await connectMysql(target(config.services.mysql), 2);
for (const result of results.filter((r) => r.infra === 'real')) {
  await redis.del(...saleKeyList(result.data.sale));
  await pool.query(`DELETE FROM ${PURCHASES_TABLE} WHERE ticket_name = ?`, [result.data.sale]);
}
redis.disconnect();
await pool.end();
