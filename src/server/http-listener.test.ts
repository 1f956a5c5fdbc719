// The socket side of serve over operations the test controls: lock timeouts (503, retry-after) and
// infrastructure failures (500, one line, no stack) as the engine would give them, a server still
// starting, an oversized body, a port in use, and the graceful stop: a request in flight finishes,
// new connections are refused, and one that never finishes is cut off after the grace period.
import { afterEach, describe, expect, it } from 'vitest';
import { InfrastructureError } from '../errors.js';
import type { CancelOutcome, PurchaseOutcome } from '../engine/ports.js';
import { listen } from './http-listener.js';
import type { Listener } from './http-listener.js';
import type { ApiReply, ApiRequest, SaleOperations } from './routes.js';

const open: Listener[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((listener) => listener.stop(0)));
});

/** Operations that answer as told: purchases with `purchase`, cancels lock-timeout, stock by failing. */
function operations(purchase: () => Promise<PurchaseOutcome>): SaleOperations {
  return {
    createSale: async () => undefined,
    purchase,
    cancel: async (): Promise<CancelOutcome> => ({ kind: 'lock-timeout' }),
    stock: () => Promise.reject(new InfrastructureError('redis', '127.0.0.1:6379', 'Connection is closed.')),
    health: () => ({ strategy: 'dcl', write: 'sync', infra: 'real' }),
  };
}

async function listening(ops?: SaleOperations, failures: [ApiRequest, ApiReply][] = []): Promise<Listener> {
  const listener = await listen('127.0.0.1', 0, (request, reply) => failures.push([request, reply]));
  open.push(listener);
  if (ops !== undefined) listener.ready(ops);
  return listener;
}

const post = (listener: Listener, path: string, body: unknown) => fetch(`${listener.url}${path}`, { method: 'POST', body: JSON.stringify(body) });

describe('the listener', () => {
  it('a lock timeout is 503 with retry-after; an infrastructure failure is 500 with its one line, no stack', async () => {
    const failures: [ApiRequest, ApiReply][] = [];
    const listener = await listening(operations(async () => ({ kind: 'lock-timeout' })), failures);
    const timedOut = await post(listener, '/buy', { user: 'u1', sale: 's' });
    expect([timedOut.status, timedOut.headers.get('retry-after'), await timedOut.json()]).toEqual([503, '1', { outcome: 'lock-timeout' }]);
    const cancel = await post(listener, '/cancel', { user: 'u1', sale: 's' });
    expect([cancel.status, cancel.headers.get('retry-after')]).toEqual([503, '1']);

    const failed = await fetch(`${listener.url}/sales/s/stock`);
    expect([failed.status, await failed.json()]).toEqual([500, { error: 'redis at 127.0.0.1:6379: Connection is closed.' }]);
    expect(failures.map(([request, reply]) => [request.method, request.path, reply.status])).toEqual([['GET', '/sales/s/stock', 500]]);
    expect(listener.counts).toEqual({ answered: 3, failed: 1 });
  });

  it('a thrown error that is not ticketsim\'s is 500 with its message only', async () => {
    const listener = await listening(operations(() => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))));
    const reply = await post(listener, '/buy', { user: 'u1', sale: 's' });
    expect([reply.status, await reply.json()]).toEqual([500, { error: 'ECONNRESET: socket hang up' }]);
  });

  it('answers 503 until the engine is ready, and 413 to a body over 64 KiB', async () => {
    const listener = await listening();
    const early = await fetch(`${listener.url}/health`);
    expect([early.status, early.headers.get('retry-after'), await early.json()]).toEqual([503, '1', { error: 'the server is starting' }]);
    listener.ready(operations(async () => ({ kind: 'purchased' })));
    expect((await fetch(`${listener.url}/health`)).status).toBe(200);
    const big = await post(listener, '/buy', { user: 'u1', sale: 's', padding: 'x'.repeat(70_000) });
    expect([big.status, await big.json()]).toEqual([413, { error: 'the body is over 64 KiB' }]);
  });

  it('says which address is in use, and what to do', async () => {
    const taken = await listening();
    await expect(listen('127.0.0.1', taken.port)).rejects.toThrow(
      `127.0.0.1:${taken.port} is already in use; stop what listens there, or choose another --port (--port 0 takes a free one)`,
    );
  });

  it('stops gracefully: a request in flight finishes, then no connection is taken', async () => {
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const listener = await listening(
      operations(async () => {
        started();
        await held;
        return { kind: 'purchased' };
      }),
    );
    open.splice(open.indexOf(listener), 1);
    const reply = post(listener, '/buy', { user: 'u1', sale: 's' });
    await inside;
    const stopped = listener.stop(10_000);
    finish();
    const answered = await reply;
    expect([answered.status, answered.headers.get('connection'), await answered.json()]).toEqual([200, 'close', { outcome: 'purchased' }]);
    expect(await stopped).toEqual({ cutOff: 0 });
    await expect(fetch(`${listener.url}/health`)).rejects.toThrow();
  });

  it('cuts off a request still in flight after the grace period', async () => {
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const listener = await listening(
      operations(() => {
        started();
        return new Promise<never>(() => undefined);
      }),
    );
    open.splice(open.indexOf(listener), 1);
    const reply = post(listener, '/buy', { user: 'u1', sale: 's' }).catch((error: unknown) => error);
    await inside;
    expect(await listener.stop(50)).toEqual({ cutOff: 1 });
    expect(await reply).toBeInstanceOf(Error);
  });
});
