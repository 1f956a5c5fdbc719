// Thresholds as a user meets them, through the built CLI on the in-process infrastructure: a
// broken one fails the run (exit 1) naming it, a met one passes (exit 0), a bad expression is a
// one-line usage error (exit 2) before any load. Bounds no machine can miss (1 µs, 60 s), so the
// verdicts do not depend on the machine's speed.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/result.js';
import { ticketsim } from './cli.js';

const OVERSELL = ['run', 'oversell', '--infra', 'memory', '--users', '200', '--stock', '20'];

describe('ticketsim run --threshold', () => {
  it('exits 1 on a broken threshold, naming it in the verdict and the checks', async () => {
    const run = await ticketsim([...OVERSELL, '--threshold', 'purchase.p99<1us']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+1 of 1 threshold broken — purchase\.p99<1us: \S+ over the bound/);
    expect(run.stdout).toMatch(/✗\s+purchase\.p99<1us\s+< 1µs/);
    expect(run.stdout).toContain("--threshold 'purchase.p99<1us'");
  });

  it('exits 0 on a met threshold, and the result JSON carries it as a check of kind threshold', async () => {
    const run = await ticketsim([...OVERSELL, '--json', '--threshold', 'purchase.p99<60s', '--threshold', 'errors.rate<1%']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as RunResult;
    expect(result.ok).toBe(true);
    expect(result.checks.filter((check) => check.kind === 'threshold')).toMatchObject([
      { name: 'purchase.p99<60s', ok: true, expected: '< 60s' },
      { name: 'errors.rate<1%', ok: true, expected: '< 1%', observed: '0% (0 of 200)' },
    ]);
    expect(result.command).toMatch(/ --threshold 'purchase\.p99<60s' --threshold 'errors\.rate<1%'$/);
  });

  it.each([
    ['p99 fast', 'ticketsim: --threshold "p99 fast": not a threshold like purchase.p99<500ms'],
    ['cancel.p99<50ms', 'ticketsim: --threshold "cancel.p99<50ms": the oversell scenario performs no cancel; its operations: purchase'],
  ])('exits 2 on --threshold %j, with one line and no stack, before any load', async (expression, line) => {
    const run = await ticketsim([...OVERSELL, '--threshold', expression]);
    expect({ code: run.code, stderr: run.stderr.trimEnd(), stdout: run.stdout }).toEqual({ code: 2, stderr: line, stdout: '' });
  });
});

describe('ticketsim compare --threshold', () => {
  it('holds every run to it and lists it per run in the matrix', async () => {
    const run = await ticketsim(['compare', 'oversell', '--infra', 'memory', '--users', '200', '--stock', '20', '--strategies', 'naive,lua', '--expect-fail', 'naive', '--threshold', 'purchase.p99<60s']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/purchase\.p99<60s\s+✓\s+✓/);
  });
});
