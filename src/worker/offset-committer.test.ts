// The offset committer: one commit out at a time, the offsets handed over meanwhile sent together as
// the newest, and the first failure stopping every later commit and surfacing to the worker.
import { describe, expect, it } from 'vitest';
import { createOffsetCommitter } from './offset-committer.js';
import { settle } from './fixtures.js';

/** A committer whose requests each wait until the test finishes or fails them. */
function held() {
  const sent: { offset: string; finish(): void; fail(error: Error): void }[] = [];
  let committed = 0;
  const committer = createOffsetCommitter(
    (offset) => new Promise<void>((resolve, reject) => sent.push({ offset, finish: resolve, fail: reject })),
    () => committed++,
  );
  return { committer, sent, committed: () => committed };
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
