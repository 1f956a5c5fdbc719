// `--fault` end to end (the built CLI in a child process) on real Redis, MariaDB and Kafka: each
// fault fires, is recorded in the result, and the verdict is the one the detection matrix says —
// a stalled lock holder makes `lock` oversell and `fenced` hold; killed workers, a rewound group
// and a broker taken away lose or double nothing (rows read straight from MariaDB); a broker
// ticketsim did not start is never stopped (exit 2).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedChecks, readSale, realStores, rowCounts, ticketsim } from './cli.js';
import { servicesAvailable } from './services.js';

const available = await servicesAvailable('redis', 'mysql', 'kafka');

describe.skipIf(!available)('faults on the real stack', () => {
  const stores = realStores();


  it('pause-holder: lock oversells and exits 1 naming the check; fenced holds and exits 0', async () => {
    const lock = await stores.run('oversell', ['--strategy', 'lock', '--fault', 'pause-holder']);
    expect(lock.code).toBe(1);
    expect(failedChecks(lock.result)).toContain('no-oversell');
    expect(lock.result.faults).toEqual([expect.objectContaining({ name: 'pause-holder', fired: 2 })]);
    expect((await readSale(stores.redis, stores.mysql, lock.result)).rows).toBeGreaterThan(100);

    const fenced = await stores.run('oversell', ['--strategy', 'fenced', '--fault', 'pause-holder']);
    expect(failedChecks(fenced.result)).toEqual([]);
    expect(fenced.code).toBe(0);
    expect(fenced.result.faults![0]!.fired).toBe(2);
    expect(fenced.result.guards.staleRefused).toBeGreaterThan(0);
    expect(await readSale(stores.redis, stores.mysql, fenced.result)).toMatchObject({ stock: 0, buyers: 100, rows: 100 });
  }, 60_000);

  it('kill-worker: workers SIGKILLed mid-drain and replaced; exactly one row per acknowledged purchase', async () => {
    const { code, result } = await stores.run('write-behind', ['--users', '6000', '--stock', '6000', '--workers', '2', '--fault', 'kill-worker:times=2,after=100ms,every=300ms']);
    expect(failedChecks(result)).toEqual([]);
    expect(code).toBe(0);
    const [kill] = result.faults!;
    expect(kill).toMatchObject({ name: 'kill-worker', fired: 2 });
    expect(kill!.events.map((event) => event.what)).toEqual([expect.stringMatching(/^SIGKILL pid \d+/), expect.stringMatching(/^SIGKILL pid \d+/)]);
    expect(await rowCounts(stores.mysql, result)).toEqual({ rows: result.counts.purchased, users: result.counts.purchased });
    expect(result.counts.purchased).toBe(6000);
  }, 90_000);

  it('redeliver: the group rewound to the start re-reads everything; the UNIQUE key skips every copy', async () => {
    const { code, result } = await stores.run('write-behind', ['--users', '3000', '--stock', '3000', '--fault', 'redeliver']);
    expect(failedChecks(result)).toEqual([]);
    expect(code).toBe(0);
    expect(result.faults![0]).toMatchObject({ name: 'redeliver', fired: 1 });
    expect(result.writeBehind!.worker).toMatchObject({ inserted: 3000, skipped: 3000, delivered: 6000 });
    expect(await rowCounts(stores.mysql, result)).toEqual({ rows: 3000, users: 3000 });
  }, 90_000);

  it('service-down refuses a broker ticketsim did not start: exit 2, nothing stopped', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ticketsim-no-broker-'));
    try {
      const run = await ticketsim(['run', 'write-behind', '--infra', 'real', '--users', '100', '--stock', '100', '--fault', 'service-down'], {
        ...process.env,
        // services.sh looks for its broker's pid file here: none, so the running broker is not its own.
        TICKETSIM_KAFKA_HOME: home,
      });
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toMatch(/^ticketsim: --fault service-down stops only a Kafka broker ticketsim started itself .*was not started by scripts\/services\.sh, so it is not stopped$/);
      expect((await ticketsim(['doctor'])).code).toBe(0);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }, 60_000);

  it('service-down: the broker is stopped mid-run and brought back; purchases fail cleanly, none acknowledged is lost', async () => {
    const { code, result } = await stores.run('write-behind', ['--rate', '200', '--duration', '12', '--stock', '5000', '--fault', 'service-down:after=1s,for=2s']);
    const [down] = result.faults!;
    expect(down).toMatchObject({ name: 'service-down', fired: 1 });
    expect(down!.events.map((event) => event.what)).toEqual([expect.stringMatching(/^kafka stopped/), expect.stringMatching(/^kafka back/)]);
    // During the outage publishes failed: each an error, its seat handed back, nothing acknowledged.
    expect(result.counts.errors).toBeGreaterThan(0);
    expect(failedChecks(result)).toEqual([]);
    expect(code).toBe(0);
    expect(await rowCounts(stores.mysql, result)).toEqual({ rows: result.counts.purchased, users: result.counts.purchased });
    expect((await ticketsim(['doctor'])).code).toBe(0);
  }, 120_000);
});
