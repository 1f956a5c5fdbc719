// Baselines as a user meets them, through the built CLI on the in-process infrastructure: a run
// written with --json is the next run's --baseline; a generous limit passes (exit 0), a fabricated
// baseline no machine can match (1e9 purchases a second) fails the throughput limit (exit 1) naming
// the row, and a bad spec is a one-line usage error (exit 2) before any load. The verdicts do not
// depend on the machine's speed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/result.js';
import { ticketsim } from './cli.js';

const OVERSELL = ['run', 'oversell', '--infra', 'memory', '--users', '200', '--stock', '20'];

describe('ticketsim run --baseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ticketsim-baseline-cli-'));
  const saved = join(dir, 'baseline.json');
  const fabricated = join(dir, 'fast.json');
  let baseline: RunResult;

  beforeAll(async () => {
    const first = await ticketsim([...OVERSELL, '--json']);
    expect(first.code).toBe(0);
    writeFileSync(saved, first.stdout);
    baseline = JSON.parse(first.stdout) as RunResult;
    writeFileSync(fabricated, JSON.stringify({ ...baseline, runId: 'fabricated-fast', throughput: 1e9 }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 within a generous limit, and the JSON carries the comparison and the limit as a check of kind regression', async () => {
    const run = await ticketsim([...OVERSELL, '--json', '--baseline', saved, '--max-regression', 'p99=1000%']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as RunResult;
    expect(result.baseline).toMatchObject({ runId: baseline.runId, file: saved, differences: [] });
    expect(result.baseline?.figures.map(({ name }) => name)).toEqual(['purchase.p50', 'purchase.p99', 'throughput', 'errors.rate']);
    expect(result.checks.filter((check) => check.kind === 'regression')).toMatchObject([{ name: 'purchase.p99 vs baseline', ok: true }]);
    expect(result.checks.find((check) => check.kind === 'regression')?.detail).toContain(`run ${result.runId} against baseline ${baseline.runId}`);
    expect(result.command).toMatch(new RegExp(` --baseline ${saved} --max-regression p99=1000%$`));
  });

  it('exits 1 when the throughput fell beyond its limit, naming the row', async () => {
    const run = await ticketsim([...OVERSELL, '--baseline', fabricated, '--max-regression', 'throughput=10%']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+1 of 1 baseline limit exceeded — throughput vs baseline: −100%, beyond the limit of −10%/);
    expect(run.stdout).toMatch(/✗\s+throughput vs baseline\s+≥ −10% \(baseline 1,000,000,000\/s\)/);
    expect(run.stdout).toContain('vs baseline fabricated-fast');
  });

  it('shows the comparison without failing anything when no limit is given', async () => {
    const run = await ticketsim([...OVERSELL, '--baseline', fabricated]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/throughput\s+[\d,]+\/s\s+baseline 1,000,000,000\/s\s+−100%/);
  });

  it.each([
    [['--baseline', 'SAVED', '--max-regression', 'p99 fast'], 'ticketsim: --max-regression "p99 fast": not a limit like p99=20%,throughput=10%'],
    [['--max-regression', 'p99=20%'], 'ticketsim: --max-regression needs --baseline FILE: the run to measure the regression against'],
  ])('exits 2 on %j, with one line and no stack, before any load', async (args, line) => {
    const run = await ticketsim([...OVERSELL, ...args.map((arg) => (arg === 'SAVED' ? saved : arg))]);
    expect({ code: run.code, stderr: run.stderr.trimEnd(), stdout: run.stdout }).toEqual({ code: 2, stderr: line, stdout: '' });
  });
});
