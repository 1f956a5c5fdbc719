// examples/grafana/ticketsim.json imports as is: a dashboard with the Prometheus datasource as an
// input (${DS_PROMETHEUS}) on every panel and query, and queries only over metrics ticketsim serves,
// each one PromQL that Prometheus's promtool parses (skipped without promtool).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RunMetrics } from '../src/metrics/run-metrics.js';
import { ServeMetrics } from '../src/metrics/serve-metrics.js';
import { WorkerMetrics } from '../src/metrics/worker-metrics.js';

interface Panel {
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource: { uid: string } }[];
}

const dashboard = JSON.parse(readFileSync(resolve(import.meta.dirname, '../examples/grafana/ticketsim.json'), 'utf8')) as {
  __inputs: { name: string; type: string; pluginId: string }[];
  panels: Panel[];
  templating: { list: { datasource: { uid: string } }[] };
  title: string;
  uid: string;
};

/** The metric families ticketsim's registries declare. */
function servedFamilies(): Set<string> {
  const registry = new Registry();
  new RunMetrics(registry);
  new WorkerMetrics(registry, { topic: 't', group: 'g' });
  new ServeMetrics(registry, { strategy: 's', write: 'w' });
  return new Set(registry.getMetricsAsArray().map((metric) => (metric as unknown as { name: string }).name));
}

/** A name as a query uses it, less a histogram's series suffix. */
const family = (name: string) => name.replace(/_(bucket|sum|count)$/, '');

describe('the Grafana dashboard', () => {
  it('asks for its Prometheus datasource as an input and uses it everywhere', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    expect(dashboard.title).toBe('ticketsim');
    const queried = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(queried.length).toBeGreaterThan(5);
    for (const panel of queried) {
      expect(panel.datasource?.uid, panel.title).toBe('${DS_PROMETHEUS}');
      for (const target of panel.targets ?? []) expect(target.datasource.uid).toBe('${DS_PROMETHEUS}');
    }
    for (const variable of dashboard.templating.list) expect(variable.datasource.uid).toBe('${DS_PROMETHEUS}');
  });

  it('queries only metrics ticketsim serves, and shows answers by outcome, p50/p99, worker rows and lag', () => {
    const served = servedFamilies();
    const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map(({ expr }) => expr));
    const used = new Set(exprs.flatMap((expr) => [...expr.matchAll(/\bticketsim_\w+/g)].map(([name]) => family(name))));
    expect([...used].filter((name) => !served.has(name))).toEqual([]);
    const all = exprs.join('\n');
    expect(all).toContain('sum by (outcome) (rate(ticketsim_answers_total');
    expect(all).toContain('histogram_quantile(0.5, sum by (le, operation) (rate(ticketsim_latency_seconds_bucket');
    expect(all).toContain('histogram_quantile(0.99, sum by (le, operation) (rate(ticketsim_latency_seconds_bucket');
    expect(all).toContain('rate(ticketsim_worker_rows_inserted_total');
    expect(all).toContain('ticketsim_worker_lag_records');
  });
});

const promtool = spawnSync('promtool', ['--version']).status === 0;

/** `promtool check rules` over `exprs` as recording rules (Grafana's variables given values first). */
function checkQueries(exprs: readonly string[]): { status: number | null; said: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ticketsim-dashboard-'));
  try {
    const plain = (expr: string) => expr.replaceAll('$__rate_interval', '1m').replaceAll('$scenario', '.*').replaceAll('$strategy', '.*');
    const rules = exprs.map((expr, i) => `      - record: ticketsim:panel_${i}\n        expr: ${JSON.stringify(plain(expr))}`).join('\n');
    writeFileSync(join(dir, 'rules.yml'), `groups:\n  - name: dashboard\n    rules:\n${rules}\n`);
    const run = spawnSync('promtool', ['check', 'rules', join(dir, 'rules.yml')], { encoding: 'utf8' });
    return { status: run.status, said: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!promtool)('the dashboard\'s queries (promtool)', () => {
  it('parse as PromQL, and a planted broken one does not', () => {
    const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map(({ expr }) => expr));
    expect(checkQueries(exprs)).toMatchObject({ status: 0 });
    expect(checkQueries([...exprs, 'sum by (outcome (rate(ticketsim_answers_total[1m]))'])).toMatchObject({ status: 1, said: expect.stringContaining('parse error') });
  });
});
