// The offset committer: one commit out at a time and at most one per interval, the offsets handed
// over meanwhile sent together as the newest (the rest at the flush), and the first failure
// stopping every later commit and surfacing to the worker.
import { describe, expect, it } from 'vitest';
import { createOffsetCommitter } from './offset-committer.js';
import { settle } from './fixtures.js';

/** A committer whose requests each wait until the test finishes or fails them, on a clock the test sets. */
function held(everyMs = 0) {
  const sent: { offset: string; finish(): void; fail(error: Error): void }[] = [];
  let committed = 0;
  const clock = { ms: 0 };
  const committer = createOffsetCommitter(
    (offset) => new Promise<void>((resolve, reject) => sent.push({ offset, finish: resolve, fail: reject })),
    () => committed++,
    everyMs,
    () => clock.ms,
  );
  return { committer, sent, committed: () => committed, clock };
}

describe('createOffsetCommitter', () => {
  it('sends one commit at a time; offsets handed over meanwhile go together, as the newest', async () => {
    const { committer, sent, committed } = held();
    committer.commit('1');
    committer.commit('3');
    committer.commit('5');
    await settle();
    expect(sent.map(({ offset }) => offset)).toEqual(['1']);
    sent[0]!.finish();
    await settle();
    expect(sent.map(({ offset }) => offset)).toEqual(['1', '5']);
    const flushed = committer.flush();
    sent[1]!.finish();
    await flushed;
    expect(committed()).toBe(2);
  });

  it('sends at most one commit per interval; what is handed over sooner waits for the next due one or the flush', async () => {
    const { committer, sent, clock } = held(50);
    committer.commit('1');
    sent[0]!.finish();
    clock.ms = 30;
    committer.commit('3');
    await settle();
    expect(sent.map(({ offset }) => offset)).toEqual(['1']);
    clock.ms = 60;
    committer.commit('5');
    sent[1]!.finish();
    clock.ms = 70;
    committer.commit('7');
    await settle();
    expect(sent.map(({ offset }) => offset)).toEqual(['1', '5']);
    const flushed = committer.flush();
    await settle();
    sent[2]!.finish();
    await flushed;
    expect(sent.map(({ offset }) => offset)).toEqual(['1', '5', '7']);
  });

  it('stops at the first failure: nothing later is sent, and the worker hears of it', async () => {
    const { committer, sent, committed } = held();
    committer.commit('1');
    committer.commit('3');
    sent[0]!.fail(new Error('rebalancing'));
    await settle();
    expect(() => committer.throwIfFailed()).toThrow('rebalancing');
    committer.commit('5');
    await expect(committer.flush()).rejects.toThrow('rebalancing');
    expect(sent.map(({ offset }) => offset)).toEqual(['1']);
    expect(committed()).toBe(0);
  });

  it('flushes at once when nothing was handed over', async () => {
    const { committer, sent } = held();
    await committer.flush();
    expect(sent).toEqual([]);
  });
});
