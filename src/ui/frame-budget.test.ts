// Tests of the dashboard's height budget: the histogram shrinks while a run goes; at the end the
// checks and verdict get the room first, and the rest gives way in order.
import { describe, expect, it } from 'vitest';
import { fitFrame, type Extra, type Part } from './frame-budget.js';

const extras = (counts: Partial<Record<Extra, number>> = {}): Record<Extra, number> => ({ others: 0, sql: 0, recent: 0, behind: 0, faults: 0, baseline: 0, ...counts });
const TOP: Part[] = ['counters', 'gaps', 'latency', 'params', 'progress', 'title'];
const kept = (fit: { keep: ReadonlySet<Part> }): Part[] => [...fit.keep].sort();

describe('fitFrame', () => {
  it('gives the histogram what is left, at most 10 rows, and none below 2', () => {
    expect(fitFrame(22, { tail: 1, extras: extras(), final: false })).toEqual({ keep: new Set(TOP), rows: 10, lines: 21 });
    expect(fitFrame(14, { tail: 1, extras: extras({ sql: 1 }), final: false }).rows).toBe(2);
    expect(fitFrame(13, { tail: 1, extras: extras({ sql: 1 }), final: false }).rows).toBe(0);
  });

  it('keeps every part while a run goes, even when the histogram has no room', () => {
    const fit = fitFrame(12, { tail: 1, extras: extras({ others: 2, sql: 1, recent: 1 }), final: false });
    expect(kept(fit)).toEqual([...TOP, 'others', 'recent', 'sql'].sort());
    expect(fit.rows).toBe(0);
  });

  it('in the final frame, drops the recent seconds, then sql, then the other operations, for the checks', () => {
    const parts = { extras: extras({ others: 2, sql: 1, recent: 1, faults: 1 }), final: true };
    // 9 lines always + 5 extras = 14: a tail of 8 fits 22 with nothing dropped.
    expect(kept(fitFrame(22, { ...parts, tail: 8 }))).toEqual([...TOP, 'faults', 'others', 'recent', 'sql'].sort());
    expect(kept(fitFrame(22, { ...parts, tail: 9 }))).toEqual([...TOP, 'faults', 'others', 'sql'].sort());
    expect(kept(fitFrame(22, { ...parts, tail: 11 }))).toEqual([...TOP, 'faults'].sort());
    expect(fitFrame(22, { ...parts, tail: 13 })).toEqual({ keep: new Set(TOP), rows: 0, lines: 22 });
  });

  it('then the blank lines, then the top of the frame, keeping the title and the progress longest', () => {
    expect(kept(fitFrame(22, { tail: 14, extras: extras({ sql: 1 }), final: true }))).toEqual(['counters', 'latency', 'params', 'progress', 'title']);
    expect(kept(fitFrame(22, { tail: 17, extras: extras(), final: true }))).toEqual(['counters', 'params', 'progress', 'title']);
    expect(kept(fitFrame(22, { tail: 18, extras: extras(), final: true }))).toEqual(['counters', 'progress', 'title']);
    expect(kept(fitFrame(22, { tail: 20, extras: extras(), final: true }))).toEqual(['progress', 'title']);
    expect(kept(fitFrame(22, { tail: 21, extras: extras(), final: true }))).toEqual(['title']);
    expect(fitFrame(22, { tail: 30, extras: extras(), final: true })).toEqual({ keep: new Set(), rows: 0, lines: 30 });
  });
});
