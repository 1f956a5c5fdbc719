// Opens an ioredis connection that fails fast: no endless reconnect, no offline queue, bounded connect.
import { Redis } from 'ioredis';
import { InfrastructureError, describeError } from '../../errors.js';
import { formatEndpoint } from '../../config/endpoints.js';
import type { Endpoint } from '../../config/endpoints.js';
import { START_SERVICES_HINT } from '../hints.js';
import { withDeadline } from '../health/probe.js';
import { coalesceWrites } from './coalesce-writes.js';

/** The server's version from INFO server, e.g. `7.0.15`. */
export async function redisVersion(client: Redis): Promise<string | undefined> {
  return /redis_version:(\S+)/.exec(await client.info('server'))?.[1];
}

export interface RedisTarget {
  url: string;
  endpoint: Endpoint;
  connectTimeoutMs: number;
  /** A command not answered within this long fails (absent: it waits, as the engine's scripts under load may). */
  commandTimeoutMs?: number;
}

/**
 * Connects to Redis and waits until it answers PING, within the connect timeout (a server that
 * accepts the connection and never answers fails too). A lost connection is not retried: commands
 * then fail at once, so a run counts them as errors instead of hanging. The commands of one turn of
 * the event loop leave in one socket write (coalesce-writes.ts).
 */
export async function connectRedis(target: RedisTarget): Promise<Redis> {
  const client = new Redis(target.url, {
    lazyConnect: true,
    connectTimeout: target.connectTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    ...(target.commandTimeoutMs === undefined ? {} : { commandTimeout: target.commandTimeoutMs }),
  });
  // Errors surface on the command that hit them; this listener keeps ioredis from logging them and
  // remembers the socket error, since a failed connect() itself only says "Connection is closed".
  let socketError: unknown;
  client.on('error', (error) => {
    socketError = error;
  });
  try {
    // connectTimeout covers the TCP connect only: a server that accepts and never answers would
    // hold the ready check and the PING for ever.
    await withDeadline(
      client.connect().then(() => client.ping()),
      target.connectTimeoutMs,
    );
    // Connected for good: a lost connection is not retried, so this socket is the client's last.
    coalesceWrites(client.stream);
    return client;
  } catch (error) {
    client.disconnect();
    throw new InfrastructureError('redis', formatEndpoint(target.endpoint), `cannot connect (${describeError(socketError ?? error)})`, {
      cause: socketError ?? error,
      hint: START_SERVICES_HINT,
    });
  }
}
