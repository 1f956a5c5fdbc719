// `ticketsim run cancel-storm` end to end (the built CLI in a child process) on real Redis +
// MariaDB and in-process: lock, dcl and lua hold (read back directly: Redis stock + MariaDB rows =
// the initial stock), naive is caught over-stocking and says by how many seats, the JSON carries
// purchase and cancel latency apart, and bad values of the storm's flags exit 2 with one line.
import { describe, expect, it } from 'vitest';
import { failedChecks, readSale, realStores, runScenario, ticketsim } from './cli.js';
import { servicesAvailable } from './services.js';

const available = await servicesAvailable('redis', 'mysql');

describe.skipIf(!available)('ticketsim run cancel-storm on real Redis + MariaDB', () => {
  const stores = realStores();

  const storm = (...args: string[]) => stores.run('cancel-storm', args);

  it.each(['lua', 'dcl', 'lock'])('%s holds: no seat created, one row per honoured cancel, freed seats resold', async (strategy) => {
    const { code, result } = await storm('--strategy', strategy);
    expect(failedChecks(result)).toEqual([]);
    expect(code).toBe(0);
    expect(result.phases.map((phase) => [phase.name, phase.attempts])).toEqual([
      ['sell-out', 1000],
      ['storm', 50 * 3 + 50 + 1000],
    ]);
    // A lock waiter gives up after its retries (a lock timeout, an outcome); how many do depends on
    // how fast this machine drains the lock's queue. With none the figures are exact; with some,
    // the checks above already let them explain what they left undone.
    const { counts } = result;
    expect(counts.errors).toBe(0);
    expect(counts.cancelled + counts.notPurchased).toBeLessThanOrEqual(200);
    if (counts.lockTimeout === 0) expect(counts).toMatchObject({ cancelled: 50, notPurchased: 150, rebought: 50 });
    expect(Object.keys(result.latency).sort()).toEqual(['cancel', 'purchase', 'sell-out']);
    expect(result.latency.cancel!.count).toBe(200);
    expect(result.latency.cancel!.byOutcome).toHaveProperty('not-purchased');
    const stored = await readSale(stores.redis, stores.mysql, result);
    expect(stored.stock + stored.rows).toBe(100);
    expect(stored.perUser.every((row) => row.rows === 1)).toBe(true);
    expect(stored.perUser.filter((row) => row.userId.startsWith('rebuyer-'))).toHaveLength(counts.rebought);
  });

  it('naive is caught over-stocking: exit 1, and by how many seats', async () => {
    const { code, result } = await storm('--strategy', 'naive', '--users', '100');
    expect(code).toBe(1);
    const overStocking = result.checks.find((check) => check.name === 'no-over-stocking')!;
    expect(overStocking.ok).toBe(false);
    const stored = await readSale(stores.redis, stores.mysql, result);
    expect(overStocking.detail).toMatch(new RegExp(`^over-stocked by ${(stored.stock + stored.rows - 100).toLocaleString('en-US')} seats`));
    expect(failedChecks(result)).toContain('cancels-honoured-once');
  });
});

describe('ticketsim run cancel-storm in-process', () => {
  const storm = (...args: string[]) => runScenario('cancel-storm', ['--infra', 'memory', ...args]);

  it.each(['lua', 'dcl', 'lock'])('%s holds every check', async (strategy) => {
    const { code, result } = await storm('--strategy', strategy);
    expect(failedChecks(result)).toEqual([]);
    expect(code).toBe(0);
    expect(result.counts).toMatchObject({ cancelled: 50, notPurchased: 150, rebought: 50 });
  });

  it('naive is caught over-stocking', async () => {
    const { code, result } = await storm('--strategy', 'naive');
    expect(code).toBe(1);
    expect(result.checks[0]).toMatchObject({ name: 'no-over-stocking', ok: false });
    expect(result.checks[0]!.detail).toMatch(/^over-stocked by [\d,]+ seats/);
  });

  it('with fewer re-buyers than freed seats, the rest stay in stock and every check holds', async () => {
    const { code, result } = await storm('--strategy', 'lua', '--rebuyers', '10', '--cancel-ratio', '0.3', '--cancel-dupes', '1');
    expect(code).toBe(0);
    expect(result.counts).toMatchObject({ cancelled: 30, notPurchased: 30, rebought: 10 });
  });
});

describe('bad values of the cancel-storm flags', () => {
  it.each([
    [['run', 'cancel-storm', '--cancel-ratio', '1.5'], /^ticketsim: --cancel-ratio must be a fraction from 0 to 1 \(got 1\.5\)$/],
    [['run', 'cancel-storm', '--cancel-ratio', 'half'], /^ticketsim: --cancel-ratio must be a fraction from 0 to 1 \(got not a number\)$/],
    [['run', 'cancel-storm', '--cancel-dupes', '0'], /^ticketsim: --cancel-dupes must be a whole number from 1 to 100 \(got 0\)$/],
    [['run', 'cancel-storm', '--rebuyers', '-3'], /^ticketsim: --rebuyers must be a whole number from 0 to 10000000 \(got -3\)$/],
    [['run', 'spam', '--rebuyers', '10'], /^ticketsim: --rebuyers applies to the cancel-storm scenario only, not spam$/],
  ])('%j exits 2 with one line', async (args, message) => {
    const { code, stdout, stderr } = await ticketsim([...args, '--infra', 'memory']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });
});
