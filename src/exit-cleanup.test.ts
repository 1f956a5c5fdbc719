// The undo registry a quit-at-once runs: every registered undo runs once, at the same time; one
// that fails or outlasts the bound is named with why; one unregistered (undone the normal way) is
// not run again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pendingUndos, undoAllBeforeExit, undoOnExit } from './exit-cleanup.js';

afterEach(async () => {
  vi.useRealTimers();
  await undoAllBeforeExit(0);
});

describe('undoAllBeforeExit', () => {
  it('runs every registered undo once and reports nothing left when all succeed', async () => {
    const done: string[] = [];
    undoOnExit({ what: 'stop the workers', undo: async () => void done.push('workers') });
    undoOnExit({ what: 'delete the topic', undo: async () => void done.push('topic') });
    expect(pendingUndos()).toEqual(['stop the workers', 'delete the topic']);

    expect(await undoAllBeforeExit(1000)).toEqual([]);
    expect(done.sort()).toEqual(['topic', 'workers']);
    expect(pendingUndos()).toEqual([]);
    expect(await undoAllBeforeExit(1000)).toEqual([]);
    expect(done).toHaveLength(2);
  });

  it('does not run an undo that was unregistered', async () => {
    const undo = vi.fn(async () => undefined);
    const forget = undoOnExit({ what: 'delete the topic', undo });
    forget();
    expect(await undoAllBeforeExit(1000)).toEqual([]);
    expect(undo).not.toHaveBeenCalled();
  });

  it('names an undo that failed, with the reason, and still runs the others', async () => {
    const other = vi.fn(async () => undefined);
    undoOnExit({ what: 'delete topic t', undo: async () => Promise.reject(new Error('broker away')) });
    undoOnExit({ what: 'stop the workers', undo: other });
    expect(await undoAllBeforeExit(1000)).toEqual(['delete topic t (broker away)']);
    expect(other).toHaveBeenCalledOnce();
  });

  it('gives up on an undo that outlasts the bound, naming it', async () => {
    vi.useFakeTimers();
    undoOnExit({ what: 'start kafka again', undo: () => new Promise<void>(() => undefined) });
    undoOnExit({ what: 'stop the workers', undo: async () => undefined });
    const left = undoAllBeforeExit(10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await left).toEqual(['start kafka again (still under way after 10 s)']);
  });
});
