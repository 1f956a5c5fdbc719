// The selftest's detection matrix as one JUnit test suite: each row (a planted anomaly, or a correct
// strategy) a test case, a row that did not end as the matrix says a failure, and a matrix stopped
// before its last row an error case. A pure function of the SelftestResult.
import type { SelftestResult, SelftestRow } from '../../result.js';
import type { JunitCase, JunitSuite } from './junit-xml.js';

/** What the suite says beyond the rows: when the matrix began, its seed, and how many rows it has. */
export interface SelftestContext {
  startedAt: string;
  seed: number;
  /** Rows in the matrix; fewer results than this means it was stopped. */
  planned: number;
}

/** The matrix as a suite named `ticketsim selftest`. */
export function selftestSuite(result: SelftestResult, context: SelftestContext): JunitSuite {
  const cases = result.rows.map(rowCase);
  const missing = context.planned - result.rows.length;
  if (missing > 0) {
    const message = `stopped before the end: ${missing} of ${context.planned} rows not run`;
    cases.push({ classname: 'ticketsim.selftest', name: 'selftest-completed', seconds: 0, outcome: { kind: 'error', type: 'interrupted', message } });
  }
  const infras = [...new Set(result.rows.map((row) => row.infra))];
  return {
    name: 'ticketsim selftest',
    startedAt: context.startedAt,
    seconds: result.rows.reduce((sum, row) => sum + row.wallMs, 0) / 1000,
    properties: [
      ['infra', infras.join(', ') || 'none'],
      ['seed', String(context.seed)],
      ['rows', String(context.planned)],
    ],
    cases,
  };
}

/** `ticketsim.selftest.oversell.lock.pause-holder` › `a lock holder stalled past its TTL oversells`. */
function rowCase(row: SelftestRow): JunitCase {
  const classname = ['ticketsim', 'selftest', ...row.run.split(' · ')].map((part) => part.replaceAll(/[^A-Za-z0-9_-]+/g, '_')).join('.');
  const body = [`run: ${row.run} (${row.infra}), runId ${row.runId}`, `expected: ${row.expected}`, `outcome: ${row.outcome}`].join('\n');
  return {
    classname,
    name: row.anomaly,
    seconds: row.wallMs / 1000,
    outcome: row.ok ? { kind: 'passed' } : { kind: 'failure', type: 'selftest', message: `expected ${row.expected}; ${row.outcome}`, body },
  };
}
