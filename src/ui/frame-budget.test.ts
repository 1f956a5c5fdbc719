// Tests of the dashboard's height budget: the histogram shrinks while a run goes; at the end the
// checks and verdict get the room first, and the rest gives way in order.
import { describe, expect, it } from 'vitest';
import { fitFrame, type Extra } from './frame-budget.js';

const extras = (counts: Partial<Record<Extra, number>> = {}): Record<Extra, number> => ({ others: 0, sql: 0, recent: 0, behind: 0, faults: 0, ...counts });

describe('fitFrame', () => {
  it('gives the histogram what is left, at most 10 rows, and none below 2', () => {
    expect(fitFrame(22, { tail: 1, extras: extras(), final: false })).toEqual({ keep: new Set(), rows: 10, gaps: true });
    expect(fitFrame(14, { tail: 1, extras: extras({ sql: 1 }), final: false }).rows).toBe(2);
    expect(fitFrame(13, { tail: 1, extras: extras({ sql: 1 }), final: false }).rows).toBe(0);
  });

  it('keeps every extra line while a run goes, even when the histogram has no room', () => {
    const fit = fitFrame(12, { tail: 1, extras: extras({ others: 2, sql: 1, recent: 1 }), final: false });
    expect([...fit.keep].sort()).toEqual(['others', 'recent', 'sql']);
    expect(fit).toMatchObject({ rows: 0, gaps: true });
  });

  it('in the final frame, drops the recent seconds, then sql, then the other operations, for the checks', () => {
    const parts = { extras: extras({ others: 2, sql: 1, recent: 1, faults: 1 }), final: true };
    // 6 fixed + 3 gaps + 5 extras = 14: a tail of 8 fits 22 with nothing dropped.
    expect([...fitFrame(22, { ...parts, tail: 8 }).keep].sort()).toEqual(['faults', 'others', 'recent', 'sql']);
    expect([...fitFrame(22, { ...parts, tail: 9 }).keep].sort()).toEqual(['faults', 'others', 'sql']);
    expect([...fitFrame(22, { ...parts, tail: 11 }).keep].sort()).toEqual(['faults']);
    expect(fitFrame(22, { ...parts, tail: 13 })).toEqual({ keep: new Set(), rows: 0, gaps: true });
  });

  it('then drops the blank lines between sections, and leaves the rest to scroll away', () => {
    expect(fitFrame(22, { tail: 14, extras: extras({ sql: 1 }), final: true })).toEqual({ keep: new Set(), rows: 0, gaps: false });
    expect(fitFrame(22, { tail: 20, extras: extras(), final: true }).gaps).toBe(false);
  });
});
