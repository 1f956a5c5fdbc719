// The HTTP driver against a local server of the test's own: answers come back whole, a request the
// service never answers ends at the deadline, a refused or reset connection is said as such, no
// request is retried, and the pool never opens more connections than it was given.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closedPort } from '../../../test/closed-port.js';
import { createHttpDriver } from './http-driver.js';

/** A server on a free loopback port with `handle`; counts the connections and requests it saw. */
async function serve(handle: (request: IncomingMessage, response: ServerResponse, body: string) => void) {
  const seen = { connections: 0, requests: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    seen.requests += 1;
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => handle(request, response, body));
  });
  server.on('connection', (socket) => {
    seen.connections += 1;
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  opened.push(close);
  return { url: `http://127.0.0.1:${port}`, seen };
}

const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((close) => close()));
});

describe('the HTTP driver', () => {
  it('sends the method, the path under the base URL, headers and body, and returns status and body', async () => {
    const { url } = await serve((request, response, body) => {
      response.writeHead(410, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ method: request.method, url: request.url, type: request.headers['content-type'], body }));
    });
    const driver = createHttpDriver({ baseUrl: `${url}/api/`, connections: 2, timeoutMs: 5000 });
    const answer = await driver.send({ method: 'POST', path: '/buy?sale=s%201', headers: { 'content-type': 'application/json' }, body: '{"user":"u1"}' });
    await driver.close();
    expect(answer).toEqual({
      kind: 'response',
      status: 410,
      body: JSON.stringify({ method: 'POST', url: '/api/buy?sale=s%201', type: 'application/json', body: '{"user":"u1"}' }),
    });
  });

  it('gives up on a request never answered at its deadline, and does not send it again', async () => {
    const { url, seen } = await serve(() => undefined);
    const driver = createHttpDriver({ baseUrl: url, connections: 1, timeoutMs: 100 });
    expect(await driver.send({ method: 'POST', path: '/buy' })).toEqual({ kind: 'no-answer', why: 'no answer within 100 ms' });
    expect(seen.requests).toBe(1);
    await driver.close().catch(() => undefined);
  });

  it('holds a deadline under a second to the millisecond, on its own timer', async () => {
    let arrived!: () => void;
    const request = new Promise<void>((resolve) => (arrived = resolve));
    const { url } = await serve(() => arrived());
    // The timers are the test's: the deadline passes when the test says, not when the machine gets there.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const driver = createHttpDriver({ baseUrl: url, connections: 1, timeoutMs: 20 });
      const answer = driver.send({ method: 'POST', path: '/buy' });
      await request;
      vi.advanceTimersByTime(19);
      const early = await Promise.race([answer, Promise.resolve('pending')]);
      expect(early).toBe('pending');
      vi.advanceTimersByTime(1);
      // Settled at once: no other timer (undici's own tick once a second) has to fire first.
      const turn = () => new Promise((resolve) => setImmediate(() => resolve('pending')));
      expect(await Promise.race([answer, turn()])).toEqual({ kind: 'no-answer', why: 'no answer within 20 ms' });
      await driver.close().catch(() => undefined);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says a connection was refused, naming the address', async () => {
    const port = await closedPort();
    const driver = createHttpDriver({ baseUrl: `http://127.0.0.1:${port}`, connections: 1, timeoutMs: 5000 });
    expect(await driver.send({ method: 'GET', path: '/health' })).toEqual({ kind: 'no-answer', why: `connection refused by 127.0.0.1:${port}` });
    await driver.close();
  });

  it('says a connection was reset, and does not send the request again', async () => {
    const { url, seen } = await serve((request) => request.socket.destroy());
    const driver = createHttpDriver({ baseUrl: url, connections: 1, timeoutMs: 5000 });
    expect(await driver.send({ method: 'POST', path: '/buy', body: '{}' })).toEqual({ kind: 'no-answer', why: `connection reset by ${new URL(url).host}` });
    expect(seen.requests).toBe(1);
    await driver.close();
  });

  it('keeps at most its connections open, reusing them', async () => {
    const { url, seen } = await serve((_request, response) => response.end('ok'));
    const driver = createHttpDriver({ baseUrl: url, connections: 3, timeoutMs: 5000 });
    const answers = await Promise.all(Array.from({ length: 60 }, () => driver.send({ method: 'GET', path: '/' })));
    await driver.close();
    expect(answers.every((answer) => answer.kind === 'response' && answer.status === 200)).toBe(true);
    expect(seen.requests).toBe(60);
    expect(seen.connections).toBeLessThanOrEqual(3);
  });
});
