// Tests of the selftest's text: each row's time says whether it was simulated (in process, on the
// virtual clock) or wall-clock (the real services), in the row line and in the matrix.
import { describe, expect, it } from 'vitest';
import type { SelftestRow } from '../result.js';
import { formatMatrix, formatRowLine } from './selftest.js';

/** A row whose run spent `durationMs` in bursts, and ten times as long from start to verdict. */
const row = (infra: SelftestRow['infra'], durationMs: number): SelftestRow => ({
  anomaly: 'naive read-then-write oversells',
  run: 'oversell · naive',
  infra,
  expected: 'caught by no-oversell',
  outcome: 'caught by no-oversell (also exact-sell-out)',
  ok: true,
  runId: '01JQ7Z9XQ4',
  durationMs,
  wallMs: durationMs * 10,
});

describe('selftest text', () => {
  it('says an in-process time is simulated and a real one wall-clock, as each row finishes', () => {
    expect(formatRowLine(row('memory', 10_300), 0, 13, false)).toBe(
      '[1/13] ✓ naive read-then-write oversells: caught by no-oversell (also exact-sell-out) (memory, 10.3s simulated)',
    );
    // A real row's time is its whole run: set-up, drains and faults too.
    expect(formatRowLine(row('real', 214), 0, 13, false)).toMatch(/\(real, 2\.1s wall-clock\)$/);
  });

  it('gives the matrix a time column saying the same', () => {
    const matrix = formatMatrix({ ok: true, rows: [row('memory', 10_300), row('real', 41.2)] }, false).split('\n');
    expect(matrix[0]).toMatch(/^ {3}planted anomaly \/ correct strategy\s+run\s+time\s+expected\s+outcome$/);
    expect(matrix[1]).toMatch(/oversell · naive \(memory\)\s+10\.3s simulated\s+caught by no-oversell/);
    expect(matrix[2]).toMatch(/oversell · naive \(real\)\s+412ms wall-clock\s+caught by no-oversell/);
  });
});
