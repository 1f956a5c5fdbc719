// Each scenario, run in process, times exactly the operations config/defaults.ts says it does:
// what a --threshold may name (cancel.p99 for a cancel storm, never for oversell). And a whole run
// with thresholds: they are checks of its result, after the invariants, and a broken one fails it.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { SCENARIOS, SCENARIO_OPERATIONS } from '../config/defaults.js';
import { workerLauncher } from '../cli/workers.js';
import { startRun } from './run.js';

describe('SCENARIO_OPERATIONS', () => {
  it.each(SCENARIOS)('lists the operations %s times', async (scenario) => {
    const config = loadConfig({ scenario, strategy: 'lua', infra: 'memory', users: 20, stock: 10, json: true }, {});
    const result = await startRun(config, workerLauncher(config.services)).result;
    expect(Object.keys(result.latency).sort()).toEqual([...SCENARIO_OPERATIONS[scenario]].sort());
  });
});

describe('a run with thresholds', () => {
  it('checks them after the invariants, and fails on a broken one', async () => {
    const threshold = ['purchase.p99<60s', 'purchase.p99<1us'];
    const result = await startRun(loadConfig({ scenario: 'oversell', strategy: 'lua', infra: 'memory', users: 20, stock: 10, json: true, threshold }, {})).result;
    const kinds = result.checks.map((check) => check.kind ?? 'invariant');
    expect(kinds.slice(-2)).toEqual(['threshold', 'threshold']);
    expect(kinds.slice(0, -2).every((kind) => kind === 'invariant')).toBe(true);
    expect(result.checks.slice(-2).map(({ name, ok }) => [name, ok])).toEqual([['purchase.p99<60s', true], ['purchase.p99<1us', false]]);
    expect(result.ok).toBe(false);
  });
});
