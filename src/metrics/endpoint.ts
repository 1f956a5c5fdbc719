// The HTTP endpoint a process serves its metrics on (node:http): GET /metrics answers the
// registry in the Prometheus text format; anything else is a 404. Closed by whoever opened it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { formatEndpoint } from '../config/endpoints.js';
import { UsageError } from '../errors.js';

/** A listening endpoint. */
export interface MetricsEndpoint {
  /** `http://127.0.0.1:9464/metrics`: the port actually taken (port 0 asks for any). */
  readonly url: string;
  /** Stops listening and drops idle keep-alive connections. */
  close(): Promise<void>;
}

/** Serves `registry` on host:port; a port already taken is a usage error (exit 2). */
export async function serveMetrics(registry: Registry, host: string, port: number): Promise<MetricsEndpoint> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('ticketsim serves its metrics on GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen(port, host, resolve);
  });
  const { port: taken } = server.address() as AddressInfo;
  return {
    url: `http://${formatEndpoint({ host, port: taken })}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** A port in use or a host this machine cannot listen on is a usage error (exit 2); anything else as it came. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = formatEndpoint({ host, port });
  if (error.code === 'EADDRINUSE') return new UsageError(`--metrics-port ${port}: ${where} is already in use; pick another port, or 0 for any free one`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new UsageError(`--metrics-host ${host}: not an address of this machine (${error.code}); name one of its own, or 0.0.0.0 for all`);
  return error;
}
