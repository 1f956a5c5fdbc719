// Tests of opening the infrastructure, and of checking it could be opened: --infra auto and real
// against addresses nothing listens on, given explicitly or by default (no service is needed: a
// closed loopback port refuses at once).
import { describe, expect, it } from 'vitest';
import { closedPort } from '../../test/closed-port.js';
import type { ServicesConfig } from '../config/config.js';
import { InfrastructureError } from '../errors.js';
import { checkReachable, openInfrastructure } from './infrastructure.js';

/** Services at closed ports; `redisGivenBy` marks Redis's address as given. */
async function deadServices(redisGivenBy?: string): Promise<ServicesConfig> {
  const port = await closedPort();
  return {
    redis: { url: `redis://127.0.0.1:${port}`, endpoint: { host: '127.0.0.1', port }, givenBy: redisGivenBy },
    mysql: { url: `mysql://root@127.0.0.1:${port}/ticketsim`, endpoint: { host: '127.0.0.1', port }, database: 'ticketsim', givenBy: undefined },
    kafka: { brokers: [{ host: '127.0.0.1', port }], givenBy: undefined },
    connectTimeoutMs: 500,
  };
}

const open = async (mode: 'auto' | 'memory', services: ServicesConfig) =>
  openInfrastructure({ mode, services, needs: ['redis', 'mysql'], poolSize: 10, seed: 1 });

describe('openInfrastructure', () => {
  it('auto runs in process when the default addresses do not answer, and says why', async () => {
    const { infra, reason } = await open('auto', await deadServices());
    await infra.close();
    expect(infra.kind).toBe('memory');
    expect(reason).toMatch(/^auto: redis at 127\.0\.0\.1:\d+ unreachable, no service address given/);
  });

  it('auto refuses an address given explicitly that does not answer', async () => {
    const services = await deadServices('TICKETSIM_REDIS_URL');
    await expect(open('auto', services)).rejects.toBeInstanceOf(InfrastructureError);
    await expect(open('auto', services)).rejects.toThrow(`redis at 127.0.0.1:${services.redis.endpoint.port}: does not accept connections, and TICKETSIM_REDIS_URL gave this address`);
  });

  it('--infra memory never asks the services, given or not', async () => {
    const { infra, reason } = await open('memory', await deadServices('TICKETSIM_REDIS_URL'));
    await infra.close();
    expect([infra.kind, reason]).toEqual(['memory', '--infra memory']);
  });

  it('in process on the wall clock (a server): the same services, no virtual time', async () => {
    const { infra } = await openInfrastructure({ mode: 'memory', services: await deadServices(), needs: ['redis', 'mysql'], poolSize: 10, seed: 1, wallClock: true });
    await infra.inventory.createSale('concert-wall', 1);
    expect(await infra.inventory.reserve('concert-wall', 'a')).toBe('reserved');
    expect(await infra.inventory.reserve('concert-wall', 'b')).toBe('sold-out');
    // Only a virtual clock can say it is idle.
    expect(infra.clock.idle).toBeUndefined();
    await infra.close();
  });
});

describe('checkReachable', () => {
  it('throws what opening would: any silent service under real, one auto may not do without under auto', async () => {
    const services = await deadServices();
    const port = services.redis.endpoint.port;
    await expect(checkReachable('real', services, ['redis', 'mysql'])).rejects.toThrow(`redis at 127.0.0.1:${port}: does not accept connections`);
    await expect(checkReachable('auto', services, ['redis', 'mysql'])).resolves.toBeUndefined();
    await expect(checkReachable('auto', await deadServices('--redis-url'), ['redis'])).rejects.toBeInstanceOf(InfrastructureError);
    await expect(checkReachable('memory', services, ['redis'])).resolves.toBeUndefined();
  });
});
