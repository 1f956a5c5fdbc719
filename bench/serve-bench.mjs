// Benchmark: what does driving a strategy over HTTP cost? A 100,000-seat sale (as many buyers as
// seats) through `ticketsim serve --strategy lua` and --target, against the same sale run by the
// in-process driver of the same strategy on the same real services, in the same run. The goal is
// HTTP purchases/s at least 0.5× the in-process driver's. Both run with 200 attempts in flight: the
// pool of 10 MySQL connections bounds either way, and a larger cap only queues (at the default
// 5,000, the HTTP side also holds 5,000 sockets open, which costs the server more than it sends).
// Usage: npm run bench:serve (or, once built: node bench/serve-bench.mjs [--quick])
// Both runs' data are removed at the end with `ticketsim clean --run`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LAUNCHER, launcherNodeFlags } from '../dist/launcher.js';

const quick = process.argv.includes('--quick');
const SEATS = quick ? 20_000 : 100_000;
// ticketsim as its launcher runs it: the same node flags.
const TICKETSIM = [...launcherNodeFlags(), LAUNCHER];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** Runs ticketsim with `args` to the end; its stdout and exit code. */
async function ticketsim(args) {
  const child = spawn(process.execPath, [...TICKETSIM, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  const [code] = await once(child, 'exit');
  return { code, stdout };
}

const served = spawn(process.execPath, [...TICKETSIM, 'serve', '--strategy', 'lua', '--infra', 'real', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = await once(served.stdout.setEncoding('utf8'), 'data');
const { url } = JSON.parse(String(line).split('\n')[0]);
const dir = await mkdtemp(join(tmpdir(), 'ticketsim-bench-'));
const runIds = [];
try {
  const example = JSON.parse(await readFile(resolve(import.meta.dirname, '../examples/targets/serve.json'), 'utf8'));
  const file = join(dir, 'serve.json');
  await writeFile(file, JSON.stringify({ ...example, $schema: undefined, baseUrl: url }));
  const workload = ['--users', String(SEATS), '--stock', String(SEATS), '--max-in-flight', '200', '--json'];
  const http = JSON.parse((await ticketsim(['run', 'oversell', '--target', file, ...workload])).stdout);
  const direct = JSON.parse((await ticketsim(['run', 'oversell', '--strategy', 'lua', '--infra', 'real', ...workload])).stdout);
  runIds.push(http.runId, direct.runId);
  const ratio = http.throughput / direct.throughput;
  console.log(`${fmt(SEATS)} seats, ${fmt(SEATS)} buyers, lua on the real services (serve on ${url})`);
  console.log(`  in-process driver  ${fmt(direct.throughput)} purchases/s · p99 ${(direct.latency.purchase.p99 / 1000).toFixed(1)} ms · ${direct.ok ? 'held' : 'FAILED'}`);
  console.log(`  over HTTP (serve)  ${fmt(http.throughput)} purchases/s · p99 ${(http.latency.purchase.p99 / 1000).toFixed(1)} ms · ${http.ok ? 'held' : 'FAILED'}`);
  console.log(`ratio ${ratio.toFixed(2)} (goal ≥ 0.5) ${ratio >= 0.5 ? 'met' : 'NOT MET'}`);
  process.exitCode = ratio >= 0.5 && http.ok && direct.ok ? 0 : 1;
} finally {
  served.kill('SIGTERM');
  await once(served, 'exit');
  if (runIds.length > 0) await ticketsim(['clean', '--older-than', '0s', '--run', runIds.join(',')]);
  await rm(dir, { recursive: true });
}
