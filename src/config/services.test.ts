// Tests of the services config: each address, and whether a flag, an env var or the default gave it.
import { describe, expect, it } from 'vitest';
import { buildServices } from './services.js';

/** The services config of `flags` and `env`, and the problems found. */
function services(flags: Parameters<typeof buildServices>[0], env: Record<string, string> = {}) {
  const problems: string[] = [];
  return { config: buildServices(flags, env, problems), problems };
}

describe('buildServices', () => {
  it('knows each address is a default when nothing gave it', () => {
    const { config } = services({});
    expect([config?.redis.givenBy, config?.mysql.givenBy, config?.kafka.givenBy]).toEqual([undefined, undefined, undefined]);
  });

  it('names the env var or flag that gave an address, the flag winning', () => {
    const { config } = services({ mysqlUrl: 'mysql://root@127.0.0.1:3307/ticketsim' }, { TICKETSIM_REDIS_URL: 'redis://127.0.0.1:6390', TICKETSIM_MYSQL_URL: 'mysql://root@127.0.0.1:3308/x' });
    expect(config?.redis).toMatchObject({ endpoint: { host: '127.0.0.1', port: 6390 }, givenBy: 'TICKETSIM_REDIS_URL' });
    expect(config?.mysql).toMatchObject({ endpoint: { port: 3307 }, givenBy: '--mysql-url' });
    expect(config?.kafka.givenBy).toBeUndefined();
  });

  it('counts an address given as its default value as given', () => {
    expect(services({}, { TICKETSIM_KAFKA_BROKERS: '127.0.0.1:9092' }).config?.kafka.givenBy).toBe('TICKETSIM_KAFKA_BROKERS');
  });

  it('labels a bad address with whatever gave it', () => {
    expect(services({ redisUrl: 'http://x' }).problems).toEqual(['--redis-url: "http://x" must start with redis://']);
    expect(services({}, { TICKETSIM_REDIS_URL: 'http://x' }).problems).toEqual(['TICKETSIM_REDIS_URL: "http://x" must start with redis://']);
    expect(services({ kafkaBrokers: 'nohost' }).problems).toEqual(['--kafka-brokers: Kafka broker "nohost" is not host:port']);
  });
});
