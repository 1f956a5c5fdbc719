// `ticketsim run spam` end to end (the built CLI in a child process) on real Redis + MariaDB and
// in-process: dcl and lua hold one ticket per person, lock and precheck are caught leaking seats,
// one user × 1,000 requests leaves exactly one row, and bad flags exit 2 with one line. The data is
// read back directly from the stores. Also the sql section on 10,000 purchases through pool 10, one INSERT each and grouped.
import { describe, expect, it } from 'vitest';
import { failedChecks, readSale, realStores, runScenario, ticketsim } from './cli.js';
import { servicesAvailable } from './services.js';

const available = await servicesAvailable('redis', 'mysql');

describe.skipIf(!available)('ticketsim run spam on real Redis + MariaDB', () => {
  const stores = realStores();

  const spam = (...args: string[]) => stores.run('spam', args);

  it.each(['dcl', 'lua'])('%s holds: 100 users × 20 requests, every check ✓, one row per buyer', async (strategy) => {
    const { code, result } = await spam('--strategy', strategy);
    expect(code).toBe(0);
    expect(result.params).toMatchObject({ users: 100, requestsPerUser: 20, attempts: 2000, stock: 100 });
    // A lock waiter gives up after its retries (a lock timeout, an outcome): how many do depends on
    // how fast this machine drains 2,000 requests through one lock, so only their sum is fixed.
    const { counts } = result;
    expect(counts).toMatchObject({ attempts: 2000, errors: 0 });
    expect(counts.purchased + counts.duplicate + counts.soldOut + counts.lockTimeout).toBe(2000);
    expect(result.checks).toHaveLength(7);
    expect(failedChecks(result)).toEqual([]);
    const stored = await readSale(stores.redis, stores.mysql, result);
    expect(stored.rows).toBe(counts.purchased);
    expect(stored.buyers).toBe(counts.purchased);
    expect(stored.stock + stored.rows).toBe(100);
    expect(stored.perUser.every((row) => row.rows === 1)).toBe(true);
    if (counts.lockTimeout === 0) expect(counts).toMatchObject({ purchased: 100, duplicate: 1900 });
  });

  it('lock is caught leaking seats: exit 1, conservation names them', async () => {
    const { code, result } = await spam('--strategy', 'lock');
    expect(code).toBe(1);
    const conservation = result.checks.find((check) => check.name === 'conservation')!;
    expect(conservation.ok).toBe(false);
    const stored = await readSale(stores.redis, stores.mysql, result);
    const leaked = 100 - stored.stock - stored.buyers;
    expect(conservation.detail).toBe(`${leaked} seat${leaked === 1 ? '' : 's'} leaked`);
    expect(stored.perUser.every((row) => row.rows === 1)).toBe(true); // the UNIQUE key held; the seats did not
    expect(result.guards.locksGranted + result.counts.lockTimeout).toBe(2000);
  });

  it('precheck is caught: exit 1 with the failing check named', async () => {
    const { code, result } = await spam('--strategy', 'precheck');
    expect(code).toBe(1);
    expect(failedChecks(result)).toContain('conservation');
  });

  it('one user × 1,000 requests with dcl leaves exactly one row', async () => {
    const { code, result } = await spam('--users', '1', '--requests-per-user', '1000', '--strategy', 'dcl');
    expect(code).toBe(0);
    // The first lock holder buys; of the other 999, those this machine cannot drain through the
    // lock within their retries end as lock timeouts, the rest as duplicates.
    expect(result.counts).toMatchObject({ attempts: 1000, purchased: 1, errors: 0 });
    expect(result.counts.duplicate + result.counts.lockTimeout).toBe(999);
    const stored = await readSale(stores.redis, stores.mysql, result);
    expect(stored.perUser).toEqual([{ userId: 'user-0', rows: 1 }]);
    expect(stored).toMatchObject({ stock: 99, buyers: 1 });
  });

  it('times 10,000 INSERTs through pool 10 in two measured parts, and the server confirms the count', async () => {
    // One INSERT a purchase, the original path: grouped INSERTs are counted in the next test.
    const run = await stores.run('oversell', ['--users', '10000', '--stock', '10000', '--pool-size', '10', '--insert-group', '1']);
    expect(run.code).toBe(0);
    const sql = run.result.sql!;
    const insert = sql.statements.insert!;
    expect(insert.count).toBe(10_000);
    expect(insert.failed).toBe(0);
    // How long the queue for ten connections is depends on the machine; that the parts add up and
    // the server agrees does not. (Queueing itself is proved by construction in strategies-real.)
    expect(insert.total.max).toBeGreaterThanOrEqual(insert.wait.max);
    expect(insert.total.max).toBeGreaterThanOrEqual(insert.exec.max);
    expect(sql.server).toMatchObject({ writes: 10_000, thresholdMs: 500, sessions: 10 });
    for (const slow of sql.slow.slowest) {
      expect(slow.totalUs).toBeGreaterThan(500_000);
      expect(slow.waitUs + slow.execUs).toBe(slow.totalUs);
    }
    // A statement slow on the server was slow for the client too, which also waited for the pool.
    expect(sql.server!.slow).toBeLessThanOrEqual(sql.slow.count);
  });

  it('groups 10,000 purchases\' INSERTs by default: every statement counted by client and server alike, every row stored', async () => {
    const run = await stores.run('oversell', ['--users', '10000', '--stock', '10000', '--pool-size', '10']);
    expect(run.code).toBe(0);
    expect(run.result.counts.purchased).toBe(10_000);
    const sql = run.result.sql!;
    const statements = (sql.statements.insert?.count ?? 0) + (sql.statements['insert-many']?.count ?? 0);
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(10_000);
    expect(sql.server).toMatchObject({ writes: statements, sessions: 10 });
    expect(run.result.checks.every((check) => check.ok)).toBe(true);
  });
});

describe('ticketsim run spam in-process', () => {
  const spam = (...args: string[]) => runScenario('spam', ['--infra', 'memory', ...args]);

  it.each(['dcl', 'lua'])('%s holds every check', async (strategy) => {
    const { code, result } = await spam('--strategy', strategy);
    expect(code).toBe(0);
    expect(result.infra).toBe('memory');
    expect(failedChecks(result)).toEqual([]);
    expect(result.counts).toMatchObject({ purchased: 100, duplicate: 1900 });
  });

  it.each(['lock', 'precheck'])('%s is caught leaking seats', async (strategy) => {
    const { code, result } = await spam('--strategy', strategy);
    expect(code).toBe(1);
    expect(failedChecks(result)).toContain('conservation');
    expect(result.checks.find((check) => check.name === 'conservation')!.detail).toMatch(/^\d+ seats? leaked/);
  });

  it('one user × 1,000 requests with dcl: one purchase', async () => {
    const { code, result } = await spam('--users', '1', '--requests-per-user', '1000', '--strategy', 'dcl');
    expect(code).toBe(0);
    expect(result.counts).toMatchObject({ purchased: 1, duplicate: 999 });
  });
});

describe('bad values of the spam and sql flags', () => {
  it.each([
    [['run', 'spam', '--requests-per-user', '0'], /^ticketsim: --requests-per-user must be a whole number from 1 to 10000000 \(got 0\)$/],
    [['run', 'spam', '--requests-per-user', 'many'], /^ticketsim: --requests-per-user must be a whole number .*\(got not a number\)$/],
    [['run', 'spam', '--users', '50000', '--requests-per-user', '1000'], /^ticketsim: --users × --requests-per-user must be at most 10,000,000 attempts/],
    [['run', 'oversell', '--requests-per-user', '3'], /^ticketsim: --requests-per-user applies to the spam scenario only, not oversell$/],
    [['run', 'spam', '--slow-sql-ms', '-1'], /^ticketsim: --slow-sql-ms must be a whole number from 1 to/],
    [['run', 'spam', '--strategy', 'optimistic'], /^ticketsim: --strategy "optimistic" is not one of naive, lock, precheck, dcl, fenced, lua$/],
  ])('%j exits 2 with one line', async (args, message) => {
    const { code, stdout, stderr } = await ticketsim([...args, '--infra', 'memory']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });
});
