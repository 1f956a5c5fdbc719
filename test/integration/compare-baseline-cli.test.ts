// Baselines per run in a comparison, through the built CLI on the in-process infrastructure: a
// compare --json output is the next comparison's --baseline, each run held to its own; a generous
// limit keeps the usual verdict (naive fails as expected, lua holds), a fabricated baseline no
// machine can match (1e9 purchases a second for lua) fails lua's throughput row (exit 1), a single
// run's result serves only the run it matches, and a bad file is a one-line usage error (exit 2)
// before any load. The verdicts do not depend on the machine's speed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, RunResult } from '../../src/result.js';
import { ticketsim } from './cli.js';

const COMPARE = ['compare', 'oversell', '--strategies', 'naive,lua', '--expect-fail', 'naive', '--infra', 'memory', '--users', '200', '--stock', '20'];

interface CompareOutput {
  comparison: Comparison;
  runs: RunResult[];
}

describe('ticketsim compare --baseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ticketsim-compare-baseline-'));
  const saved = join(dir, 'compare.json');
  const fabricated = join(dir, 'fast.json');
  const single = join(dir, 'lua.json');
  let baseline: CompareOutput;

  beforeAll(async () => {
    const first = await ticketsim([...COMPARE, '--json']);
    expect(first.code).toBe(0);
    writeFileSync(saved, first.stdout);
    baseline = JSON.parse(first.stdout) as CompareOutput;
    const runs = baseline.runs.map((run) => (run.strategy === 'lua' ? { ...run, runId: 'fabricated-fast', throughput: 1e9 } : run));
    writeFileSync(fabricated, JSON.stringify({ ...baseline, runs }));
    writeFileSync(single, JSON.stringify(baseline.runs.find((run) => run.strategy === 'lua')));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds each run to its own baseline run: regression rows for both, the usual verdict within a generous limit', async () => {
    const compare = await ticketsim([...COMPARE, '--json', '--baseline', saved, '--max-regression', 'p99=100000%']);
    expect(compare.code).toBe(0);
    const { comparison, runs } = JSON.parse(compare.stdout) as CompareOutput;
    const baselineOf = (strategy: string) => baseline.runs.find((run) => run.strategy === strategy)?.runId;
    expect(runs.map((run) => [run.strategy, run.baseline?.runId])).toEqual([['naive', baselineOf('naive')], ['lua', baselineOf('lua')]]);
    for (const run of runs) expect(run.checks.filter((check) => check.kind === 'regression')).toMatchObject([{ name: 'purchase.p99 vs baseline', ok: true }]);
    expect(comparison.baseline).toEqual({ file: saved, unmatched: [] });
    expect(comparison.checkNames).toContain('purchase.p99 vs baseline');
    expect(comparison.command).toContain(` --baseline ${saved} --max-regression p99=100000% --expect-fail naive`);
  });

  it('exits 1 when lua fell behind its own baseline beyond the limit, naming its row', async () => {
    const compare = await ticketsim([...COMPARE, '--baseline', fabricated, '--max-regression', 'throughput=10%']);
    expect(compare.code).toBe(1);
    expect(compare.stdout).toMatch(/✗ lua · throughput vs baseline: −100%, beyond the limit of −10%; run \S+ against baseline fabricated-fast/);
    expect(compare.stdout).toMatch(/FAIL\s+1 of 2 runs did not end as expected: lua failed a check/);
  });

  it('lets a single run result serve the run it matches and says which runs had none', async () => {
    const compare = await ticketsim([...COMPARE, '--baseline', single, '--max-regression', 'p99=100000%']);
    expect(compare.code).toBe(0);
    expect(compare.stdout).toContain(`no baseline for naive in ${single} (`);
  });

  it.each([
    ['an unreadable file', () => join(dir, 'absent.json'), /^ticketsim: --baseline .*absent\.json: cannot read it \(ENOENT\)$/],
    ['a file that is no result', () => { const path = join(dir, 'other.json'); writeFileSync(path, '{"runs": []}'); return path; }, /: not a ticketsim result .* or compare output/],
  ])('exits 2 on %s, with one line and no stack, before any load', async (_, path, line) => {
    const compare = await ticketsim([...COMPARE, '--baseline', path()]);
    expect(compare.code).toBe(2);
    expect(compare.stdout).toBe('');
    expect(compare.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(compare.stderr.trimEnd()).toMatch(line);
  });
});
