// A TCP proxy of a test's own, between a client under test and a real service: cut() drops every
// connection through it and refuses new ones (each is accepted and closed at once, so the port
// stays the proxy's), restore() lets them through again. The service itself keeps running for
// everyone else: no test stops the machine's MariaDB or Redis.
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import type { Endpoint } from '../../src/config/endpoints.js';

export interface TcpProxy {
  /** The port on 127.0.0.1 clients connect to. */
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (`port`, or a free one) to `target`, letting connections through. */
export async function startTcpProxy(target: Endpoint, port = 0): Promise<TcpProxy> {
  let cut = false;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    track(client);
    if (cut) return void client.destroy();
    const upstream = createConnection({ host: target.host, port: target.port });
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
