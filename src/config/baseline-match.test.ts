// Which baseline run each run is held to, through the config as `compare` builds it: a
// comparison's runs matched by strategy and write mode or by a service's name, a single run's
// result serving only the runs it matches, and `run` taking its own from a comparison or refusing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfig } from './config.js';
import type { BaselineKey } from './baseline-match.js';

const dir = mkdtempSync(join(tmpdir(), 'ticketsim-baseline-match-'));
let files = 0;
function file(json: unknown): string {
  const path = join(dir, `${files++}.json`);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

function result(runId: string, strategy: string, write = 'sync', target?: string) {
  return {
    runId, scenario: 'oversell', strategy, infra: 'memory', params: { users: 10, stock: 1, write }, latency: {}, throughput: 5, counts: { attempts: 10, errors: 0 },
    ...(target === undefined ? {} : { target: { name: target } }),
  };
}

const comparison = (...runs: unknown[]) => ({ comparison: { scenario: 'oversell' }, runs });

/** The baseline run id the config of `strategy` (or of a compared run `compared`) gets, and its problems. */
function baselineOf(path: string, strategy: string, compared?: BaselineKey, write?: string) {
  const as = compared === undefined ? {} : { compared: compared.kind === 'target' ? { service: compared.name } : {} };
  const { config, problems } = buildConfig({ scenario: 'oversell', strategy, write, baseline: path, maxRegression: 'p99=20%', ...as }, {});
  return { runId: config?.run.baseline?.run.runId, problems };
}

describe('matching a compared run to its baseline', () => {
  const both = file(comparison(result('n-sync', 'naive'), result('l-sync', 'lua'), result('l-behind', 'lua', 'behind')));
  const engine = (strategy: string, write = 'sync'): BaselineKey => ({ kind: 'engine', strategy, write });

  it('takes the run of the same strategy and write mode from a comparison', () => {
    expect(baselineOf(both, 'lua', engine('lua')).runId).toBe('l-sync');
    expect(baselineOf(both, 'lua', engine('lua', 'behind'), 'behind').runId).toBe('l-behind');
    expect(baselineOf(both, 'naive', engine('naive')).runId).toBe('n-sync');
  });

  it('leaves a run with no match without a baseline, which is no problem', () => {
    expect(baselineOf(both, 'lock', engine('lock'))).toEqual({ runId: undefined, problems: [] });
  });

  it('matches a service over HTTP by its name, not its strategy', () => {
    const services = file(comparison(result('a', 'naive', 'sync', 'naive-shop'), result('b', 'lua', 'sync', 'lua-shop')));
    expect(baselineOf(services, 'lua', { kind: 'target', name: 'lua-shop' }).runId).toBe('b');
    expect(baselineOf(services, 'lua', { kind: 'target', name: 'other' }).runId).toBeUndefined();
    // An engine run never takes a service's run, nor a service an engine run.
    expect(baselineOf(services, 'lua', engine('lua')).runId).toBeUndefined();
    expect(baselineOf(both, 'lua', { kind: 'target', name: 'lua' }).runId).toBeUndefined();
  });

  it('lets a single run result serve only the compared runs it matches', () => {
    const single = file(result('l', 'lua'));
    expect(baselineOf(single, 'lua', engine('lua')).runId).toBe('l');
    expect(baselineOf(single, 'naive', engine('naive')).runId).toBeUndefined();
    expect(baselineOf(single, 'lua', engine('lua', 'behind'), 'behind').runId).toBeUndefined();
  });

  it('refuses a comparison of another scenario or with a run that is no result', () => {
    const spam = file(comparison({ ...result('s', 'lua'), scenario: 'spam' }));
    expect(baselineOf(spam, 'lua', engine('lua')).problems).toEqual([`--baseline ${spam}: a run of spam, not oversell; compare a scenario with itself`]);
    expect(baselineOf(file(comparison({ runId: 'x' })), 'lua', engine('lua')).problems[0]).toMatch(/: not a ticketsim result .* or compare output/);
  });
});

describe('a single run given a comparison as its baseline', () => {
  const both = file(comparison(result('n-sync', 'naive'), result('l-sync', 'lua')));

  it('takes the run of its strategy and write mode', () => {
    expect(baselineOf(both, 'lua')).toEqual({ runId: 'l-sync', problems: [] });
  });

  it('refuses a comparison that holds none of it, saying what it holds', () => {
    expect(baselineOf(both, 'lock').problems).toEqual([
      `--baseline ${both}: a comparison with no run of lock · sync (it holds naive · sync, lua · sync); give that run's result or compare the same runs`,
    ]);
  });

  it('takes a single run result whatever it ran', () => {
    expect(baselineOf(file(result('n', 'naive')), 'lua').runId).toBe('n');
  });
});
