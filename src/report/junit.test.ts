import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckResult, Comparison, RunResult, SelftestRow } from '../result.js';
import { compareRuns } from './compare.js';
import { failingResult, passingResult } from './fixtures.js';
import { renderComparisonJunit, renderRunJunit, renderSelftestJunit } from './junit.js';

const META = { hostname: 'ci-box' };

interface Case {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '#text'?: string };
  skipped?: { '@_message': string };
  error?: { '@_message': string; '@_type': string };
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_time': string;
  properties: { property: { '@_name': string; '@_value': string }[] };
  testcase: Case[];
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name), cdataPropName: false });

function parse(xml: string): { testsuite?: Suite[]; testsuites?: { testsuite: Suite[] } } {
  return parser.parse(xml) as never;
}

function property(suite: Suite, name: string): string | undefined {
  return suite.properties.property.find((p) => p['@_name'] === name)?.['@_value'];
}

const skippedCheck: CheckResult = { name: 'redis-matches-mysql', ok: false, expected: 'index = records', observed: '–', detail: '–', skipped: 'the service keeps no buyer index' };

describe('renderRunJunit', () => {
  it('makes each check a test case and each failed check a failure with its detail, expected and observed', () => {
    const [suite] = parse(renderRunJunit(failingResult, META)).testsuite!;
    expect(suite!['@_name']).toBe('ticketsim oversell · naive');
    expect(suite!.testcase.map((c) => c['@_name'])).toEqual(failingResult.checks.map((check) => check.name));
    expect(suite!['@_tests']).toBe(String(failingResult.checks.length));
    expect(suite!['@_failures']).toBe('2');
    const oversell = suite!.testcase.find((c) => c['@_name'] === 'no-oversell')!;
    expect(oversell['@_classname']).toBe('ticketsim.oversell.naive');
    expect(oversell.failure?.['@_message']).toBe('sold 1000 of 100: oversold by 900');
    expect(oversell.failure?.['#text']).toContain('expected: ≤ 100 sold');
    expect(oversell.failure?.['#text']).toContain('observed: 1000 sold');
    expect(suite!.testcase.find((c) => c['@_name'] === 'one-per-user')!.failure).toBeUndefined();
  });

  it('gives the run parameters as properties and the wall time as the suite time', () => {
    const [suite] = parse(renderRunJunit(passingResult, META)).testsuite!;
    expect(property(suite!, 'scenario')).toBe('oversell');
    expect(property(suite!, 'strategy')).toBe('lua');
    expect(property(suite!, 'users')).toBe('1000');
    expect(property(suite!, 'stock')).toBe('100');
    expect(property(suite!, 'infra')).toBe('real');
    expect(property(suite!, 'runId')).toBe(passingResult.runId);
    expect(property(suite!, 'seed')).toBe('42');
    expect(property(suite!, 'reproduce')).toBe(passingResult.command);
    expect(Number(suite!['@_time'])).toBeCloseTo(passingResult.wallMs / 1000);
    expect(suite!['@_failures']).toBe('0');
  });

  it('skips a skipped check with its reason, never passes it', () => {
    const [suite] = parse(renderRunJunit({ ...passingResult, checks: [...passingResult.checks, skippedCheck] }, META)).testsuite!;
    const skipped = suite!.testcase.find((c) => c['@_name'] === 'redis-matches-mysql')!;
    expect(skipped.skipped?.['@_message']).toBe('the service keeps no buyer index');
    expect(skipped.failure).toBeUndefined();
  });

  it('makes a check of any kind a test case, its kind in the class name', () => {
    const threshold = { name: 'purchase.p99<1us', ok: false, expected: '< 1µs', observed: '3.2ms', detail: 'purchase p99 3.2ms, limit 1µs', kind: 'threshold' as const };
    const [suite] = parse(renderRunJunit({ ...passingResult, checks: [...passingResult.checks, threshold] }, META)).testsuite!;
    const found = suite!.testcase.find((c) => c['@_name'] === 'purchase.p99<1us')!;
    expect(found['@_classname']).toBe('ticketsim.oversell.lua.threshold');
    expect(found.failure?.['@_message']).toBe('purchase p99 3.2ms, limit 1µs');
    const regression = { ...threshold, name: 'purchase.p99 vs baseline', kind: 'regression' as const, detail: '+28%, beyond the limit of +20%' };
    const [withBaseline] = parse(renderRunJunit({ ...passingResult, checks: [...passingResult.checks, regression] }, META)).testsuite!;
    const limit = withBaseline!.testcase.find((c) => c['@_name'] === 'purchase.p99 vs baseline')!;
    expect(limit['@_classname']).toBe('ticketsim.oversell.lua.regression');
    expect(limit.failure?.['@_message']).toBe('+28%, beyond the limit of +20%');
  });

  it('makes an inconclusive or stopped run an error case', () => {
    const inconclusive: RunResult = { ...passingResult, checks: [], ok: false, inconclusive: 'redis at 127.0.0.1:6379 went away' };
    const [suite] = parse(renderRunJunit(inconclusive, META)).testsuite!;
    expect(suite!['@_errors']).toBe('1');
    expect(suite!.testcase[0]!.error?.['@_message']).toContain('redis at 127.0.0.1:6379 went away');
    const [stopped] = parse(renderRunJunit({ ...passingResult, interrupted: true }, META)).testsuite!;
    expect(stopped!.testcase.at(-1)!.error?.['@_type']).toBe('interrupted');
  });
});

describe('renderComparisonJunit', () => {
  const results = [failingResult, passingResult];
  const comparison: Comparison = compareRuns(results, ['naive'], false, 'ticketsim compare oversell --strategies naive,lua --expect-fail naive');

  it('makes one suite per run; an expected failure stays a failure, said in the suite and the message', () => {
    const { testsuites } = parse(renderComparisonJunit(comparison, results, META));
    const [naive, lua] = testsuites!.testsuite;
    expect(naive!['@_name']).toBe('ticketsim oversell · naive');
    expect(property(naive!, 'expected-to-fail')).toBe('true');
    const oversell = naive!.testcase.find((c) => c['@_name'] === 'no-oversell')!;
    expect(oversell.failure?.['@_message']).toMatch(/oversold by 900 \(this run was expected to fail: --expect-fail\)$/);
    expect(naive!.testcase.find((c) => c['@_name'] === 'expected-to-fail')!.failure).toBeUndefined();
    expect(property(lua!, 'expected-to-fail')).toBeUndefined();
    expect(lua!['@_failures']).toBe('0');
  });

  it('fails the expected-to-fail case of a run that held though listed in --expect-fail', () => {
    const held = compareRuns([passingResult], ['lua'], false, 'c');
    const [suite] = parse(renderComparisonJunit(held, [passingResult], META)).testsuites!.testsuite;
    expect(suite!.testcase.find((c) => c['@_name'] === 'expected-to-fail')!.failure?.['@_message']).toMatch(/none failed/);
  });
});

describe('renderSelftestJunit', () => {
  const row = (ok: boolean): SelftestRow => ({
    anomaly: 'naive read-then-write oversells',
    run: 'oversell · naive',
    infra: 'memory',
    expected: 'caught by no-oversell',
    outcome: ok ? 'caught by no-oversell' : 'every check held',
    ok,
    runId: 'r1',
    durationMs: 150,
    wallMs: 40,
  });

  it('makes each row a test case and a row that did not end as the matrix says a failure', () => {
    const xml = renderSelftestJunit({ ok: false, rows: [row(true), row(false)] }, { startedAt: '2025-03-14T09:26:53Z', seed: 1, planned: 3 }, META);
    const [suite] = parse(xml).testsuite!;
    expect(suite!.testcase).toHaveLength(3);
    expect(suite!.testcase[0]!['@_classname']).toBe('ticketsim.selftest.oversell.naive');
    expect(suite!.testcase[0]!.failure).toBeUndefined();
    expect(suite!.testcase[1]!.failure?.['@_message']).toBe('expected caught by no-oversell; every check held');
    expect(suite!.testcase[2]!.error?.['@_message']).toMatch(/1 of 3 rows not run/);
  });
});
