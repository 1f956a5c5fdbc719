// A small ticket service of the tests' own, over HTTP on loopback, that can be told to get one
// thing wrong: what a --target run must catch in someone else's service. It keeps its sales in
// memory and shows them through its own API (GET /sales/:id: the order records, the stock counter,
// the buyer set), which the tests' target file verifies through.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the service gets wrong; `correct` gets nothing wrong. */
export type Flaw =
  | 'correct'
  /**
   * Every second buyer's stock write is lost (as when two buyers read the same stock and both
   * write it − 1): planted by construction, so no timing decides whether it happens.
   */
  | 'lost-update'
  /** Takes the seat, then fails to store every tenth order and answers 500 (the seat is gone). */
  | 'seat-without-order'
  /** Answers every tenth purchase `purchased` and keeps no order of it (a lost acknowledged write). */
  | 'forgets-order'
  /** Never looks the buyer up: a user who clicks twice buys twice. */
  | 'double-buyer'
  /** Stores the order of every tenth buyer told sold out (a ghost record). */
  | 'ghost-record'
  /** Stores every order, but never answers every tenth purchase (the client's deadline passes). */
  | 'dropped-answer'
  /** Not a flaw: answers at once and stores the order 50 ms later (a write-behind service). */
  | 'writes-behind';

interface Sale {
  stock: number;
  orders: string[];
  buyers: Set<string>;
}

/** Starts the service on a free loopback port; `close()` stops it. */
export async function startShop(flaw: Flaw): Promise<{ url: string; idempotencyKeys: string[]; close(): Promise<void> }> {
  const sales = new Map<string, Sale>();
  /** The Idempotency-Key header of every purchase, as sent. */
  const idempotencyKeys: string[] = [];
  let purchases = 0;
  const server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    if (request.url === '/buy') idempotencyKeys.push(String(request.headers['idempotency-key']));
    request.on('end', () => {
      void handle(request.method ?? 'GET', request.url ?? '/', text).then((answer) => {
        if (answer === undefined) return; // the dropped answer: never sent
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      });
    });
  });

  async function handle(method: string, url: string, text: string): Promise<{ status: number; body: unknown } | undefined> {
    const body = (text === '' ? {} : JSON.parse(text)) as { id?: string; stock?: number; user?: string; sale?: string };
    if (method === 'POST' && url === '/sales') {
      if (sales.has(body.id!)) return { status: 409, body: { error: 'exists' } };
      sales.set(body.id!, { stock: body.stock!, orders: [], buyers: new Set() });
      return { status: 201, body: { id: body.id } };
    }
    const shown = /^\/sales\/([^/]+)$/.exec(url);
    if (method === 'GET' && shown) {
      const sale = sales.get(decodeURIComponent(shown[1]!));
      return sale === undefined ? { status: 404, body: {} } : { status: 200, body: { orders: sale.orders, stock: sale.stock, buyers: [...sale.buyers] } };
    }
    const sale = sales.get(body.sale ?? '');
    if (sale === undefined) return { status: 404, body: { error: 'no such sale' } };
    const user = body.user!;
    if (method === 'POST' && url === '/buy') return buy(sale, user, (purchases += 1));
    if (method === 'POST' && url === '/cancel') {
      const at = sale.orders.indexOf(user);
      if (at < 0) return { status: 404, body: { outcome: 'not-purchased' } };
      sale.orders.splice(at, 1);
      sale.buyers.delete(user);
      sale.stock += 1;
      return { status: 200, body: { outcome: 'cancelled' } };
    }
    return { status: 404, body: {} };
  }

  function buy(sale: Sale, user: string, n: number): { status: number; body: unknown } | undefined {
    if (flaw !== 'double-buyer' && sale.buyers.has(user)) return { status: 409, body: { outcome: 'duplicate' } };
    if (sale.stock <= 0) {
      if (flaw === 'ghost-record' && n % 10 === 0) sale.orders.push(user);
      return { status: 410, body: { outcome: 'sold-out' } };
    }
    if (flaw !== 'lost-update' || n % 2 === 1) sale.stock -= 1;
    if (flaw === 'seat-without-order' && n % 10 === 0) return { status: 500, body: { error: 'order write failed' } };
    if (flaw === 'forgets-order' && n % 10 === 0) return { status: 200, body: { outcome: 'purchased' } };
    sale.buyers.add(user);
    if (flaw === 'writes-behind') setTimeout(() => sale.orders.push(user), 50);
    else sale.orders.push(user);
    if (flaw === 'dropped-answer' && n % 10 === 0) return undefined;
    return { status: 200, body: { outcome: 'purchased' } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    idempotencyKeys,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The target file that drives the shop at `url` (its own API for every verify read). */
export function shopTarget(url: string, timeoutMs = 2000, drain?: { timeoutMs: number; settleMs: number }): string {
  return JSON.stringify({
    ...(drain === undefined ? {} : { drain }),
    name: 'test-shop',
    baseUrl: url,
    timeoutMs,
    users: 'u{run}-{i}',
    sale: 'concert-{run}',
    setup: [{ http: { method: 'POST', path: '/sales', json: { id: '{sale}', stock: '{stock}' } } }],
    purchase: {
      method: 'POST',
      path: '/buy',
      headers: { 'Idempotency-Key': '{attempt}' },
      json: { user: '{user}', sale: '{sale}' },
      outcomes: [
        { status: 200, is: 'purchased' },
        { status: 410, is: 'sold-out' },
        { status: 409, is: 'duplicate' },
        { status: '5xx', is: 'error' },
      ],
    },
    cancel: {
      method: 'POST',
      path: '/cancel',
      json: { user: '{user}', sale: '{sale}' },
      outcomes: [
        { status: 200, is: 'cancelled' },
        { status: 404, is: 'not-purchased' },
      ],
    },
    verify: {
      records: { http: { path: '/sales/{sale}', pointer: '/orders' } },
      stock: { http: { path: '/sales/{sale}', pointer: '/stock' } },
      buyerIndex: { http: { path: '/sales/{sale}', pointer: '/buyers' } },
    },
  });
}
