import { describe, expect, it } from 'vitest';
import { buildConfig, loadConfig } from './config.js';
import { DEFAULTS } from './defaults.js';
import { UsageError } from '../errors.js';

describe('loadConfig', () => {
  it('uses the defaults when nothing is given', () => {
    const config = loadConfig({}, {});
    expect(config.services.redis.url).toBe(DEFAULTS.redisUrl);
    expect(config.services.mysql.endpoint).toEqual({ host: '127.0.0.1', port: 3306 });
    expect(config.services.mysql.database).toBe('ticketsim');
    expect(config.services.kafka.brokers).toEqual([{ host: '127.0.0.1', port: 9092 }]);
    expect(config.run).toMatchObject({ users: 1000, stock: 100, strategy: 'lua', infra: 'auto', poolSize: 10, concurrency: undefined });
  });

  it('reads env vars, and flags override them', () => {
    const env = { TICKETSIM_REDIS_URL: 'redis://localhost:6380', TICKETSIM_KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9094' };
    const config = loadConfig({ redisUrl: 'redis://127.0.0.1:6381' }, env);
    expect(config.services.redis.endpoint.port).toBe(6381);
    expect(config.services.kafka.brokers.map((b) => b.port)).toEqual([9092, 9094]);
  });

  it('returns a frozen config', () => {
    const config = loadConfig({}, {});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.services.redis.endpoint)).toBe(true);
  });

  it('reports every problem at once', () => {
    const { problems } = buildConfig(
      { users: 0, stock: Number.NaN, strategy: 'magic', infra: 'cloud', concurrency: 1.5 },
      { TICKETSIM_REDIS_URL: 'http://x', TICKETSIM_KAFKA_BROKERS: 'nohost' },
    );
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/--users .* \(got 0\)/);
    expect(problems.join('\n')).toMatch(/--stock .*not a number/);
    expect(problems.join('\n')).toMatch(/--strategy "magic" is not one of naive, lock, precheck, dcl, fenced, lua/);
    expect(problems.join('\n')).toMatch(/TICKETSIM_KAFKA_BROKERS: Kafka broker "nohost" is not host:port/);
  });

  it('names the choice a typo meant: scenario, strategy, infra and write mode', () => {
    expect(buildConfig({ scenario: 'oversel', strategy: 'lok', infra: 'rael', write: 'bhind' }, {}).problems).toEqual([
      'scenario "oversel" is not one of oversell, spam, cancel-storm, write-behind; did you mean oversell?',
      '--strategy "lok" is not one of naive, lock, precheck, dcl, fenced, lua; did you mean lock?',
      '--infra "rael" is not one of auto, memory, real; did you mean real?',
      '--write "bhind" is not one of sync, behind; did you mean behind?',
    ]);
  });

  it('throws a UsageError listing the problems', () => {
    expect(() => loadConfig({ users: -1 }, {})).toThrow(UsageError);
  });

  it('refuses non-loopback targets unless allowed', () => {
    expect(buildConfig({ mysqlUrl: 'mysql://root@10.1.2.3/ticketsim' }, {}).problems[0]).toMatch(/10\.1\.2\.3 is not a loopback/);
    expect(buildConfig({ mysqlUrl: 'mysql://root@10.1.2.3/ticketsim' }, { TICKETSIM_ALLOW_REMOTE: '1' }).problems).toEqual([]);
    expect(buildConfig({ redisUrl: 'redis://[::1]:6379', kafkaBrokers: 'localhost:9092' }, {}).problems).toEqual([]);
  });

  it('rejects a database name that is not a plain identifier', () => {
    expect(buildConfig({ mysqlUrl: 'mysql://root@127.0.0.1/bad-name' }, {}).problems[0]).toMatch(/database name "bad-name"/);
  });

  it('takes the workload defaults of the scenario', () => {
    expect(loadConfig({ scenario: 'spam' }, {}).run).toMatchObject({ users: 100, stock: 100, requestsPerUser: 20, slowSqlMs: 500 });
    expect(loadConfig({ scenario: 'spam', users: 1, requestsPerUser: 1000 }, {}).run).toMatchObject({ users: 1, requestsPerUser: 1000 });
    expect(loadConfig({}, {}).run.requestsPerUser).toBeUndefined();
  });

  it('refuses bad values of the spam and sql flags, one line each', () => {
    const problems = (flags: Parameters<typeof buildConfig>[0]) => buildConfig(flags, {}).problems;
    expect(problems({ scenario: 'spam', requestsPerUser: 0 })).toEqual(['--requests-per-user must be a whole number from 1 to 10000000 (got 0)']);
    expect(problems({ scenario: 'spam', requestsPerUser: 2.5 })[0]).toMatch(/--requests-per-user must be a whole number/);
    expect(problems({ scenario: 'spam', requestsPerUser: Number.NaN })[0]).toMatch(/\(got not a number\)/);
    expect(problems({ scenario: 'spam', users: 20_000, requestsPerUser: 1000 })).toEqual([
      '--users × --requests-per-user must be at most 10,000,000 attempts (got 20,000,000)',
    ]);
    expect(problems({ scenario: 'oversell', requestsPerUser: 5 })).toEqual(['--requests-per-user applies to the spam scenario only, not oversell']);
    expect(problems({ scenario: 'cancel-storm', users: 2_000_000, rebuyers: 10 })).toEqual(['cancel-storm takes at most 1,000,000 --users (got 2,000,000)']);
    expect(problems({ scenario: 'cancel-storm', users: 10, rebuyers: 1_000_001 })).toEqual(['cancel-storm takes at most 1,000,000 --rebuyers (got 1,000,001)']);
    expect(problems({ scenario: 'oversell', users: 10_000_000 })).toEqual([]);
    expect(problems({ slowSqlMs: 0 })[0]).toMatch(/--slow-sql-ms must be a whole number from 1/);
    expect(problems({ slowSqlMs: -5 })[0]).toMatch(/--slow-sql-ms/);
  });

  it('gives cancel-storm its storm: half the buyers cancel three times, as many re-buyers as users', () => {
    expect(loadConfig({ scenario: 'cancel-storm' }, {}).run).toMatchObject({ users: 1000, cancelRatio: 0.5, cancelDupes: 3, rebuyers: 1000 });
    expect(loadConfig({ scenario: 'cancel-storm', users: 300 }, {}).run.rebuyers).toBe(300);
    expect(loadConfig({ scenario: 'cancel-storm', rebuyers: 0, cancelRatio: 1 }, {}).run).toMatchObject({ rebuyers: 0, cancelRatio: 1 });
    expect(loadConfig({}, {}).run).toMatchObject({ cancelRatio: undefined, cancelDupes: undefined, rebuyers: undefined });
  });

  it('refuses bad storm values and storm flags elsewhere', () => {
    const problems = (flags: Parameters<typeof buildConfig>[0]) => buildConfig(flags, {}).problems;
    expect(problems({ scenario: 'cancel-storm', cancelRatio: -0.1 })).toEqual(['--cancel-ratio must be a fraction from 0 to 1 (got -0.1)']);
    expect(problems({ scenario: 'cancel-storm', cancelDupes: 101 })).toEqual(['--cancel-dupes must be a whole number from 1 to 100 (got 101)']);
    expect(problems({ scenario: 'cancel-storm', rebuyers: 1.5 })).toEqual(['--rebuyers must be a whole number from 0 to 10000000 (got 1.5)']);
    expect(problems({ scenario: 'oversell', cancelDupes: 2 })).toEqual(['--cancel-dupes applies to the cancel-storm scenario only, not oversell']);
  });

  it('writes sync unless told, and always behind for write-behind', () => {
    expect(loadConfig({}, {}).run.write).toMatchObject({ mode: 'sync' });
    expect(loadConfig({ scenario: 'write-behind' }, {}).run.write).toEqual({
      mode: 'behind', workers: 1, partitions: 1, redeliver: 0, drainTimeoutMs: 30_000, keepTopic: false, batchSize: 500, writesInFlight: 4,
    });
    expect(loadConfig({ write: 'behind', workers: 3 }, {}).run.write).toMatchObject({ mode: 'behind', workers: 3, partitions: 3 });
  });

  it('refuses bad write values, and behind-only flags when writing sync', () => {
    const problems = (flags: Parameters<typeof buildConfig>[0]) => buildConfig(flags, {}).problems;
    expect(problems({ write: 'later' })).toEqual(['--write "later" is not one of sync, behind']);
    expect(problems({ scenario: 'write-behind', write: 'sync' })).toEqual(['the write-behind scenario always writes behind; --write sync does not apply']);
    expect(problems({ workers: 2, keepTopic: true })).toEqual(['--workers applies to --write behind only', '--keep-topic applies to --write behind only']);
    expect(problems({ write: 'behind', redeliver: 1.5 })).toEqual(['--redeliver must be a fraction from 0 to 1 (got 1.5)']);
    expect(problems({ write: 'behind', workers: 0, drainTimeout: -1 })).toEqual([
      '--workers must be a whole number from 1 to 16 (got 0)',
      '--drain-timeout must be a whole number from 1 to 3600 (got -1)',
    ]);
  });

  it('turns --rate and --duration into an open model whose buyers are the arrivals', () => {
    expect(loadConfig({ rate: 500, duration: 10 }, {}).run).toMatchObject({ rate: { rate: 500, durationMs: 10_000 }, users: 5000 });
    // A ramp from 100/s to 500/s over 10 s plans the area under it: 3,000 arrivals.
    expect(loadConfig({ rate: 500, duration: 10, ramp: 100 }, {}).run).toMatchObject({ rate: { rate: 500, durationMs: 10_000, rampFrom: 100 }, users: 3000 });
    // Spam's arrivals are requests: K of them per user.
    expect(loadConfig({ scenario: 'spam', rate: 100, duration: 10, requestsPerUser: 10 }, {}).run.users).toBe(100);
    expect(loadConfig({}, {}).run.rate).toBeUndefined();
  });

  it('refuses rate flags that do not make an open model', () => {
    const problems = (flags: Parameters<typeof buildConfig>[0]) => buildConfig(flags, {}).problems;
    expect(problems({ rate: 100 })).toEqual(['--rate needs --duration (seconds)']);
    expect(problems({ duration: 10 })).toEqual(['--duration goes with --rate (an arrival rate for that long)']);
    expect(problems({ ramp: 10 })).toEqual(['--ramp goes with --rate (ramping from --ramp to --rate)']);
    expect(problems({ rate: 100, duration: 5, users: 10 })).toEqual(['with --rate, every arrival is a new buyer: --users does not apply']);
    expect(problems({ rate: -1, duration: 5 })[0]).toMatch(/^--rate must be a number above 0/);
    expect(problems({ scenario: 'cancel-storm', rate: 100, duration: 5 })).toEqual(['--rate applies to single-phase scenarios, not cancel-storm']);
    expect(problems({ rate: 100_000, duration: 3600 })).toEqual(['--rate × --duration plans 360,000,000 buyers; at most 10,000,000']);
    expect(problems({ maxInFlight: 0 })).toEqual(['--max-in-flight must be a whole number from 1 to 1000000 (got 0)']);
  });

  it('treats a bare --report as the default path', () => {
    expect(loadConfig({ report: '' }, {}).run.report).toBe(true);
    expect(loadConfig({ report: 'out.md' }, {}).run.report).toBe('out.md');
    expect(loadConfig({}, {}).run.report).toBeUndefined();
  });
});
