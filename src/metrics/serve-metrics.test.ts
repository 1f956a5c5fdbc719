import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ServeMetrics } from './serve-metrics.js';

describe('serve metrics', () => {
  it('count requests by route and status and time them by route', async () => {
    const registry = new Registry();
    const metrics = new ServeMetrics(registry, { strategy: 'lua', write: 'sync' });
    metrics.answered('POST /buy', 200, 300);
    metrics.answered('POST /buy', 409, 900);
    metrics.answered('POST /buy', 200, 50_000);
    const requests = await registry.getSingleMetric('ticketsim_serve_requests_total')!.get();
    expect(requests.values.map(({ labels, value }) => [labels.route, labels.status, value])).toEqual([
      ['POST /buy', '200', 2],
      ['POST /buy', '409', 1],
    ]);
    const latency = await registry.getSingleMetric('ticketsim_serve_request_seconds')!.get();
    expect(latency.values.find(({ labels }) => labels.le === 0.001)!.value).toBe(2);
    expect(Object.keys(requests.values[0]!.labels).sort()).toEqual(['route', 'status', 'strategy', 'write']);
  });
});
