// Tests of the comparison: verdicts against --expect-fail, the fastest held run (by throughput for
// a burst, by p99 under a rate), the side-by-side rows, and its text and markdown renderings.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../result.js';
import { compareRuns, comparisonSummary, expectsFailure, sideBySide } from './compare.js';
import { renderComparisonReport } from './compare-markdown.js';
import { formatComparison } from './compare-text.js';
import { failingResult, interruptedResult, passingResult, rateResult } from './fixtures.js';
import { histogramsSection, latencySection } from './latency-tables.js';
import { loadSection } from './load.js';
import { sqlSection } from './sql.js';

/** A held lock run: slower than passingResult (lua), with lock traffic. */
const lockResult: RunResult = {
  ...passingResult,
  strategy: 'lock',
  runId: '01JQ7ZLOCK',
  throughput: 380,
  guards: { ...passingResult.guards, lockRequests: 1000, locksGranted: 1000, lockTries: 6698 },
  latency: { purchase: { ...passingResult.latency.purchase!, p50: 1_290_000, p99: 2_430_000, max: 2_740_000 } },
};
const meta = { generatedAt: new Date('2025-03-14T09:30:00Z'), version: '0.1.0' };
const COMMAND = './bin/ticketsim compare oversell --users 1000 --stock 100 --strategies naive,lock,lua --infra real --seed 42 --pool-size 10';

describe('compareRuns', () => {
  const results = [failingResult, lockResult, passingResult];

  it('fails when a strategy fails a check it was not meant to, and passes once it is expected to', () => {
    const plain = compareRuns(results, [], false, COMMAND);
    expect(plain.runs.map((run) => [run.label, run.verdict, run.asExpected])).toEqual([
      ['naive', 'failed', false],
      ['lock', 'held', true],
      ['lua', 'held', true],
    ]);
    expect(plain.ok).toBe(false);
    expect(compareRuns(results, ['naive'], false, COMMAND).ok).toBe(true);
  });

  it('fails when a strategy meant to fail held', () => {
    const comparison = compareRuns(results, ['naive', 'lua'], false, COMMAND);
    expect(comparison.ok).toBe(false);
    expect(comparison.runs[2]).toMatchObject({ label: 'lua', verdict: 'held', expectedToFail: true, asExpected: false });
    expect(comparisonSummary(comparison)).toBe('1 of 3 runs did not end as expected: lua held though meant to fail; naive failed as expected; lock held');
  });

  it('does not take a broken threshold for the failure a strategy was meant to show', () => {
    const slowLua: RunResult = {
      ...passingResult,
      ok: false,
      checks: [...passingResult.checks, { name: 'purchase.p99<1us', ok: false, expected: '< 1µs', observed: '3.2ms', detail: 'over the bound', kind: 'threshold' }],
    };
    const comparison = compareRuns([failingResult, slowLua], ['naive', 'lua'], false, COMMAND);
    expect(comparison.runs.map((run) => [run.label, run.verdict, run.asExpected])).toEqual([
      ['naive', 'failed', true],
      ['lua', 'failed', false],
    ]);
    expect(comparison.ok).toBe(false);
    expect(comparisonSummary(comparison)).toBe('1 of 2 runs did not end as expected: lua held every invariant though meant to fail (only a threshold broke); naive failed as expected');
  });

  it('matches --expect-fail by strategy, or by strategy and write mode', () => {
    expect(expectsFailure(['naive'], 'naive', 'behind')).toBe(true);
    expect(expectsFailure(['naive:sync'], 'naive', 'behind')).toBe(false);
    expect(expectsFailure(['naive:behind'], 'naive', 'behind')).toBe(true);
    expect(expectsFailure(['lock'], 'naive', 'sync')).toBe(false);
  });

  it('marks the fastest run that held every check: by throughput for a burst, never a failed one', () => {
    // naive's throughput would beat lock's, but it failed.
    const comparison = compareRuns([{ ...failingResult, throughput: 99_999 }, lockResult], ['naive'], false, COMMAND);
    expect(comparison.rankedBy).toBe('throughput');
    expect(comparison.fastest).toBe('lock');
    expect(compareRuns([failingResult], [], false, COMMAND).fastest).toBeUndefined();
  });

  it('ranks by p99 under a rate, where every run offers the same throughput', () => {
    const slowRate: RunResult = { ...rateResult, strategy: 'lock', throughput: 1999, latency: lockResult.latency };
    const comparison = compareRuns([slowRate, rateResult], [], false, COMMAND);
    expect(comparison.rankedBy).toBe('p99');
    expect(comparison.fastest).toBe('lua');
  });

  it('does not count an interrupted or inconclusive run as held', () => {
    const inconclusive: RunResult = { ...passingResult, inconclusive: 'redis: connection refused', ok: false, checks: [] };
    const comparison = compareRuns([interruptedResult, inconclusive], [], false, COMMAND);
    expect(comparison.runs.map((run) => run.verdict)).toEqual(['interrupted', 'inconclusive']);
    expect(comparison.ok).toBe(false);
    expect(comparison.fastest).toBeUndefined();
  });

  it('labels runs with their write mode when write modes are compared', () => {
    const behind: RunResult = { ...passingResult, params: { ...passingResult.params, write: 'behind' } };
    expect(compareRuns([passingResult, behind], [], true, COMMAND).runs.map((run) => run.label)).toEqual(['lua · sync', 'lua · behind']);
  });
});

describe('sideBySide', () => {
  const rows = sideBySide(compareRuns([failingResult, lockResult, passingResult], ['naive'], false, COMMAND));
  const row = (label: string) => rows.find((r) => r.label === label)?.cells;

  it('gives a cell per run for the verdict, the outcomes, throughput, latency, locks and SQL wait', () => {
    expect(row('verdict')).toEqual(['✗ failed', '✓ held', '✓ held']);
    expect(row('expected')).toEqual(['to fail ✓', 'to hold ✓', 'to hold ✓']);
    expect(row('purchased')).toEqual(['1,000', '100', '100']);
    expect(row('throughput')).toEqual(['2,427/s', '380/s', '2,427/s']);
    expect(row('purchase p99')).toEqual(['3.21ms', '2.43s', '3.21ms']);
    expect(row('locks granted')).toEqual(['0/0', '1,000/1,000', '0/0']);
    expect(row('lock tries')).toEqual(['0', '6,698', '0']);
    expect(row('SQL wait p99')).toHaveLength(3);
  });

  it('lists every check as ✓ or ✗, and – where a run had no such check', () => {
    expect(row('no-oversell')).toEqual(['✗', '✓', '✓']);
    const extra = { name: 'lock-released', ok: true, expected: 'none held', observed: 'none held', detail: 'all released' };
    const withExtra = sideBySide(compareRuns([{ ...lockResult, checks: [...lockResult.checks, extra] }, passingResult], [], false, COMMAND));
    expect(withExtra.find((r) => r.label === 'lock-released')?.cells).toEqual(['✓', '–']);
  });

  it('shows how often each fault fired (– where it was not asked for) and the steps a fence refused', () => {
    const fault = (fired: number) => [{ name: 'pause-holder', spec: 'pause-holder:holders=2,pause=3s', fired, events: [], summary: '' }];
    const fenced = { ...passingResult, strategy: 'fenced', faults: fault(2), guards: { ...passingResult.guards, staleRefused: 2 } };
    const faulted = compareRuns([{ ...failingResult, faults: fault(2) }, fenced, lockResult], [], false, COMMAND);
    const cells = (label: string) => sideBySide(faulted).find((r) => r.label === label)?.cells;
    expect(cells('pause-holder fired')).toEqual(['2×', '2×', '–']);
    expect(cells('stale steps refused')).toEqual(['0', '2', '0']);
    const report = renderComparisonReport(faulted, [{ ...failingResult, faults: fault(2) }, fenced, lockResult], { generatedAt: new Date(0), version: 'test' });
    expect(report).toContain('## Faults');
    expect(report).toMatch(/\*\*fenced\*\*\n\n- `pause-holder:holders=2,pause=3s` fired 2×: \n\nEvery holder took a fencing token/);
  });

  it('leaves out outcomes no run had, and the expected row when nothing was meant to fail', () => {
    const plain = sideBySide(compareRuns([lockResult, passingResult], [], false, COMMAND)).map((r) => r.label);
    expect(plain).not.toContain('expected');
    expect(plain).not.toContain('duplicate');
    expect(plain).toContain('errors');
  });
});

describe('comparison renderings', () => {
  const results = [failingResult, lockResult, passingResult];
  const comparison = compareRuns(results, [], false, COMMAND);

  it('prints one table with the fastest starred, the failed checks, and FAIL', () => {
    const text = formatComparison(comparison, results, { color: false });
    expect(text).toMatch(/^ticketsim compare oversell · 1,000 users · stock 100 · infra real · seed 42$/m);
    expect(text).toMatch(/^ +naive +lock +lua ★$/m);
    expect(text).toMatch(/^ {2}no-oversell +✗ +✓ +✓$/m);
    expect(text).toContain('★ fastest that held every check (highest throughput): lua (2,427/s)');
    expect(text).toContain('✗ naive · no-oversell: sold 1000 of 100: oversold by 900');
    expect(text).toMatch(/\nFAIL {2}1 of 3 runs did not end as expected: naive failed a check; lock, lua held\n/);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('ends with where the runs ran and the compare command that reproduces them', () => {
    const text = formatComparison(comparison, results, { color: false });
    expect(text).toContain('ran on: AMD EPYC 7B13 × 2 logical CPUs · 8 GiB memory');
    expect(text).toContain('versions: node v20.20.2 · ticketsim 0.1.0 · redis 7.0.15');
    expect(text).toMatch(new RegExp(`\\nreproduce: ${COMMAND.replaceAll('.', '\\.')}\\n$`));
  });

  it('says PASS when every run ended as expected', () => {
    expect(formatComparison(compareRuns(results, ['naive'], false, COMMAND), results, { color: false })).toMatch(/\nPASS {2}every run ended as expected/);
  });

  it('writes a report with grouped p50/p99 and throughput charts whose values are the runs\' own, and the checks matrix', () => {
    const report = renderComparisonReport(comparison, results, meta);
    expect(report).toContain('## Verdict: ✗ FAIL');
    expect(report).toContain('| Figure | naive | lock | **lua** ★ |');
    expect(report).toContain('    x-axis "run" ["naive", "lock", "lua"]');
    // p99 first (behind), p50 over it, in ms.
    expect(report).toContain('    bar [3.21, 2430, 3.21]\n    bar [0.41, 1290, 0.41]');
    expect(report).toContain('    bar [2427, 380, 2427]');
    expect(report).toContain('| no-oversell | ✗ | ✓ | ✓ |');
    expect(report).toContain('- ✗ naive · stock-conserved: lost updates on GET-then-SET');
    expect(report).toContain(`| lock | 01JQ7ZLOCK | \`${lockResult.command}\` |`);
  });

  it('carries the compare command that reproduces it and where it ran', () => {
    const report = renderComparisonReport(comparison, results, meta);
    expect(report).toContain(`## Reproduce\n\n\`\`\`sh\n${COMMAND}\n\`\`\``);
    expect(report).toContain('| CPU | AMD EPYC 7B13 × 2 logical CPUs |');
    expect(report).toContain('| Node.js | v20.20.2 |');
  });

  it('embeds each run\'s latency, histogram, load and SQL sections as its own report has them', () => {
    const report = renderComparisonReport(comparison, results, meta);
    const lock = report.slice(report.indexOf('### lock\n'), report.indexOf('### lua\n'));
    expect(lock).toContain('<details><summary>lock: latency, histogram, load and SQL</summary>');
    expect(lock).toContain(latencySection(lockResult));
    expect(lock).toContain(`#### Latency histogram\n\n${histogramsSection(lockResult, 5)}`);
    expect(lock).toContain(`#### Load\n\n${loadSection(lockResult)}`);
    expect(lock).toContain(`#### SQL: where the time went\n\n${sqlSection(lockResult.sql)}`);
    expect(lock).toContain('</details>');
  });
});

describe('comparison of runs 50× apart', () => {
  // lua at 18,250/s and lock at 365/s: on a linear axis lock's bar would be 2% of lua's.
  const slow: RunResult = { ...lockResult, throughput: 365 };
  const fast: RunResult = { ...passingResult, throughput: 18_250 };
  const comparison = compareRuns([slow, fast], [], false, COMMAND);

  /** The bar cells of the fenced text line of `label` after `heading`. */
  function barOf(report: string, heading: string, label: string): number {
    const block = report.slice(report.indexOf(heading)).split('```text\n')[1]!.split('```')[0]!;
    const line = block.split('\n').find((l) => l.startsWith(`${label} `))!;
    return [...line.replaceAll(/[^█▉▊▋▌▍▎▏]/g, '')].length;
  }

  it('keeps the small throughput bar readable on a log scale beside the chart', () => {
    const report = renderComparisonReport(comparison, [slow, fast], meta);
    const section = report.slice(report.indexOf('## Throughput'), report.indexOf('## Checks'));
    expect(section).toContain('    bar [365, 18250]');
    expect(section).toMatch(/```text\nlock +█+[▉▊▋▌▍▎▏]? +365\/s\nlua +█{40} 18,250\/s\n\(log scale: [\d.]+ cells for each ×10\)\n```/);
    expect(barOf(report, '## Throughput', 'lock')).toBeGreaterThanOrEqual(10);
  });

  it('keeps the small latency bars readable too', () => {
    const report = renderComparisonReport(comparison, [slow, fast], meta);
    // lua's p50 (406µs) is 3,000× below lock's (1.29s).
    expect(barOf(report, '## Latency', 'lua p50')).toBeGreaterThanOrEqual(5);
    expect(barOf(report, '## Latency', 'lock p99')).toBe(40);
  });
});

describe('sideBySide: what each run cost', () => {
  it('gives the error rate, the mean, the wall time and ticketsim\'s CPU and peak memory per run', () => {
    const erring: RunResult = { ...lockResult, counts: { ...lockResult.counts, errors: 12 }, wallMs: 3420, generator: { ...lockResult.generator, cpuUserMs: 700, cpuSystemMs: 300 } };
    const rows = sideBySide(compareRuns([erring, passingResult], [], false, COMMAND));
    const row = (label: string) => rows.find((r) => r.label === label)?.cells;
    expect(row('error rate')).toEqual(['1.2%', '0%']);
    expect(row('purchase mean')).toEqual(['797µs', '797µs']);
    expect(row('wall time (with set-up)')).toEqual(['3.42s', '1.31s']);
    expect(row('ticketsim CPU')).toEqual(['1s', '1.92s']);
    expect(row('ticketsim peak memory')).toEqual(['212 MiB', '212 MiB']);
  });
});

describe('a comparison of services over HTTP (--targets)', () => {
  const shop = (name: string): RunResult => ({
    ...passingResult,
    strategy: name,
    target: {
      name,
      baseUrl: `http://127.0.0.1:8080/${name}`,
      file: `${name}.json`,
      rules: [{ operation: 'purchase', when: 'status 200', is: 'purchased', count: 100 }],
      unknown: [{ why: 'no answer within 300 ms', count: 2 }],
    },
  });
  const results = [shop('naive-shop'), shop('lua-shop')];
  const report = renderComparisonReport(compareRuns(results, [], false, COMMAND), results, meta);

  it('names every service compared, and gives each run its answers by rule and its data, not the engine\'s SQL', () => {
    expect(report).toContain('**naive-shop** at `http://127.0.0.1:8080/naive-shop` (`naive-shop.json`), **lua-shop** at `http://127.0.0.1:8080/lua-shop` (`lua-shop.json`)');
    expect(report).toContain('<summary>lua-shop: its answers, checks, data, latency, histogram and load</summary>');
    expect(report).toContain('| purchase | status 200 | purchased | 100 |');
    expect(report).toContain('(2 × no answer within 300 ms)');
    expect(report).not.toContain('#### SQL: where the time went');
    expect(report).toContain('| ✓/✗ | Check | Expected | Observed | Detail | Read |');
  });
});

describe('a comparison held to a baseline per run', () => {
  const summary = { runId: '01JQBASE', file: 'old.json', differences: [], figures: [] };
  const regression = { kind: 'regression' as const, name: 'throughput vs baseline', ok: false, expected: '≥ -10%', observed: '500/s (-50%)', detail: '-50%, beyond the limit of -10%' };
  const slowLua: RunResult = { ...passingResult, baseline: summary, checks: [...passingResult.checks, regression], ok: false };
  const naive: RunResult = { ...failingResult, baseline: summary };
  const results = [naive, lockResult, slowLua];

  it('says which runs the file held no baseline for, and none when it is not given', () => {
    expect(compareRuns(results, ['naive'], false, COMMAND, 'old.json').baseline).toEqual({ file: 'old.json', unmatched: ['lock'] });
    expect(compareRuns(results, ['naive'], false, COMMAND).baseline).toBeUndefined();
  });

  it('fails the comparison on a regression row, which counts as a check like a threshold', () => {
    const comparison = compareRuns(results, ['naive'], false, COMMAND, 'old.json');
    expect(comparison.runs.map((run) => [run.label, run.asExpected])).toEqual([['naive', true], ['lock', true], ['lua', false]]);
    expect(sideBySide(comparison).find((row) => row.label === 'throughput vs baseline')?.cells).toEqual(['–', '–', '✗']);
    // Meant to fail, a run that broke only its baseline limit did not fail as expected.
    const onlyRegression = compareRuns([slowLua], ['lua'], false, COMMAND, 'old.json');
    expect(onlyRegression.runs[0]?.asExpected).toBe(false);
  });

  it('names the unmatched runs in the text and the report, and shows each matched run against its baseline', () => {
    const comparison = compareRuns(results, ['naive'], false, COMMAND, 'old.json');
    const text = formatComparison(comparison, results, { color: false });
    expect(text).toContain('✗ lua · throughput vs baseline: -50%, beyond the limit of -10%');
    expect(text).toContain('\nno baseline for lock in old.json (');
    const report = renderComparisonReport(comparison, results, meta);
    expect(report).toContain('No baseline for lock in old.json (');
    expect(report).toContain('<summary>lua: latency, histogram, load and SQL, against its baseline</summary>');
    expect(report).toContain('<summary>lock: latency, histogram, load and SQL</summary>');
  });
});
