// Service addresses given explicitly (a flag or an environment variable) are never quietly ignored:
// under --infra auto one that does not answer is exit 3 naming host:port, for run, compare and
// selftest alike, instead of a passing run on the in-process infrastructure. The built CLI in a
// child process; the dead addresses are loopback ports nothing listens on.
import { describe, expect, it } from 'vitest';
import { closedPort } from '../closed-port.js';
import { realStores, ticketsim } from './cli.js';
import { servicesAvailable, servicesConfig } from './services.js';

const dead = await closedPort();
const env = (name: string, value: string) => ({ ...process.env, [name]: value });

describe('an address given explicitly that does not answer is exit 3 under --infra auto', () => {
  it.each([
    ['TICKETSIM_REDIS_URL for run', ['run', 'oversell'], env('TICKETSIM_REDIS_URL', `redis://127.0.0.1:${dead}`), 'redis', 'TICKETSIM_REDIS_URL'],
    ['--mysql-url for run', ['run', 'oversell', '--mysql-url', `mysql://root@127.0.0.1:${dead}/ticketsim`], process.env, 'mysql', '--mysql-url'],
    ['TICKETSIM_MYSQL_URL for run --json', ['run', 'spam', '--json'], env('TICKETSIM_MYSQL_URL', `mysql://root@127.0.0.1:${dead}/ticketsim`), 'mysql', 'TICKETSIM_MYSQL_URL'],
    ['TICKETSIM_KAFKA_BROKERS for write-behind', ['run', 'write-behind'], env('TICKETSIM_KAFKA_BROKERS', `127.0.0.1:${dead}`), 'kafka', 'TICKETSIM_KAFKA_BROKERS'],
    ['--kafka-brokers for --write behind', ['run', 'oversell', '--write', 'behind', '--kafka-brokers', `127.0.0.1:${dead}`], process.env, 'kafka', '--kafka-brokers'],
    ['--redis-url for compare', ['compare', 'oversell', '--strategies', 'naive,lua', '--redis-url', `redis://127.0.0.1:${dead}`], process.env, 'redis', '--redis-url'],
    ['TICKETSIM_REDIS_URL for selftest', ['selftest'], env('TICKETSIM_REDIS_URL', `redis://127.0.0.1:${dead}`), 'redis', 'TICKETSIM_REDIS_URL'],
  ])('%s', async (_, args, childEnv, service, givenBy) => {
    const started = Date.now();
    const run = await ticketsim(args, childEnv);
    expect(run.code).toBe(3);
    // No run began: nothing on stdout, not even a result.
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `ticketsim: ${service} at 127.0.0.1:${dead}: does not accept connections, and ${givenBy} gave this address: --infra auto runs in process only when no service address is given`,
      `  hint: start ${service} there or correct ${givenBy}; --infra memory runs in process`,
    ]);
    // Never hangs: a refused connection answers at once, a silent one within the probe's second.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ['compare', ['compare', 'oversell', '--strategies', 'lua', '--write', 'sync,behind', '--infra', 'real', '--kafka-brokers', `127.0.0.1:${dead}`]],
    ['selftest', ['selftest', '--infra', 'real', '--kafka-brokers', `127.0.0.1:${dead}`]],
  ])('%s checks every service its runs need before the first run, not after those that did not need it', async (_, args) => {
    const run = await ticketsim(args);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^ticketsim: kafka at 127\\.0\\.0\\.1:${dead}: does not accept connections\n {2}hint: `));
  });

  it('runs in process when told to, whatever the addresses say', async () => {
    const run = await ticketsim(['run', 'oversell', '--infra', 'memory', '--json'], env('TICKETSIM_REDIS_URL', `redis://127.0.0.1:${dead}`));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ infra: 'memory', infraReason: '--infra memory' });
  });
});

const available = await servicesAvailable('redis', 'mysql');

describe.skipIf(!available)('addresses given for services a run does not need', () => {
  const stores = realStores();

  it('are not asked: a sync oversell ignores a dead Kafka address, and the first line says where Redis came from', async () => {
    const childEnv = { ...env('TICKETSIM_KAFKA_BROKERS', `127.0.0.1:${dead}`), TICKETSIM_REDIS_URL: servicesConfig.redis.url };
    const run = await ticketsim(['run', 'oversell', '--users', '200', '--stock', '20', '--json'], childEnv);
    const result = JSON.parse(run.stdout) as Parameters<typeof stores.remember>[0];
    stores.remember(result);
    expect(run.code).toBe(0);
    expect(result.infra).toBe('real');
    expect(result.infraReason).toBe("auto: redis and mysql answered; TICKETSIM_REDIS_URL gave redis's address");
  });
});
