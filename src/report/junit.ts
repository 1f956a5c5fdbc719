// `--junit FILE`: a run, a comparison or the selftest as JUnit XML for CI test viewers, valid under
// the common JUnit schema (test/fixtures/junit/JUnit.xsd). Pure functions of the results.
import type { Comparison, RunResult, SelftestResult } from '../result.js';
import { renderSuite, renderSuites } from './junit/junit-xml.js';
import type { JunitMeta } from './junit/junit-xml.js';
import { runSuite } from './junit/run-suite.js';
import { selftestSuite } from './junit/selftest-suite.js';
import type { SelftestContext } from './junit/selftest-suite.js';

export type { JunitMeta } from './junit/junit-xml.js';
export type { SelftestContext } from './junit/selftest-suite.js';

/** One run: a <testsuite> of its checks. */
export function renderRunJunit(result: RunResult, meta: JunitMeta): string {
  return renderSuite(runSuite(result), meta);
}

/**
 * A comparison: <testsuites>, one <testsuite> per run. A run listed in --expect-fail keeps its
 * failed checks as failures (that is what happened); its suite has the property
 * `expected-to-fail=true`, each failure's message says so, and an `expected-to-fail` case fails
 * when, against expectation, every check held.
 */
export function renderComparisonJunit(comparison: Comparison, results: readonly RunResult[], meta: JunitMeta): string {
  const suites = results.map((result, i) => {
    const run = comparison.runs[i];
    return runSuite(result, { label: run?.label ?? result.strategy, expectedToFail: run?.expectedToFail ?? false });
  });
  return renderSuites(suites, meta);
}

/** The selftest: a <testsuite> with one case per row of the matrix. */
export function renderSelftestJunit(result: SelftestResult, context: SelftestContext, meta: JunitMeta): string {
  return renderSuite(selftestSuite(result, context), meta);
}
