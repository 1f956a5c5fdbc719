// `ticketsim serve` on real Redis and MariaDB (and Kafka, writing behind), as a user runs it (the
// built CLI in a child process on a free port): purchases over HTTP land in the purchases table and
// the sale's Redis keys exactly as the engine names them; SIGTERM stops it with exit 0 and it removes
// nothing it did not create (the sale, its rows and keys, and a key of someone else's all stay);
// writing behind, the stop waits for the workers and then deletes the server's topics and group.
// examples/targets/serve.json drives it as a target and verifies through the same stores. A port
// in use and an unreachable Redis are exit 3 within seconds, naming host:port.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort } from '../closed-port.js';
import { createKafka } from '../../src/engine/kafka/connect.js';
import { saleKeyList, saleKeys } from '../../src/engine/redis/keys.js';
import type { RunResult } from '../../src/result.js';
import { BIN, failedChecks, realStores, ticketsim, until } from './cli.js';
import { ownedId } from './owned-names.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('redis', 'mysql');
const withKafka = available && (await servicesAvailable('kafka'));

/** A server in a child process: its output so far, and how it ended. */
interface Served {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const servers: Served[] = [];

function startServe(args: readonly string[]): Served {
  const child = spawn(BIN, ['serve', '--infra', 'real', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const served = { process: child, stdout: () => stdout, stderr: () => stderr, ended };
  servers.push(served);
  return served;
}

/** The server's address once it says it listens (plain: the URL at the end of its line; --json: the line's url). */
function listeningUrl(served: Served): Promise<string> {
  return until('the server said it listens', () => /listening on (http:\/\/\S+)|"url":"(http:[^"]+)"/.exec(served.stdout())?.slice(1).find(Boolean));
}

const post = async (url: string, path: string, body: unknown) => {
  const response = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

afterAll(async () => {
  // A server a failed test left running.
  for (const served of servers) if (served.process.exitCode === null && served.process.signalCode === null) served.process.kill('SIGKILL');
});

describe.skipIf(!available)('ticketsim serve on real Redis and MariaDB', () => {
  const stores = realStores();
  const sales: string[] = [];
  const others: string[] = [];
  afterAll(async () => {
    for (const sale of sales) {
      await stores.redis.del(...saleKeyList(sale));
      await stores.mysql.query('DELETE FROM purchases WHERE ticket_name = ?', [sale]);
    }
    if (others.length > 0) await stores.redis.del(...others);
  });

  const newSale = () => {
    const sale = `it-${ownedId()}`;
    sales.push(sale);
    return sale;
  };

  const readStores = async (sale: string) => {
    const [rows] = await stores.mysql.query<RowDataPacket[]>('SELECT user_id FROM purchases WHERE ticket_name = ? ORDER BY user_id', [sale]);
    const keys = saleKeys(sale);
    return { rows: rows.map((row) => String(row.user_id)), stock: await stores.redis.get(keys.stock), buyers: (await stores.redis.smembers(keys.buyers)).sort() };
  };

  it('sells over HTTP into the real stores, and SIGTERM stops it (exit 0) leaving what it did not create', async () => {
    const served = startServe(['--strategy', 'lua']);
    const url = await listeningUrl(served);
    expect(served.stdout()).toMatch(/^ticketsim serve: lua, write sync, infra real — listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    // Someone else's key beside the sale's: the server must leave it alone.
    const sale = newSale();
    const otherKey = `ticketsim:{${sale}-other}:stock`;
    others.push(otherKey);
    await stores.redis.set(otherKey, '42');

    expect(await post(url, '/sales', { id: sale, stock: 3 })).toEqual({ status: 201, body: { id: sale, stock: 3 } });
    expect((await post(url, '/sales', { id: sale, stock: 3 })).status).toBe(409);
    const buys = await Promise.all(['u1', 'u2', 'u3', 'u4', 'u5'].map((user) => post(url, '/buy', { user, sale })));
    expect(buys.map((reply) => reply.status).sort()).toEqual([200, 200, 200, 410, 410]);
    const buyers = ['u1', 'u2', 'u3', 'u4', 'u5'].filter((_, i) => buys[i]!.status === 200);
    expect(await post(url, '/buy', { user: buyers[0], sale })).toEqual({ status: 409, body: { outcome: 'duplicate', caughtBy: 'script' } });
    expect(await post(url, '/cancel', { user: buyers[0], sale })).toEqual({ status: 200, body: { outcome: 'cancelled' } });
    const stock = await fetch(`${url}/sales/${sale}/stock`);
    expect([stock.status, await stock.json()]).toEqual([200, { stock: 1 }]);

    const expected = { rows: buyers.slice(1).sort(), stock: '1', buyers: buyers.slice(1).sort() };
    expect(await readStores(sale)).toEqual(expected);

    served.process.kill('SIGTERM');
    expect(await served.ended).toEqual({ code: 0, signal: null });
    expect(served.stdout()).toContain('ticketsim serve: stopped on SIGTERM — 10 requests answered, 0 failed');
    expect(served.stderr()).toBe('');
    expect(await readStores(sale)).toEqual(expected);
    expect(await stores.redis.get(otherKey)).toBe('42');
  });

  it.each([
    ['lua', 0, []],
    ['naive', 1, ['no-oversell']],
  ] as const)('examples/targets/serve.json drives it: oversell against serve --strategy %s exits %i, read back from the real stores', async (strategy, exit, caught) => {
    const served = startServe(['--strategy', strategy]);
    const url = await listeningUrl(served);
    // The example as shipped, but for the port this server took.
    const example = JSON.parse(await readFile(resolve(import.meta.dirname, '../../examples/targets/serve.json'), 'utf8')) as { baseUrl: string };
    const dir = await mkdtemp(join(tmpdir(), 'ticketsim-serve-'));
    const file = join(dir, 'serve.json');
    await writeFile(file, JSON.stringify({ ...example, $schema: undefined, baseUrl: url }));
    try {
      // A thousand buyers at once: enough overlapping requests that naive's read-then-write races
      // on a busy machine too (two hundred did not always, when the server met them one by one).
      const run = await ticketsim(['run', 'oversell', '--target', file, '--users', '1000', '--stock', '20', '--json']);
      const result = JSON.parse(run.stdout) as RunResult;
      stores.remember(result);
      expect(failedChecks(result)).toEqual(expect.arrayContaining([...caught]));
      expect(run.code).toBe(exit);
      if (exit === 0) {
        expect(failedChecks(result)).toEqual([]);
        expect(result.counts).toMatchObject({ purchased: 20, soldOut: 980, errors: 0 });
        expect((await readStores(result.data.sale)).rows).toHaveLength(20);
      } else {
        // The naive server's read-then-write sells more than the stock: caught from its own stores.
        expect((await readStores(result.data.sale)).rows.length).toBeGreaterThan(20);
      }
    } finally {
      served.process.kill('SIGTERM');
      await rm(dir, { recursive: true });
    }
    expect((await served.ended).code).toBe(0);
  }, 60_000);

  it('compare --targets runs the same oversell against two served strategies: naive fails as expected, lua holds', async () => {
    const servers = [startServe(['--strategy', 'naive']), startServe(['--strategy', 'lua'])];
    const example = JSON.parse(await readFile(resolve(import.meta.dirname, '../../examples/targets/serve.json'), 'utf8')) as { baseUrl: string };
    const dir = await mkdtemp(join(tmpdir(), 'ticketsim-serve-'));
    try {
      const files = await Promise.all(
        servers.map(async (served, i) => {
          const file = join(dir, `${i}.json`);
          await writeFile(file, JSON.stringify({ ...example, $schema: undefined, name: ['naive-shop', 'lua-shop'][i], baseUrl: await listeningUrl(served) }));
          return file;
        }),
      );
      const run = await ticketsim(['compare', 'oversell', '--targets', files.join(','), '--users', '1000', '--stock', '20', '--expect-fail', 'naive-shop', '--json']);
      const { comparison, runs } = JSON.parse(run.stdout) as { comparison: { runs: { label: string; verdict: string; asExpected: boolean }[] }; runs: RunResult[] };
      for (const result of runs) stores.remember(result);
      expect(comparison.runs.map(({ label, verdict, asExpected }) => [label, verdict, asExpected])).toEqual([
        ['naive-shop', 'failed', true],
        ['lua-shop', 'held', true],
      ]);
      expect(run.code).toBe(0);
    } finally {
      for (const served of servers) served.process.kill('SIGTERM');
      await rm(dir, { recursive: true });
    }
    for (const served of servers) expect((await served.ended).code).toBe(0);
  }, 60_000);

  it('a port in use is exit 3 naming host:port; so is an unreachable Redis, within seconds', async () => {
    const first = startServe([]);
    const port = Number(/:(\d+)$/.exec(await listeningUrl(first))![1]);
    const second = await ticketsim(['serve', '--infra', 'real', '--port', String(port)]);
    expect(second.code).toBe(3);
    expect(second.stderr).toBe(`ticketsim: 127.0.0.1:${port} is already in use; stop what listens there, or choose another --port (--port 0 takes a free one)\n`);
    first.process.kill('SIGTERM');
    expect((await first.ended).code).toBe(0);

    const dead = await closedPort();
    const startedAt = performance.now();
    const unreachable = await ticketsim(['serve', '--infra', 'real', '--port', '0', '--redis-url', `redis://127.0.0.1:${dead}`]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain(`ticketsim: redis at 127.0.0.1:${dead}: `);
    expect(unreachable.stdout).toBe('');
    expect(performance.now() - startedAt).toBeLessThan(15_000);
  });

  it('a host off loopback without --allow-remote is exit 2, in one line', async () => {
    const refused = await ticketsim(['serve', '--host', '0.0.0.0']);
    expect([refused.code, refused.stderr]).toEqual([
      2,
      'ticketsim: --host 0.0.0.0 is not a loopback address; the server listens only on 127.0.0.1/localhost/::1 unless --allow-remote is given too\n',
    ]);
  });

  describe.skipIf(!withKafka)('writing behind (real Kafka)', () => {
    it('answers once Kafka has the event; on SIGTERM the workers catch up, then its topics and group go', async () => {
      const served = startServe(['--write', 'behind', '--json']);
      const url = await listeningUrl(served);
      const listening = JSON.parse(served.stdout().split('\n')[0]!) as { runId: string; topic: string; dlqTopic: string; group: string };
      expect(listening).toMatchObject({ write: 'behind', infra: 'real', topic: `ticketsim.sales.${listening.runId}`, group: `ticketsim-workers-${listening.runId}` });
      const sale = newSale();
      await post(url, '/sales', { id: sale, stock: 10 });
      const buys = await Promise.all(['a', 'b', 'c'].map((user) => post(url, '/buy', { user, sale })));
      expect(buys.map((reply) => reply.status)).toEqual([200, 200, 200]);

      served.process.kill('SIGTERM');
      expect(await served.ended).toEqual({ code: 0, signal: null });
      expect(JSON.parse(served.stdout().trim().split('\n').at(-1)!)).toEqual({ event: 'stopped', signal: 'SIGTERM', answered: 4, failed: 0, cutOff: 0 });
      // Acknowledged before the stop, written by the time it ended.
      expect((await readStores(sale)).rows).toEqual(['a', 'b', 'c']);
      const admin = createKafka({ ...servicesConfig.kafka, connectTimeoutMs: 2000 }, 'ticketsim-it-serve').admin();
      await admin.connect();
      try {
        const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(listening.topic));
        const groups = (await admin.listGroups()).groups.filter((group) => group.groupId === listening.group);
        expect([...topics, ...groups]).toEqual([]);
      } finally {
        await admin.disconnect();
      }
    }, 90_000);
  });
});
