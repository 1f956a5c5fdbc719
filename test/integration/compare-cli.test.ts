// `ticketsim compare` end to end, as a user (or CI) runs it: the built CLI in a child process, in
// process and against the real Redis + MariaDB. Exit codes with and without --expect-fail, the
// JSON of every run plus the comparison, the text table, the report, and on real services each
// run's sale read back from the stores.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Comparison, RunResult } from '../../src/result.js';
import { readSale, realStores, ticketsim } from './cli.js';
import { servicesAvailable } from './services.js';

/** Runs `ticketsim compare oversell --json …` and parses what it printed. */
async function compareJson(...args: string[]) {
  const run = await ticketsim(['compare', 'oversell', '--json', ...args]);
  return { code: run.code, stderr: run.stderr, ...(JSON.parse(run.stdout) as { comparison: Comparison; runs: RunResult[] }) };
}

describe('ticketsim compare in process', () => {
  const memory = ['--strategies', 'naive,lua', '--infra', 'memory', '--users', '500', '--stock', '50'];

  it('runs each strategy on its own sale with the same parameters, and exits 1 when one fails a check', async () => {
    const { code, comparison, runs } = await compareJson(...memory);
    expect(code).toBe(1);
    expect(runs.map((run) => run.strategy)).toEqual(['naive', 'lua']);
    expect(new Set(runs.map((run) => run.runId)).size).toBe(2);
    expect(runs.map((run) => [run.params.users, run.params.stock, run.seed])).toEqual([
      [500, 50, 1],
      [500, 50, 1],
    ]);
    expect(comparison.runs.map((run) => [run.label, run.verdict])).toEqual([
      ['naive', 'failed'],
      ['lua', 'held'],
    ]);
    expect(comparison).toMatchObject({ ok: false, fastest: 'lua', rankedBy: 'throughput' });
  });

  it('compares sync with behind, the write-behind options going to the runs that write behind', async () => {
    const { code, runs, comparison } = await compareJson('--strategies', 'lua', '--write', 'sync,behind', '--workers', '2', '--infra', 'memory', '--users', '300', '--stock', '30');
    expect(code).toBe(0);
    expect(runs.map((run) => [run.params.write, run.writeBehind?.workers])).toEqual([
      ['sync', undefined],
      ['behind', 2],
    ]);
    expect(comparison.command).toContain('--write sync,behind --workers 2 --partitions 2');
  });

  it('exits 0 when the strategy meant to fail fails and the rest hold, and 1 when it holds', async () => {
    expect((await compareJson(...memory, '--expect-fail', 'naive')).code).toBe(0);
    const meantToFail = await compareJson(...memory, '--expect-fail', 'naive,lua');
    expect(meantToFail.code).toBe(1);
    expect(meantToFail.comparison.runs[1]).toMatchObject({ label: 'lua', verdict: 'held', asExpected: false });
  });

  it('prints one table with every check and the verdict, and writes one report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ticketsim-compare-'));
    try {
      const path = join(dir, 'compare.md');
      const run = await ticketsim(['compare', 'oversell', ...memory, '--expect-fail', 'naive', '--report', path]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^ {2}no-oversell +✗ +✓$/m);
      expect(run.stdout).toContain('★ fastest that held every check (highest throughput): lua');
      expect(run.stdout).toMatch(/PASS {2}every run ended as expected: naive failed as expected; lua held\n/);
      expect(run.stdout).toContain('ticketsim compare 1/2 oversell · strategy naive');
      expect(run.stderr).toContain(`report written to ${path}`);
      const report = await readFile(path, 'utf8');
      expect(report).toContain('## Verdict: ✓ PASS');
      expect(report).toContain('title "purchase latency per run: p99 (back), p50 (front)"');
      expect(report).toContain('title "Throughput per run"');
      expect(report).toContain('| no-oversell | ✗ | ✓ |');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['--strategies', 'naive,magic'], 'ticketsim: --strategies "magic" is not one of naive, lock, precheck, dcl, fenced, lua'],
    [['--strategies', 'naive,lua', '--expect-fail', 'dcl'], 'ticketsim: --expect-fail dcl is not among the compared runs (naive:sync, lua:sync)'],
    [['--strategies', 'naive,lok'], 'ticketsim: --strategies "lok" is not one of naive, lock, precheck, dcl, fenced, lua; did you mean lock?'],
    [['--strategies', 'naive,lua', '--expect-fail', 'naiv'], 'ticketsim: --expect-fail naiv is not among the compared runs (naive:sync, lua:sync); did you mean naive?'],
    [['--strategies', 'lua', '--write', ','], 'ticketsim: --write needs at least one write mode, e.g. --write sync,behind'],
    [['--strategies', 'lua', '--write', 'later'], 'ticketsim: --write "later" is not one of sync, behind'],
    [['--strategies', 'lua', '--report', '/etc/passwd/x.md'], 'ticketsim: --report /etc/passwd/x.md: /etc/passwd is not a folder'],
  ])('refuses %j with one line and exit 2, before any run', async (args, message) => {
    const run = await ticketsim(['compare', 'oversell', '--infra', 'memory', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(message);
    expect(run.stdout).toBe('');
  });
});

const available = await servicesAvailable('redis', 'mysql');

describe.skipIf(!available)('ticketsim compare on real Redis + MariaDB', () => {
  const stores = realStores();

  it('asserts "naive must oversell, lua must hold" with the stores to prove it', async () => {
    const { code, comparison, runs } = await compareJson('--strategies', 'naive,lua', '--infra', 'real', '--expect-fail', 'naive');
    expect(code).toBe(0);
    expect(comparison.ok).toBe(true);
    for (const run of runs) stores.remember(run);
    const [naive, lua] = await Promise.all(runs.map((run) => readSale(stores.redis, stores.mysql, run)));
    expect(naive!.rows).toBeGreaterThan(100);
    expect(lua!.rows).toBe(100);
    expect(lua!.stock).toBe(0);
  });
});
