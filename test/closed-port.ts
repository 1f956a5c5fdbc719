// A loopback port nothing listens on, for tests of what happens when a service is not there: the
// port was free a moment ago, and a connection to it is refused at once.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A free loopback port, closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
