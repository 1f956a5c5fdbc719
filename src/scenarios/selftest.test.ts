import { describe, expect, it } from 'vitest';
import { failingResult, passingResult } from '../report/fixtures.js';
import type { RunResult } from '../result.js';
import { MATRIX, judgeRow, rowConfig } from './selftest.js';
import type { MatrixRow } from './selftest.js';

const anomaly: MatrixRow = { anomaly: 'naive oversells', flags: { scenario: 'oversell', strategy: 'naive' }, caughtBy: ['no-oversell'] };
const correct: MatrixRow = { anomaly: 'lua holds', flags: { scenario: 'oversell', strategy: 'lua' } };
const failedOnly = (names: string[]): RunResult => ({
  ...passingResult,
  ok: names.length === 0,
  checks: passingResult.checks.map((check) => ({ ...check, ok: !names.includes(check.name) })),
});

describe('judgeRow', () => {
  it('passes an anomaly caught by the check named for it, naming the others that also failed', () => {
    expect(judgeRow(anomaly, failedOnly(['no-oversell', 'stock-conserved']))).toMatchObject({ ok: true, outcome: 'caught by no-oversell (also stock-conserved)' });
  });

  it('fails an anomaly nobody caught, or one only another check caught', () => {
    expect(judgeRow(anomaly, passingResult)).toMatchObject({ ok: false, outcome: 'NOT CAUGHT: every check held' });
    expect(judgeRow(anomaly, failedOnly(['stock-conserved']))).toMatchObject({ ok: false, outcome: 'not caught by it (failed stock-conserved)' });
  });

  it('passes a correct strategy only when every check held', () => {
    expect(judgeRow(correct, passingResult)).toMatchObject({ ok: true, expected: 'every check holds' });
    expect(judgeRow(correct, failingResult)).toMatchObject({ ok: false });
  });

  it('fails an inconclusive run whatever it expected', () => {
    const inconclusive = { ...passingResult, inconclusive: 'redis went away' };
    expect(judgeRow(correct, inconclusive)).toMatchObject({ ok: false, outcome: 'inconclusive: redis went away' });
    expect(judgeRow(anomaly, { ...failedOnly(['no-oversell']), inconclusive: 'x' })).toMatchObject({ ok: false });
  });

  it('fails a row whose fault never fired: it proves nothing', () => {
    const quiet = { ...passingResult, faults: [{ name: 'pause-holder', spec: 'pause-holder:holders=2,pause=3s', fired: 0, events: [], summary: '' }] };
    expect(judgeRow({ ...correct, flags: { ...correct.flags, fault: ['pause-holder'] } }, quiet)).toMatchObject({
      ok: false,
      outcome: 'pause-holder never fired: the run proves nothing (every check held)',
    });
  });
});

describe('MATRIX', () => {
  it('is a valid config for every row, with its plants', () => {
    for (const row of MATRIX) {
      const config = rowConfig(row, { infra: 'memory' }, {});
      expect(config.run.plants).toEqual(row.plants ?? []);
    }
  });

  it('plants every anomaly the selftest names and proves the correct strategies under the same faults', () => {
    const caught = MATRIX.flatMap((row) => row.caughtBy ?? []);
    for (const check of ['no-oversell', 'conservation', 'no-over-stocking', 'no-double-buyer', 'no-lost-write']) expect(caught).toContain(check);
    const faultsOfAnomalies = new Set(MATRIX.filter((row) => row.caughtBy).flatMap((row) => row.flags.fault ?? []));
    const faultsOfCorrect = new Set(MATRIX.filter((row) => !row.caughtBy).flatMap((row) => row.flags.fault ?? []));
    for (const fault of faultsOfAnomalies) expect(faultsOfCorrect).toContain(fault);
  });
});
