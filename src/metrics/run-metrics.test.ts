import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { RunListener, RunSnapshot } from '../result.js';
import { LATENCY_BUCKETS } from './buckets.js';
import { RUN_LABELS, RunMetrics } from './run-metrics.js';

/** A run that reports what the test tells it, and ends when the test says so. */
function fakeRun(runId = 'r-1') {
  let listener: RunListener = {};
  let end: () => void = () => undefined;
  const state: { attempts: number; inFlight: number; writeBehind?: RunSnapshot['writeBehind'] } = { attempts: 0, inFlight: 0 };
  const run = {
    runId,
    result: new Promise<void>((resolve) => (end = resolve)),
    snapshot: () => ({ counts: { attempts: state.attempts }, inFlight: state.inFlight, writeBehind: state.writeBehind }) as RunSnapshot,
    listen: (given: RunListener) => void (listener = given),
  };
  return { run, state, hear: () => listener, end: () => end() };
}

const LABELS = { scenario: 'oversell', strategy: 'lua', write: 'sync' };

async function scrape(registry: Registry) {
  return registry.getMetricsAsJSON();
}

describe('run metrics', () => {
  it('name every metric ticketsim_*, with the run labels and no user id', async () => {
    const registry = new Registry();
    const metrics = new RunMetrics(registry);
    const { run, hear, state } = fakeRun();
    metrics.watch(run, LABELS);
    state.attempts = 2;
    hear().operationEnded!('purchase', 'purchased', 1500);
    hear().lockAcquisition!(true, 3);
    hear().statement!({ kind: 'insert', waitUs: 200, execUs: 900, ok: true });
    const found = await scrape(registry);
    expect(found.map(({ name, type }) => `${name} ${type}`).sort()).toEqual([
      'ticketsim_answers_total counter',
      'ticketsim_attempts_total counter',
      'ticketsim_in_flight gauge',
      'ticketsim_latency_seconds histogram',
      'ticketsim_lock_acquisitions_total counter',
      'ticketsim_lock_tries_total counter',
      'ticketsim_sql_exec_seconds histogram',
      'ticketsim_sql_pool_wait_seconds histogram',
      'ticketsim_write_behind_acknowledged gauge',
      'ticketsim_write_behind_lag_p99_seconds gauge',
      'ticketsim_write_behind_lag_records gauge',
      'ticketsim_write_behind_rows gauge',
    ]);
    for (const metric of found) {
      for (const { labels } of metric.values) {
        const names = Object.keys(labels).filter((name) => name !== 'le');
        expect(names).toEqual(expect.arrayContaining([...RUN_LABELS]));
        expect(names.filter((name) => /user|buyer/i.test(name))).toEqual([]);
        expect(labels).toMatchObject({ ...LABELS, run_id: 'r-1' });
      }
    }
  });

  it('count answers by operation and outcome, and time them in seconds', async () => {
    const registry = new Registry();
    const metrics = new RunMetrics(registry);
    const { run, hear } = fakeRun();
    metrics.watch(run, LABELS);
    hear().operationEnded!('purchase', 'purchased', 150);
    hear().operationEnded!('purchase', 'sold-out', 40_000_000);
    hear().operationEnded!('purchase', 'sold-out', 3000);
    const answers = await registry.getSingleMetric('ticketsim_answers_total')!.get();
    expect(answers.values.map(({ labels, value }) => [labels.outcome, value])).toEqual([
      ['purchased', 1],
      ['sold-out', 2],
    ]);
    const latency = await registry.getSingleMetric('ticketsim_latency_seconds')!.get();
    const values = latency.values as { labels: Record<string, string | number>; value: number; metricName?: string }[];
    const bucket = (le: number | string) => values.find(({ labels, metricName }) => metricName?.endsWith('_bucket') && labels.le === le)!.value;
    expect([bucket(0.0001), bucket(0.00025), bucket(0.005), bucket(30), bucket('+Inf')]).toEqual([0, 1, 2, 2, 3]);
  });

  it('read attempts and in flight from the snapshot, and keep a run\'s final figures once it ends', async () => {
    const registry = new Registry();
    const metrics = new RunMetrics(registry);
    const { run, state, end } = fakeRun();
    metrics.watch(run, LABELS);
    state.attempts = 10;
    state.inFlight = 4;
    const value = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]!.value;
    expect([await value('ticketsim_attempts_total'), await value('ticketsim_in_flight')]).toEqual([10, 4]);
    state.attempts = 25;
    state.inFlight = 0;
    end();
    await run.result;
    state.attempts = 999;
    expect([await value('ticketsim_attempts_total'), await value('ticketsim_in_flight')]).toEqual([25, 0]);
  });

  it('follow a run writing behind: the rows its workers wrote moving up, what they are behind, their lag', async () => {
    const registry = new Registry();
    const metrics = new RunMetrics(registry);
    const { run, state } = fakeRun();
    metrics.watch(run, { ...LABELS, write: 'behind' });
    const value = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]?.value;
    expect(await value('ticketsim_write_behind_rows')).toBeUndefined();
    state.writeBehind = { acknowledged: 3000, persisted: 2100, behind: 900, lagP99Us: 240_000 };
    expect(await value('ticketsim_write_behind_rows')).toBe(2100);
    state.writeBehind = { acknowledged: 5000, persisted: 5000, behind: 0, lagP99Us: 250_000 };
    expect([await value('ticketsim_write_behind_acknowledged'), await value('ticketsim_write_behind_rows'), await value('ticketsim_write_behind_lag_records'), await value('ticketsim_write_behind_lag_p99_seconds')]).toEqual([5000, 5000, 0, 0.25]);
  });

  it('keep each run of a comparison apart by its run id', async () => {
    const registry = new Registry();
    const metrics = new RunMetrics(registry);
    const first = fakeRun('a');
    const second = fakeRun('b');
    metrics.watch(first.run, LABELS);
    metrics.watch(second.run, { ...LABELS, strategy: 'naive' });
    first.hear().operationEnded!('purchase', 'purchased', 10);
    second.hear().operationEnded!('purchase', 'purchased', 10);
    const answers = await registry.getSingleMetric('ticketsim_answers_total')!.get();
    expect(answers.values.map(({ labels }) => `${labels.run_id}:${labels.strategy}`)).toEqual(['a:lua', 'b:naive']);
  });
});

describe('latency buckets', () => {
  it('resolve 100 µs to 30 s in steps of about ×2 to ×2.5', () => {
    expect(LATENCY_BUCKETS[0]).toBe(0.0001);
    expect(LATENCY_BUCKETS.at(-1)).toBe(30);
    for (const [i, bound] of LATENCY_BUCKETS.slice(1).entries()) {
      const step = bound / LATENCY_BUCKETS[i]!;
      expect(step).toBeGreaterThanOrEqual(2);
      expect(step).toBeLessThanOrEqual(3);
    }
  });
});
