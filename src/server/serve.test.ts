// `ticketsim serve` over the in-process infrastructure, driven with fetch like any client: every
// route and status the engine can give, bad bodies, unknown routes and methods, a race of 200
// buyers for 10 seats (lua sells exactly 10; naive answers every request too), and writing behind:
// the workers catch up before the server stops, or the topics stay with what is unwritten.
import { afterEach, describe, expect, it } from 'vitest';
import { workerLauncher } from '../cli/workers.js';
import { loadServeConfig } from '../config/serve-config.js';
import type { ServeFlags } from '../config/serve-config.js';
import type { WorkerLauncher } from '../engine/ports.js';
import { emptyWorkerFigures } from '../worker-figures.js';
import { startServer } from './serve.js';
import type { RunningServer } from './serve.js';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

/** A server on a free port over the in-process infrastructure, and a JSON client of it. */
async function serve(flags: ServeFlags = {}, options: { launcher?: WorkerLauncher; drainTimeoutMs?: number } = {}) {
  const loaded = loadServeConfig({ infra: 'memory', port: 0, ...flags }, {});
  const config = { ...loaded, write: { ...loaded.write, drainTimeoutMs: options.drainTimeoutMs ?? loaded.write.drainTimeoutMs } };
  const server = await startServer(config, { launcher: options.launcher ?? workerLauncher(config.services) });
  running.push(server);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    expect(response.headers.get('content-type')).toBe('application/json');
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  };
  return { server, call };
}

/** The server's stop, taken out of the clean-up (the test looks at what it says). */
function stopOf(server: RunningServer): Promise<Awaited<ReturnType<RunningServer['stop']>>> {
  running.splice(running.indexOf(server), 1);
  return server.stop();
}

describe('serve: the routes over the in-process engine', () => {
  it('creates a sale once, sells it, refuses a second seat and an empty sale, cancels once', async () => {
    const { call } = await serve({ strategy: 'lua' });
    expect(await call('POST', '/sales', { id: 'concert-x', stock: 2 })).toMatchObject({ status: 201, body: { id: 'concert-x', stock: 2 } });
    expect(await call('POST', '/sales', { id: 'concert-x', stock: 5 })).toMatchObject({ status: 409, body: { error: expect.stringContaining('already exists') } });
    // A target file may give the stock as a string of digits.
    expect(await call('POST', '/sales', { id: 'concert-y', stock: '7' })).toMatchObject({ status: 201, body: { id: 'concert-y', stock: 7 } });

    expect(await call('POST', '/buy', { user: 'u1', sale: 'concert-x' })).toMatchObject({ status: 200, body: { outcome: 'purchased' } });
    expect(await call('POST', '/buy', { user: 'u1', sale: 'concert-x' })).toMatchObject({ status: 409, body: { outcome: 'duplicate', caughtBy: 'script' } });
    expect(await call('POST', '/buy', { user: 'u2', sale: 'concert-x' })).toMatchObject({ status: 200 });
    expect(await call('POST', '/buy', { user: 'u3', sale: 'concert-x' })).toMatchObject({ status: 410, body: { outcome: 'sold-out' } });
    expect(await call('GET', '/sales/concert-x/stock')).toMatchObject({ status: 200, body: { stock: 0 } });

    expect(await call('POST', '/cancel', { user: 'u1', sale: 'concert-x' })).toMatchObject({ status: 200, body: { outcome: 'cancelled' } });
    expect(await call('POST', '/cancel', { user: 'u1', sale: 'concert-x' })).toMatchObject({ status: 404, body: { outcome: 'not-purchased' } });
    expect(await call('GET', '/sales/concert-x/stock')).toMatchObject({ status: 200, body: { stock: 1 } });
  });

  it('says 404 for a sale that does not exist, and what it serves on /health', async () => {
    const { call } = await serve({ strategy: 'dcl' });
    expect(await call('GET', '/sales/nowhere/stock')).toMatchObject({ status: 404, body: { error: expect.stringContaining('nowhere') } });
    expect(await call('GET', '/sales/no%3Awhere/stock')).toMatchObject({ status: 404, body: { error: expect.stringContaining('no:where') } });
    expect(await call('POST', '/buy', { user: 'u1', sale: 'nowhere' })).toMatchObject({ status: 404, body: { error: expect.stringContaining('nowhere') } });
    expect(await call('GET', '/health')).toEqual({ status: 200, body: { ok: true, strategy: 'dcl', write: 'sync', infra: 'memory' }, headers: expect.anything() });
  });

  it('answers 400 to a body a route does not take, saying what is wrong', async () => {
    const { call } = await serve();
    const bad: [string, unknown, RegExp][] = [
      ['/sales', '{"id":', /not JSON/],
      ['/sales', [1, 2], /JSON object/],
      ['/sales', { id: 'has space', stock: 1 }, /^id must be a sale id/],
      ['/sales', { id: 'x'.repeat(65), stock: 1 }, /^id must be a sale id/],
      ['/sales', { id: 'c', stock: -1 }, /^stock must be a whole number/],
      ['/sales', { id: 'c', stock: 1.5 }, /^stock must be a whole number/],
      ['/sales', { id: 'c' }, /got nothing/],
      ['/buy', { sale: 'c' }, /^user must be a string/],
      ['/buy', { user: 42, sale: 'c' }, /^user must be a string .* \(got 42\)/],
      ['/buy', { user: 'u'.repeat(65), sale: 'c' }, /^user must be a string of 1 to 64/],
      ['/buy', { user: '', sale: 'c' }, /^user must be a string/],
      ['/cancel', { user: 'u1' }, /^sale must be a sale id/],
      ['/cancel', { user: 'u1', sale: 'a{b}' }, /^sale must be a sale id/],
      ['/buy', '', /not JSON/],
    ];
    for (const [path, body, error] of bad) {
      const reply = await call('POST', path, body);
      expect({ path, body, ...reply.body }).toMatchObject({ path, body, error: expect.stringMatching(error) });
      expect(reply.status).toBe(400);
    }
    expect((await call('GET', '/sales/a%ZZ/stock')).status).toBe(400);
  });

  it('answers 404 to an unknown route and 405 to a method a route does not take', async () => {
    const { call } = await serve();
    expect(await call('GET', '/nothing')).toMatchObject({ status: 404, body: { error: 'no route GET /nothing' } });
    expect(await call('POST', '/sales/x/stock/more', {})).toMatchObject({ status: 404 });
    const wrong = await call('GET', '/buy');
    expect(wrong).toMatchObject({ status: 405, body: { error: 'GET is not allowed on /buy; use POST' } });
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(await call('DELETE', '/health')).toMatchObject({ status: 405 });
  });
});

describe('serve: 200 buyers race for 10 seats over HTTP', () => {
  const race = async (strategy: string) => {
    const { call } = await serve({ strategy });
    await call('POST', '/sales', { id: 'concert-race', stock: 10 });
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => call('POST', '/buy', { user: `u${i}`, sale: 'concert-race' })));
    const statuses = new Map<number, number>();
    for (const { status } of replies) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    return { statuses, stock: (await call('GET', '/sales/concert-race/stock')).body.stock };
  };

  it('lua sells exactly 10 and turns 190 away; no request fails', async () => {
    const { statuses, stock } = await race('lua');
    expect(Object.fromEntries(statuses)).toEqual({ 200: 10, 410: 190 });
    expect(stock).toBe(0);
  });

  it('naive answers every request too (it sells at least the 10 seats; how many more depends on the interleaving)', async () => {
    const { statuses } = await race('naive');
    expect([...statuses.keys()].every((status) => status === 200 || status === 410)).toBe(true);
    expect(statuses.get(200)).toBeGreaterThanOrEqual(10);
  });
});

describe('serve --write behind (in process)', () => {
  it('answers once the event is acknowledged; the workers catch up before it stops, and its topics go', async () => {
    const { server, call } = await serve({ write: 'behind', workers: 2 });
    expect(server.lane).toEqual({ topic: `ticketsim.sales.${server.runId}`, dlqTopic: `ticketsim.sales.${server.runId}.dlq`, group: `ticketsim-workers-${server.runId}` });
    await call('POST', '/sales', { id: 'concert-behind', stock: 5 });
    const replies = await Promise.all(['a', 'b', 'c'].map((user) => call('POST', '/buy', { user, sale: 'concert-behind' })));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(await call('POST', '/cancel', { user: 'a', sale: 'concert-behind' })).toMatchObject({ status: 200, body: { outcome: 'cancelled' } });
    const stopped = await stopOf(server);
    expect(stopped).toMatchObject({ cutOff: 0, counts: { answered: 5, failed: 0 } });
    expect(stopped.kept).toBeUndefined();
  });

  it('keeps the topics and says how many events are unwritten when the workers do not catch up', async () => {
    // Workers that never consume anything.
    const idle: WorkerLauncher = { start: async (_infra, spec) => ({ count: spec.count, stats: emptyWorkerFigures, kill: () => Promise.reject(new Error('no')), stop: async () => emptyWorkerFigures(), waitingFor: () => [], outages: () => [] }) };
    const { server, call } = await serve({ write: 'behind' }, { launcher: idle, drainTimeoutMs: 100 });
    await call('POST', '/sales', { id: 'concert-stuck', stock: 5 });
    await call('POST', '/buy', { user: 'a', sale: 'concert-stuck' });
    await call('POST', '/buy', { user: 'b', sale: 'concert-stuck' });
    const { lane, runId } = server;
    expect(await stopOf(server)).toMatchObject({
      unwritten: 2,
      kept: { names: `topics ${lane!.topic} and ${lane!.dlqTopic} and group ${lane!.group}`, why: '2 acknowledged events not yet written' },
    });
    expect(lane!.topic).toContain(runId);
  });
});
