// Opens an ioredis connection that fails fast: no endless reconnect, no offline queue, bounded connect.
import { Redis } from 'ioredis';
import { InfrastructureError, describeError } from '../../errors.js';
import { formatEndpoint } from '../../config/endpoints.js';
import type { Endpoint } from '../../config/endpoints.js';
import { START_SERVICES_HINT } from '../hints.js';

/** The server's version from INFO server, e.g. `7.0.15`. */
export async function redisVersion(client: Redis): Promise<string | undefined> {
  return /redis_version:(\S+)/.exec(await client.info('server'))?.[1];
}

export interface RedisTarget {
  url: string;
  endpoint: Endpoint;
  connectTimeoutMs: number;
}

/**
 * Connects to Redis and waits until it answers PING. A lost connection is not retried: commands then
 * fail at once, so a run counts them as errors instead of hanging.
 */
export async function connectRedis(target: RedisTarget): Promise<Redis> {
  const client = new Redis(target.url, {
    lazyConnect: true,
    connectTimeout: target.connectTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Errors surface on the command that hit them; this listener keeps ioredis from logging them and
  // remembers the socket error, since a failed connect() itself only says "Connection is closed".
  let socketError: unknown;
  client.on('error', (error) => {
    socketError = error;
  });
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    throw new InfrastructureError('redis', formatEndpoint(target.endpoint), `cannot connect (${describeError(socketError ?? error)})`, {
      cause: socketError ?? error,
      hint: START_SERVICES_HINT,
    });
  }
}
