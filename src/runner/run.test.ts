// Tests of a whole run in process: the snapshot a dashboard pulls ends on the figures of the
// result, so the live throughput and elapsed time never jump when the final frame replaces them;
// the result's data block names what the run created, under its own run id; and the result names
// every workload option the run applied.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { runNames } from '../engine/run-names.js';
import { startRun } from './run.js';

describe('ScenarioRun.snapshot', () => {
  it('ends on the throughput and duration of the result, over both phases of a cancel storm', async () => {
    const run = startRun(loadConfig({ scenario: 'cancel-storm', strategy: 'naive', infra: 'memory', json: true }, {}));
    const result = await run.result;
    const last = run.snapshot();
    expect(result.phases).toHaveLength(2);
    expect(last.ratePerSec).toBe(result.throughput);
    expect(last.elapsedMs).toBeCloseTo(result.durationMs, 2);
  });

  it('ends a cancel-storm whose waiting line is longer than the in-flight cap, every check holding', async () => {
    // 200 re-buyers, 20 slots: the line used to fill every slot ahead of the cancels it waited for.
    for (const strategy of ['lua', 'dcl'] as const) {
      const result = await startRun(loadConfig({ scenario: 'cancel-storm', strategy, infra: 'memory', users: 200, stock: 100, maxInFlight: 20, json: true }, {})).result;
      expect(result.checks.filter((check) => !check.ok), strategy).toEqual([]);
      expect(result.counts.rebought, strategy).toBeGreaterThan(0);
    }
  }, 30_000);

  it('says 0/s and no time spent before the first release', async () => {
    const run = startRun(loadConfig({ scenario: 'oversell', strategy: 'lua', infra: 'memory', users: 10, json: true }, {}));
    const first = run.snapshot();
    expect([first.ratePerSec, first.elapsedMs]).toEqual([0, 0]);
    const result = await run.result;
    expect(run.snapshot().ratePerSec).toBe(result.throughput);
  });
});

describe('the result\'s data block', () => {
  it('names the run\'s sale, its stock and buyer keys, and a fenced run\'s fence keys and row', async () => {
    const plain = await startRun(loadConfig({ scenario: 'oversell', strategy: 'lua', infra: 'memory', users: 10, json: true }, {})).result;
    const { sale, keys } = runNames(plain.runId);
    expect(plain.data).toEqual({
      sale,
      stores: [
        { store: 'MySQL', holds: [`purchases rows with ticket_name = '${sale}'`] },
        { store: 'Redis', holds: [keys.stock, keys.buyers] },
      ],
    });

    const fenced = await startRun(loadConfig({ scenario: 'oversell', strategy: 'fenced', infra: 'memory', users: 10, json: true }, {})).result;
    const names = runNames(fenced.runId);
    expect(fenced.data).toEqual({
      sale: names.sale,
      stores: [
        { store: 'MySQL', holds: [`purchases rows with ticket_name = '${names.sale}'`, `the sale_fences row with ticket_name = '${names.sale}'`] },
        { store: 'Redis', holds: [names.keys.stock, names.keys.buyers, names.keys.fence, names.keys.fenceSeen] },
      ],
    });
  });
});

describe('the result', () => {
  it('names every workload option the run applied, null for one it applied unset', async () => {
    const result = await startRun(loadConfig({ scenario: 'spam', strategy: 'lua', infra: 'memory', users: 10, requestsPerUser: 2, slowSqlMs: 250, json: true }, {})).result;
    expect(result.params.options).toMatchObject({ users: 10, requestsPerUser: 2, stock: 100, seed: 1, poolSize: 10, concurrency: null, maxInFlight: null, slowSqlMs: 250 });
    // Options of other scenarios and of writing behind do not apply.
    expect(result.params.options).not.toHaveProperty('cancelRatio');
    expect(result.params.options).not.toHaveProperty('workers');
  });
});
