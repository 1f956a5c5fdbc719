// A seed fixes an in-process run (ARCHITECTURE.md, "The in-process infrastructure"): these figures
// were taken from runs before the explored runs' step scheduling was added to the in-process
// services, and every later change must keep them, so that a normal run stays the run it was.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import type { RawFlags } from '../config/config.js';
import { workerLauncher } from '../cli/workers.js';
import { startRun } from './run.js';

/** What a run's seed decides: its outcomes, its latencies to the microsecond and its duration. */
async function fingerprint(flags: RawFlags) {
  const config = loadConfig({ infra: 'memory', json: true, seed: 7, ...flags }, {});
  const result = await startRun(config, workerLauncher(config.services)).result;
  const latency = Object.fromEntries(Object.entries(result.latency).map(([op, l]) => [op, [l.p50, l.p99, l.max]]));
  return { counts: result.counts, latency, durationUs: Math.round(result.durationMs * 1000), failed: result.checks.filter((c) => !c.ok).map((c) => c.name) };
}

const RUNS: Record<string, RawFlags> = {
  'oversell naive': { scenario: 'oversell', strategy: 'naive', users: 500, stock: 50 },
  'oversell lock': { scenario: 'oversell', strategy: 'lock', users: 300, stock: 50 },
  'oversell lua': { scenario: 'oversell', strategy: 'lua', users: 2000, stock: 100 },
  'spam precheck': { scenario: 'spam', strategy: 'precheck', users: 50, stock: 20, requestsPerUser: 4 },
  'cancel-storm dcl': { scenario: 'cancel-storm', strategy: 'dcl', users: 200, stock: 50 },
  'write-behind lua': { scenario: 'write-behind', strategy: 'lua', users: 500, stock: 500 },
};

describe('a seeded in-process run', () => {
  it.each(Object.keys(RUNS))('%s keeps its figures', async (name) => {
    expect(await fingerprint(RUNS[name]!)).toMatchSnapshot();
  }, 30_000);
});
