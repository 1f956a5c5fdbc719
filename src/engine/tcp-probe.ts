// Does anything accept a TCP connection at host:port within a time limit? The cheapest liveness test.
import { connect } from 'node:net';
import type { Endpoint } from '../config/endpoints.js';

/** Resolves true once connected, false on refusal, error or timeout; never rejects. */
export function acceptsConnection(endpoint: Endpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port });
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}
