// A loopback port that accepts connections and never answers anything on them: a service that
// hangs, for tests that a client gives up at its deadline instead of waiting for ever.
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/** Listens on a free loopback port; `close()` drops its connections and stops it. */
export async function silentPort(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
