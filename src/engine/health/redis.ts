// Health probe for Redis: reachable, server version, round-trip time of PING.
import { connectRedis } from '../redis/connect.js';
import type { RedisTarget } from '../redis/connect.js';
import { formatEndpoint } from '../../config/endpoints.js';
import { TicketsimError, describeError } from '../../errors.js';
import { elapsedMs } from './probe.js';
import type { ProbeResult } from './probe.js';

/** Connects, times a PING and reads the version from INFO server. */
export async function probeRedis(target: RedisTarget): Promise<ProbeResult> {
  const result: ProbeResult = { service: 'redis', address: formatEndpoint(target.endpoint), ok: false, details: [] };
  try {
    const client = await connectRedis(target);
    try {
      const start = performance.now();
      await client.ping();
      result.rttMs = elapsedMs(start);
      const info = await client.info('server');
      result.version = /redis_version:(\S+)/.exec(info)?.[1];
      const mode = /redis_mode:(\S+)/.exec(info)?.[1];
      if (mode) result.details.push(`mode: ${mode}`);
      result.ok = true;
    } finally {
      client.disconnect();
    }
  } catch (error) {
    result.error = describeError(error);
    result.hint = error instanceof TicketsimError ? error.hint : undefined;
  }
  return result;
}
