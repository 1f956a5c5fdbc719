// The HTTP driver of a target that is someone's own service: one keep-alive connection pool to its
// base URL (undici), sized to the run's concurrency, a deadline per request, and no retries (a
// retried purchase is a second purchase). It answers with the response, or says why there was none:
// a timeout or a broken connection is not an outcome of the service's choosing, and the target
// counts it as unknown (it may or may not have taken effect).
import { Pool, errors } from 'undici';

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
 * Opens the pool; nothing connects until the first request. Each request has a timer of its own,
 * from the moment it is sent until its whole reply is in (undici's own header and body timeouts
 * tick once a second, so a 20 ms deadline would wait a second); a request still waiting for a
 * connection is waiting on the same deadline.
 */
export function createHttpDriver({ baseUrl, connections, timeoutMs: defaultTimeoutMs }: HttpDriverOptions): HttpDriver {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  // undici's own timeouts only back ours up (each request has its timer below): off.
  const pool = new Pool(url.origin, { connections, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });
  return {
    send(request, timeoutMs = defaultTimeoutMs) {
      return new Promise<HttpAnswer>((resolve) => {
        let status = 0;
        const chunks: Buffer[] = [];
        let abort: ((reason: Error) => void) | undefined;
        let timedOut = false;
        const deadline = setTimeout(() => {
          timedOut = true;
          abort?.(new DeadlinePassed());
        }, timeoutMs);
        const settle = (answer: HttpAnswer) => {
          clearTimeout(deadline);
          resolve(answer);
        };
        // dispatch() with a handler of our own: no stream per response, the cheapest way undici offers.
        pool.dispatch(
          { method: request.method as 'GET', path: `${prefix}${request.path}`, headers: request.headers as Record<string, string> | undefined, body: request.body },
          {
            onConnect: (abortRequest) => {
              abort = abortRequest;
              if (timedOut) abortRequest(new DeadlinePassed());
            },
            onHeaders: (statusCode) => {
              status = statusCode;
              return true;
            },
            onData: (chunk) => {
              chunks.push(chunk);
              return true;
            },
            onComplete: () => settle({ kind: 'response', status, body: Buffer.concat(chunks).toString('utf8') }),
            onError: (error) => settle({ kind: 'no-answer', why: whyNoAnswer(timedOut ? new DeadlinePassed() : error, url.host, timeoutMs) }),
          },
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
