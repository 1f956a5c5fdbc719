// Benchmark: does ticketsim's HTTP driver keep up with autocannon, the reference HTTP load
// generator, against the same trivial local endpoint with the same number of connections, in the
// same run? The goal is a requests/s ratio of at least 0.9; p99 latencies are shown side by side.
// The two take turns, three times (a single pair moved by ±15% from one minute to the next on this
// machine): the median of the pairs' ratios is the figure, every pair is shown. The endpoint runs
// in a child process of its own, so neither generator shares its event loop.
// Usage: npm run bench:http (or, once built: node bench/http-driver-bench.mjs [--quick])
import './as-launched.mjs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { createHttpDriver } from '../dist/targets/http/http-driver.js';

const quick = process.argv.includes('--quick');
const CONNECTIONS = 50;
const SECONDS = quick ? 3 : 5;
const REPS = quick ? 1 : 3;

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"outcome":"purchased"}'); }); });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
const [chunk] = await once(server.stdout, 'data');
const url = `http://127.0.0.1:${String(chunk).trim()}`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** autocannon's figures for `seconds`: requests/s and p99 (ms). */
async function reference(seconds) {
  const result = await autocannon({ url: `${url}/buy`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":"u1"}', connections: CONNECTIONS, pipelining: 1, duration: seconds });
  return { rate: result.requests.total / seconds, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** ticketsim's driver, CONNECTIONS requests in flight at all times for `seconds`. */
async function driver(seconds) {
  const http = createHttpDriver({ baseUrl: url, connections: CONNECTIONS, timeoutMs: 10_000 });
  const latencies = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const start = performance.now();
      const answer = await http.send({ method: 'POST', path: '/buy', headers: { 'content-type': 'application/json' }, body: '{"user":"u1"}' });
      latencies.push(performance.now() - start);
      if (answer.kind !== 'response' || answer.status !== 200) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  await http.close();
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, errors };
}

try {
  await reference(1);
  await driver(1);
  const pairs = [];
  for (let r = 0; r < REPS; r += 1) {
    const ref = await reference(SECONDS);
    const ours = await driver(SECONDS);
    pairs.push({ ref, ours, ratio: ours.rate / ref.rate });
  }
  const { ref, ours, ratio } = [...pairs].sort((a, b) => a.ratio - b.ratio)[Math.floor(pairs.length / 2)];
  console.log(`HTTP driver vs autocannon, ${CONNECTIONS} connections, ${SECONDS} s each, same endpoint (a child process), median of ${REPS} turns`);
  console.log(`  autocannon      ${fmt(ref.rate)} req/s · p99 ${ref.p99.toFixed(1)} ms · errors ${ref.errors}`);
  console.log(`  ticketsim HTTP  ${fmt(ours.rate)} req/s · p99 ${ours.p99.toFixed(1)} ms · errors ${ours.errors}`);
  console.log(`  turns, req/s: ${pairs.map((pair) => `${fmt(pair.ours.rate)}/${fmt(pair.ref.rate)} = ${pair.ratio.toFixed(2)}`).join(' · ')}`);
  console.log(`ratio ${ratio.toFixed(2)} (goal ≥ 0.9) ${ratio >= 0.9 ? 'met' : 'NOT MET'}`);
  process.exitCode = ratio >= 0.9 ? 0 : 1;
} finally {
  server.kill();
}
