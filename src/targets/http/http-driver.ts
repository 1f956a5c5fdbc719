// The HTTP driver of a target that is someone's own service: one keep-alive connection pool to its
// base URL (undici), sized to the run's concurrency, a deadline per request, and no retries (a
// retried purchase is a second purchase). It answers with the response, or says why there was none:
// a timeout or a broken connection is not an outcome of the service's choosing, and the target
// counts it as unknown (it may or may not have taken effect).
import { Pool, errors } from 'undici';
import { Deadlines } from './deadlines.js';
import type { Expiring } from './deadlines.js';

/** One request as the target file expands it: a path under the base URL, headers and a body. */
export interface HttpRequest {
  method: string;
  /** Path and query string, e.g. `/buy?sale=concert-1`; appended to the base URL's own path. */
  path: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

/** What came back: the status and body, or why nothing did. */
export type HttpAnswer = { kind: 'response'; status: number; body: string } | { kind: 'no-answer'; why: string };

/** Requests to one service. */
export interface HttpDriver {
  /** Sends `request`; `timeoutMs` (default: the driver's) is its deadline. */
  send(request: HttpRequest, timeoutMs?: number): Promise<HttpAnswer>;
  /** Closes the pool's connections (requests in flight finish first). */
  close(): Promise<void>;
}

/** Where and how the driver sends. */
export interface HttpDriverOptions {
  /** e.g. `http://127.0.0.1:8080` or `http://127.0.0.1:8080/api`. */
  baseUrl: string;
  /** Connections kept open to it at most: the run's in-flight cap. */
  connections: number;
  /** A request not answered in full within this long has no answer. */
  timeoutMs: number;
}

/** Why a request was aborted at its deadline. */
class DeadlinePassed extends Error {}

/**
 * One request in flight: undici's handler of its reply and the entry of its deadline in one object
 * (no closures per request: the driver sends tens of thousands a second).
 */
class Exchange implements Expiring {
  expiresAt = 0;
  answered = false;
  private status = 0;
  private readonly chunks: Buffer[] = [];
  private abort: ((reason: Error) => void) | undefined;
  private timedOut = false;

  constructor(
    private readonly deadlines: Deadlines,
    private readonly resolve: (answer: HttpAnswer) => void,
    private readonly describe: (error: unknown) => string,
  ) {}

  expire(): void {
    this.timedOut = true;
    this.abort?.(new DeadlinePassed());
  }

  onConnect(abort: (reason: Error) => void): void {
    this.abort = abort;
    if (this.timedOut) abort(new DeadlinePassed());
  }

  onHeaders(status: number): boolean {
    this.status = status;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.settle({ kind: 'response', status: this.status, body: Buffer.concat(this.chunks).toString('utf8') });
  }

  onError(error: Error): void {
    this.settle({ kind: 'no-answer', why: this.describe(this.timedOut ? new DeadlinePassed() : error) });
  }

  private settle(answer: HttpAnswer): void {
    this.answered = true;
    this.deadlines.answered();
    this.resolve(answer);
  }
}

/**
 * Opens the pool; nothing connects until the first request. Each request has a deadline of its
 * own, from the moment it is sent until its whole reply is in (undici's own header and body
 * timeouts tick once a second, so a 20 ms deadline would wait a second); a request still waiting
 * for a connection is waiting on the same deadline.
 */
export function createHttpDriver({ baseUrl, connections, timeoutMs: defaultTimeoutMs }: HttpDriverOptions): HttpDriver {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  // undici's own timeouts would only back ours up: off.
  const pool = new Pool(url.origin, { connections, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });
  // One queue of deadlines per timeout in use (the load's, and set-up's longer one), each with its reason.
  const queues = new Map<number, { deadlines: Deadlines; describe: (error: unknown) => string }>();
  const queueOf = (ms: number) => {
    let queue = queues.get(ms);
    if (queue === undefined) queues.set(ms, (queue = { deadlines: new Deadlines(ms), describe: (error: unknown) => whyNoAnswer(error, url.host, ms) }));
    return queue;
  };
  return {
    send(request, timeoutMs = defaultTimeoutMs) {
      const { deadlines, describe } = queueOf(timeoutMs);
      return new Promise<HttpAnswer>((resolve) => {
        const exchange = new Exchange(deadlines, resolve, describe);
        deadlines.add(exchange);
        // dispatch() with a handler of our own: no stream per response, the cheapest way undici offers.
        pool.dispatch(
          { method: request.method as 'GET', path: `${prefix}${request.path}`, headers: request.headers as Record<string, string> | undefined, body: request.body },
          exchange,
        );
      });
    },
    close: () => pool.close(),
  };
}

/** `no answer within 10000 ms`, `connection refused by 127.0.0.1:8080`, `connection reset (…)`. */
export function whyNoAnswer(error: unknown, host: string, timeoutMs: number): string {
  if (error instanceof DeadlinePassed || error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) return `no answer within ${timeoutMs} ms`;
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return `connection refused by ${host}`;
  if (code === 'ECONNRESET' || error instanceof errors.SocketError) return `connection reset by ${host}`;
  return error instanceof Error ? error.message : String(error);
}
