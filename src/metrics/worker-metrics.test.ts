import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { WorkerMetrics } from './worker-metrics.js';
import type { WorkerCounts } from './worker-metrics.js';

const LABELS = { topic: 'ticketsim.purchases', group: 'ticketsim-worker' };

describe('worker metrics', () => {
  it('follow the worker\'s figures at each scrape, labelled by topic and group only', async () => {
    const registry = new Registry();
    const metrics = new WorkerMetrics(registry, LABELS);
    const figures: WorkerCounts = { delivered: 10, inserted: 7, skipped: 1, deleted: 1, deadLettered: 1, commits: 2 };
    metrics.watch(() => figures);
    const value = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]!;
    expect(await value('ticketsim_worker_rows_inserted_total')).toEqual({ labels: LABELS, value: 7 });
    figures.inserted = 12;
    figures.commits = 3;
    expect((await value('ticketsim_worker_rows_inserted_total')).value).toBe(12);
    expect((await value('ticketsim_worker_batches_total')).value).toBe(3);
    expect((await value('ticketsim_worker_records_consumed_total')).value).toBe(10);
  });

  it('time commits and keep the lag per partition', async () => {
    const registry = new Registry();
    const metrics = new WorkerMetrics(registry, LABELS);
    metrics.listener.committed(0, 2000);
    metrics.lagOf(0, 40);
    metrics.lagOf(1, 5);
    metrics.lagOf(0, 0);
    const lag = await registry.getSingleMetric('ticketsim_worker_lag_records')!.get();
    expect(lag.values.map(({ labels, value }) => [labels.partition, value])).toEqual([
      ['0', 0],
      ['1', 5],
    ]);
    const commits = await registry.getSingleMetric('ticketsim_worker_commit_seconds')!.get();
    expect(commits.values.find(({ labels }) => labels.le === 0.0025)!.value).toBe(1);
    const names = (await registry.getMetricsAsJSON()).flatMap(({ values }) => values.flatMap(({ labels }) => Object.keys(labels)));
    expect([...new Set(names)].sort()).toEqual(['group', 'le', 'partition', 'topic']);
  });
});
