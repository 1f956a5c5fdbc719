// The detection matrix in process, in the unit run (seconds): every planted anomaly is caught by
// the check named for it and every correct strategy holds under the same faults. The same matrix
// runs on the real services in CI (`ticketsim selftest --infra real`).
import { describe, expect, it } from 'vitest';
import { workerLauncher } from '../src/cli/workers.js';
import { MATRIX, judgeRow, rowConfig } from '../src/scenarios/selftest.js';
import { startRun } from '../src/runner/run.js';

describe('the detection matrix, in process', () => {
  it.each(MATRIX.map((row) => [row.anomaly, row] as const))('%s', async (_, row) => {
    const config = rowConfig(row, { infra: 'memory' }, {});
    const result = await startRun(config, workerLauncher(config.services)).result;
    const verdict = judgeRow(row, result);
    expect(verdict.outcome).toMatch(row.caughtBy === undefined ? /^all \d+ checks held$/ : /^caught by /);
    expect(verdict.ok).toBe(true);
  });
});
