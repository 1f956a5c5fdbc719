// The --junit output of run, compare and selftest validated against the common JUnit schema
// (Windy Road's JUnit.xsd, vendored in test/fixtures/junit/), and a planted invalid document
// to show the validator does fail.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import type { CheckResult, RunResult } from '../../result.js';
import { compareRuns } from '../compare.js';
import { failingResult, passingResult } from '../fixtures.js';
import { renderComparisonJunit, renderRunJunit, renderSelftestJunit } from '../junit.js';

const SCHEMA = { fileName: 'JUnit.xsd', contents: readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/junit/JUnit.xsd'), 'utf8') };
const META = { hostname: 'ci-box' };

/** The schema's errors for `xml`, one line each; none when it is valid. */
async function schemaErrors(xml: string): Promise<string[]> {
  const { valid, errors } = await validateXML({ xml: { fileName: 'junit.xml', contents: xml }, schema: SCHEMA });
  return valid ? [] : errors.map((error) => error.rawMessage);
}

const skipped: CheckResult = { name: 'redis-matches-mysql', ok: false, expected: 'index', observed: '–', detail: '–', skipped: 'no buyer index <kept>' };
const threshold = { name: 'purchase.p99<1us', ok: false, expected: '< 1µs', observed: '3.2ms', detail: 'too slow', kind: 'threshold' as const };

describe('--junit output under the JUnit schema', () => {
  it('is valid for a run: passed, failed, skipped and threshold checks', async () => {
    const result: RunResult = { ...failingResult, checks: [...failingResult.checks, skipped, threshold] };
    expect(await schemaErrors(renderRunJunit(result, META))).toEqual([]);
  });

  it('is valid for a run that proved nothing, and for one stopped', async () => {
    expect(await schemaErrors(renderRunJunit({ ...passingResult, checks: [], ok: false, inconclusive: 'mysql went away' }, META))).toEqual([]);
    expect(await schemaErrors(renderRunJunit({ ...passingResult, interrupted: true }, META))).toEqual([]);
  });

  it('is valid for a comparison with a run expected to fail', async () => {
    const results = [failingResult, passingResult];
    const comparison = compareRuns(results, ['naive'], false, 'ticketsim compare oversell --strategies naive,lua --expect-fail naive');
    expect(await schemaErrors(renderComparisonJunit(comparison, results, META))).toEqual([]);
  });

  it('is valid for the selftest, a failed row and a stopped matrix included', async () => {
    const row = { anomaly: 'naive oversells', run: 'oversell · naive', infra: 'memory' as const, expected: 'caught by no-oversell', outcome: 'every check held', runId: 'r', durationMs: 1, wallMs: 2 };
    const xml = renderSelftestJunit({ ok: false, rows: [{ ...row, ok: true }, { ...row, ok: false }] }, { startedAt: '2025-03-14T09:26:53Z', seed: 1, planned: 3 }, META);
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it('fails a document the schema does not allow', async () => {
    const planted = renderRunJunit(passingResult, META).replace(/ hostname="[^"]*"/, '');
    expect(await schemaErrors(planted)).toEqual([expect.stringContaining("The attribute 'hostname' is required but missing")]);
  });
});
