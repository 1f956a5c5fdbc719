// The socket side of `ticketsim serve` (node:http): listens (a port in use is one line naming
// host:port), reads each request's body (bounded), hands it to the routes once the engine is ready
// (503 with retry-after until then), writes the JSON reply, and stops gracefully: no new
// connections, requests in flight finish within a bound, then the connections close.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatEndpoint } from '../config/endpoints.js';
import { TicketsimError, describeError } from '../errors.js';
import { RETRY_AFTER, route, routeName } from './routes.js';
import type { ApiReply, ApiRequest, SaleOperations } from './routes.js';

/** Largest request body read, in bytes; a larger one is answered 413. */
const MAX_BODY_BYTES = 64 * 1024;

/** What the listener counted. */
export interface RequestCounts {
  /** Replies written. */
  answered: number;
  /** Of them, 500s: the infrastructure failed. */
  failed: number;
}

/** A listening server. */
export interface Listener {
  /** Where it listens (the port the system chose for port 0). */
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:8080` (IPv6 in brackets). */
  readonly url: string;
  readonly counts: RequestCounts;
  /** Routes requests to `operations` from now on. */
  ready(operations: SaleOperations): void;
  /**
   * Stops accepting connections and waits at most `graceMs` for the requests in flight; those still
   * going then have their connections closed. Resolves with how many were cut off.
   */
  stop(graceMs: number): Promise<{ cutOff: number }>;
}

/** Told of every 500 reply, with the request it answered. */
export type FailureHook = (request: ApiRequest, reply: ApiReply) => void;

/** Told of every reply once it went out: its route (see routeName), status and µs since the request came. */
export type AnsweredHook = (route: string, status: number, us: number) => void;

/** Listens on host:port; a port in use or an address not of this machine throws a TicketsimError (exit 3). */
export async function listen(host: string, port: number, onFailure?: FailureHook, onAnswered?: AnsweredHook): Promise<Listener> {
  let operations: SaleOperations | undefined;
  let stopping = false;
  const counts: RequestCounts = { answered: 0, failed: 0 };
  const inFlight = new Set<Promise<void>>();
  const send = (res: ServerResponse, reply: ApiReply): Promise<void> => {
    const text = JSON.stringify(reply.body);
    const close = stopping || reply.status === 413 ? { connection: 'close' } : {};
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...reply.headers, ...close });
    counts.answered++;
    // 'close': the reply went out, or its connection is gone (then 'finish' never comes).
    return new Promise((resolve) => {
      res.once('close', () => resolve());
      res.end(text);
    });
  };
  const serveOne = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const request = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, body: '' };
    if (stopping || operations === undefined) {
      req.resume();
      return send(res, { status: 503, body: { error: `the server is ${stopping ? 'stopping' : 'starting'}` }, headers: { ...RETRY_AFTER } });
    }
    const body = await readBody(req);
    if (body === undefined) return send(res, { status: 413, body: { error: `the body is over ${MAX_BODY_BYTES / 1024} KiB` } });
    const reply = await route(operations, { ...request, body });
    if (reply.status === 500) {
      counts.failed++;
      onFailure?.({ ...request, body }, reply);
    }
    return send(res, reply);
  };
  const server = createServer((req, res) => {
    const startedAt = performance.now();
    // A client that went away mid-request leaves nothing to answer.
    const done: Promise<void> = serveOne(req, res)
      .catch(() => void res.destroy())
      .finally(() => {
        inFlight.delete(done);
        onAnswered?.(routeName(req.method ?? 'GET', (req.url ?? '/').split('?')[0]!), res.statusCode, (performance.now() - startedAt) * 1000);
      });
    inFlight.add(done);
  });
  const address = await bind(server, host, port);
  const url = `http://${formatEndpoint({ host: address.address, port: address.port })}`;
  return {
    host: address.address,
    port: address.port,
    url,
    counts,
    ready(given) {
      operations = given;
    },
    async stop(graceMs) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
      });
      await Promise.race([Promise.all(inFlight), deadline]);
      const cutOff = inFlight.size;
      // Connections whose last reply went out before the stop are idle now; the others close after their reply.
      server.closeIdleConnections();
      if ((await Promise.race([closed, deadline])) === 'late') server.closeAllConnections();
      clearTimeout(timer);
      await closed;
      return { cutOff };
    },
  };
}

/** Binds the server; the errors of listening as one line naming the address, with what to do. */
function bind(server: Server, host: string, port: number): Promise<AddressInfo> {
  const where = formatEndpoint({ host, port });
  return new Promise((resolve, reject) => {
    // Kept after listening too: an error then (an accept failing) must not end the process.
    server.on('error', (error: NodeJS.ErrnoException) => {
      const why: Record<string, string> = {
        EADDRINUSE: `${where} is already in use; stop what listens there, or choose another --port (--port 0 takes a free one)`,
        EACCES: `cannot listen on ${where}: permission denied; ports below 1024 need privileges, choose another --port`,
        EADDRNOTAVAIL: `cannot listen on ${where}: ${host} is not an address of this machine`,
        ENOTFOUND: `cannot listen on ${where}: ${host} does not resolve to an address`,
      };
      reject(new TicketsimError(why[error.code ?? ''] ?? `cannot listen on ${where} (${describeError(error)})`, { cause: error }));
    });
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/**
 * The request's body as text, or undefined when it is over MAX_BODY_BYTES (the rest is read and
 * dropped, so the client is still reading when the 413 comes).
 */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('the client went away mid-request'));
    });
  });
}
