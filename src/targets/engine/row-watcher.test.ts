// The row watcher of write-behind: the lag of each acknowledged row, measured once, from the time the
// row was seen: when its look returned on the run's clock, or when the row feed's look was made.
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../engine/memory/virtual-clock.js';
import type { Ledger, RowFeedRequest, SaleEvent } from '../../engine/ports.js';
import { RowWatcher } from './row-watcher.js';

/** A ledger that only answers rowsSince, from rows the test adds. */
function fakeLedger() {
  const rows: { id: number; userId: string }[] = [];
  const ledger = {
    lastRowId: async () => 0,
    rowsSince: async (_sale: string, afterId: number) => rows.filter((row) => row.id > afterId),
  } as unknown as Ledger;
  return { ledger, add: (userId: string) => rows.push({ id: rows.length + 1, userId }) };
}

const purchase = (user: string): SaleEvent => ({ type: 'purchased', sale: 's', user, id: `${user}#0` });

describe('RowWatcher', () => {
  it('measures the lag of every acknowledged row, 0 for a row visible before its ack, none for an unexplained row', async () => {
    const clock = createVirtualClock();
    const { ledger, add } = fakeLedger();
    const watcher = new RowWatcher({ ledger, clock, sale: 's' }, () => 0);
    watcher.acknowledged(purchase('a'), 0);
    await clock.sleep(30);
    add('a');
    add('b'); // the worker was quicker than the producer's ack
    add('ghost'); // no ack will ever explain it
    await watcher.poll();
    watcher.acknowledged(purchase('b'), clock.nowUs());
    expect(watcher.persisted).toBe(3);
    expect(watcher.lag().count).toBe(2);
    expect(watcher.lag().min).toBeLessThanOrEqual(1); // the histogram's floor is 1 µs
    expect(watcher.lag().max).toBeGreaterThanOrEqual(29_000);
  });

  it('counts each row once when looks overlap, as the drain\'s does with the loop\'s', async () => {
    const clock = createVirtualClock();
    const { ledger, add } = fakeLedger();
    // MySQL busy: each answer takes a while, so the second look is asked before the first returns.
    const busy = { ...ledger, rowsSince: async (sale: string, afterId: number) => clock.sleep(5).then(() => ledger.rowsSince(sale, afterId)) } as Ledger;
    const watcher = new RowWatcher({ ledger: busy, clock, sale: 's' }, () => 0);
    watcher.acknowledged(purchase('a'), 0);
    add('a');
    await Promise.all([watcher.poll(), watcher.poll()]);
    expect(watcher.persisted).toBe(1);
    expect(watcher.lag().count).toBe(1);
  });

  it('with a row feed, dates each row by the feed\'s look, and a drain\'s look and the stop go to the feed', async () => {
    const clock = createVirtualClock();
    const { ledger } = fakeLedger();
    let request: RowFeedRequest | undefined;
    const calls: string[] = [];
    const feed = async (asked: RowFeedRequest) => {
      request = asked;
      return { look: async () => void calls.push('look'), close: async () => void calls.push('close') };
    };
    const watcher = new RowWatcher({ ledger, clock, sale: 's', feed }, () => 0);
    await watcher.start();
    expect(request).toMatchObject({ sale: 's', afterId: 0 });
    watcher.acknowledged(purchase('a'), 1000);
    watcher.acknowledged(purchase('b'), 9000);
    await clock.sleep(50);
    // Seen by looks made at 5 ms and 8 ms, handed over only now: b's row was there before its ack.
    request!.seen([{ id: 1, userId: 'a' }], 5000);
    request!.seen([{ id: 2, userId: 'b' }], 8000);
    await watcher.poll();
    await watcher.stop();
    expect(calls).toEqual(['look', 'close']);
    expect(watcher.persisted).toBe(2);
    expect(watcher.lag()).toMatchObject({ count: 2, max: 4000 });
  });
});
