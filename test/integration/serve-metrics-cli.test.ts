// `ticketsim serve --metrics-port 0 --json` on real Redis and MariaDB, as a user runs it (the built
// CLI in a child process): the JSON listening line names both addresses; after a sale is opened,
// bought into (a duplicate among the buys) and /health asked, a scrape counts each request by
// route and status, times every one of them, names no sale or user, and promtool accepts it.
// SIGTERM stops it with exit 0. The test's sale (`it-<pid>p<hex>`) is removed afterwards.
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { saleKeyList } from '../../src/engine/redis/keys.js';
import { BIN, realStores, until } from './cli.js';
import { ownedId } from './owned-names.js';
import { checkMetrics, promtool, sampleSum, scrape } from './scrape.js';
import { servicesAvailable } from './services.js';

const available = await servicesAvailable('redis', 'mysql');

describe.skipIf(!available)('ticketsim serve --metrics-port', () => {
  const stores = realStores();
  const sale = `it-${ownedId()}`;
  afterAll(async () => {
    await stores.redis.del(...saleKeyList(sale));
    await stores.mysql.query('DELETE FROM purchases WHERE ticket_name = ?', [sale]);
  });

  it('counts requests by route and status, times each, names no sale or user; SIGTERM exits 0', async () => {
    const child = spawn(BIN, ['serve', '--strategy', 'lua', '--infra', 'real', '--port', '0', '--metrics-port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const ended = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      const listening = await until('the server said it listens', () => stdout.split('\n').find((line) => line.includes('"listening"')));
      const { url, metricsUrl } = JSON.parse(listening) as { url: string; metricsUrl: string };
      expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(stderr).toContain(`metrics: ${metricsUrl}\n`);

      const post = async (path: string, body: unknown) => (await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) })).status;
      const users = ['ann', 'bob', 'cy'];
      expect(await post('/sales', { id: sale, stock: 10 })).toBe(201);
      const buys = [];
      for (const user of users) buys.push(await post('/buy', { user, sale }));
      buys.push(await post('/buy', { user: users[0], sale }));
      expect(buys).toEqual([200, 200, 200, 409]);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      const requests = 1 + buys.length + 1;

      // A request is counted once its reply has gone out, which may be just after the client has it.
      const text = await until('every request to be counted', async () => {
        const scraped = await scrape(metricsUrl);
        return sampleSum(scraped, 'ticketsim_serve_request_seconds_count') === requests && scraped;
      });
      const labels = { strategy: 'lua', write: 'sync' };
      expect(sampleSum(text, 'ticketsim_serve_requests_total', { ...labels, route: 'POST /buy', status: '200' })).toBe(users.length);
      expect(sampleSum(text, 'ticketsim_serve_requests_total', { ...labels, route: 'POST /buy', status: '409' })).toBe(1);
      expect(sampleSum(text, 'ticketsim_serve_requests_total', { ...labels, route: 'POST /sales', status: '201' })).toBe(1);
      expect(sampleSum(text, 'ticketsim_serve_requests_total', { ...labels, route: 'GET /health', status: '200' })).toBe(1);
      expect(sampleSum(text, 'ticketsim_serve_requests_total')).toBe(requests);
      expect(sampleSum(text, 'ticketsim_serve_request_seconds_bucket', { le: '+Inf' })).toBe(requests);
      for (const id of [sale, ...users]) expect(text).not.toContain(id);
      if (promtool) expect(checkMetrics(text)).toEqual({ status: 0, said: '' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await ended).toBe(0);
  });
});
