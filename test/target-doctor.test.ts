// `doctor --target` before any load, against the test shop: a good file is ready and says which
// checks it makes possible; a verify read that cannot work is the file's fault, named by its field;
// a base URL nothing answers is the machine's.
import { afterEach, describe, expect, it } from 'vitest';
import { parseTargetFile } from '../src/config/target-file/index.js';
import { checksOf, diagnoseTarget } from '../src/targets/http/target-doctor.js';
import { closedPort } from './closed-port.js';
import { shopTarget, startShop } from './shop-server.js';
import { silentPort } from './silent-port.js';

const shops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(shops.splice(0).map((close) => close()));
});

async function shopFile(edit: (file: Record<string, unknown>) => void = () => undefined) {
  const shop = await startShop('correct');
  shops.push(shop.close);
  // The sale doctor reads (it never runs the setup): made here, so the reads have something to show.
  await fetch(`${shop.url}/sales`, { method: 'POST', body: JSON.stringify({ id: 'concert-doctor', stock: 3 }) });
  const json = JSON.parse(shopTarget(shop.url)) as Record<string, unknown>;
  edit(json);
  return parseTargetFile(JSON.stringify(json), '--target shop.json');
}

describe('doctor --target', () => {
  it('finds a good file ready, its reads working, and names the checks it makes possible', async () => {
    const diagnosis = await diagnoseTarget(await shopFile(), 1000);
    expect(diagnosis.probes.map((probe) => [probe.what, probe.ok])).toEqual([
      [expect.stringMatching(/^base URL http:\/\/127\.0\.0\.1:\d+$/), true],
      ['verify.records', true],
      ['verify.stock', true],
      ['verify.buyerIndex', true],
    ]);
    expect(diagnosis.checks.skipped).toEqual([]);
    expect(diagnosis.checks.possible).toEqual(expect.arrayContaining(['no-oversell', 'conservation', 'index-agrees', 'no-over-stocking']));
  });

  it('names the field of a verify read that cannot work, as the file\'s fault', async () => {
    const file = await shopFile((json) => {
      (json.verify as Record<string, unknown>).records = { http: { path: '/sales/{sale}', pointer: '/no-such-list' } };
    });
    const diagnosis = await diagnoseTarget(file, 1000);
    expect(diagnosis.probes.find((probe) => !probe.ok)).toMatchObject({ what: 'verify.records', fault: 'file' });
  });

  it('says a base URL nothing answers is the machine\'s fault, and reads nothing', async () => {
    const port = await closedPort();
    const file = await shopFile((json) => {
      json.baseUrl = `http://127.0.0.1:${port}`;
    });
    const diagnosis = await diagnoseTarget(file, 1000);
    expect(diagnosis.probes).toEqual([{ what: `base URL http://127.0.0.1:${port}`, ok: false, detail: `connection refused by 127.0.0.1:${port}`, fault: 'service' }]);
  });

  it('gives up on a store that accepts connections and never answers, at the connect timeout', async () => {
    const silent = await silentPort();
    shops.push(silent.close);
    const file = await shopFile((json) => {
      json.stores = { redis: `redis://127.0.0.1:${silent.port}` };
    });
    const diagnosis = await diagnoseTarget(file, 300);
    expect(diagnosis.probes.find((probe) => !probe.ok)).toMatchObject({ fault: 'service', detail: expect.stringContaining('no answer within 300 ms') });
  });

  it('says which checks a file without a stock counter or buyer index skips, and why', () => {
    const file = { verify: { records: { sql: 'SELECT user_id FROM orders' } }, promises: { onePerPerson: true } };
    expect(checksOf(file).skipped).toEqual([
      { name: 'index-agrees', why: 'no verify.buyerIndex' },
      { name: 'conservation', why: 'no verify.stock' },
    ]);
  });
});
