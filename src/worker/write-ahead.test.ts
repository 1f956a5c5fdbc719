// The worker writing ahead (--writes-in-flight above 1): with a backlog of that many chunks, chunks
// of purchases are written side by side, never more than allowed (without one, one at a time); a
// chunk with anything else waits for every write before it and holds back the ones after it; chunks are reported and committed in log order, each only once it
// and every chunk before it are written; and a batch never returns while one of its statements is
// still running. Each interleaving is made by the test finishing statements by hand.
import { describe, expect, it } from 'vitest';
import type { SaleEvent } from '../engine/ports.js';
import { heldLedger, oneBatch, settle } from './fixtures.js';

const SALE = 'concert-w';
const purchased = (i: number): SaleEvent => ({ type: 'purchased', sale: SALE, user: `user-${i}`, id: `p${i}` });
const cancelled = (i: number): SaleEvent => ({ type: 'cancelled', sale: SALE, user: `user-${i}`, id: `c${i}` });

/** A worker (chunks of 2, `writesInFlight` at once) over one batch of `events`, its statements held. */
function heldBatch(events: SaleEvent[], writesInFlight: number, behind = 0) {
  const trace: string[] = [];
  const { ledger, held, sent } = heldLedger(trace);
  const { worker, handled } = oneBatch(events, trace, () => ledger, writesInFlight, behind);
  const started = worker.start();
  // Marked handled now; the tests await it where they expect it to settle.
  started.catch(() => undefined);
  return { trace, held, sent, worker, started, handled };
}

describe('writing ahead', () => {
  it('writes chunks of purchases side by side, at most writes-in-flight, and reports and commits them in log order', async () => {
    const { trace, held, sent, worker, started } = heldBatch([0, 1, 2, 3, 4, 5].map(purchased), 2);
    await sent(2);
    await settle();
    expect(trace).toEqual(['insert user-0,user-1', 'insert user-2,user-3']);
    // The second chunk is written first: nothing is reported or committed before the first is.
    held[1]!.finish();
    await settle();
    expect(trace).toHaveLength(2);
    held[0]!.finish();
    await sent(3);
    await settle();
    expect(trace).toEqual([
      'insert user-0,user-1',
      'insert user-2,user-3',
      'reported 2',
      'commit 1',
      // Room for the third chunk at once; the second is folded after, in order.
      'insert user-4,user-5',
      'reported 4',
      'commit 3',
    ]);
    held[2]!.finish();
    await started;
    expect(trace.slice(7)).toEqual(['reported 6', 'commit 5']);
    expect(await worker.stop()).toMatchObject({ delivered: 6, inserted: 6, statements: 3, commits: 3 });
  });

  it('writes ahead only with a backlog of writes-in-flight chunks, counting the records not yet fetched', async () => {
    const alone = heldBatch([0, 1, 2, 3].map(purchased), 4);
    await alone.sent(1);
    await settle();
    expect(alone.trace).toEqual(['insert user-0,user-1']);
    alone.held[0]!.finish();
    await alone.sent(2);
    alone.held[1]!.finish();
    await alone.started;
    const behind = heldBatch([0, 1, 2, 3].map(purchased), 4, 4);
    await behind.sent(2);
    expect(behind.trace).toEqual(['insert user-0,user-1', 'insert user-2,user-3']);
    behind.held.forEach((statement) => statement.finish());
    await behind.started;
  });

  it('writes a chunk with a cancel only after every chunk before it, and the chunks after it only after it', async () => {
    const { trace, held, sent, started } = heldBatch([purchased(0), purchased(1), purchased(2), cancelled(0), purchased(3), purchased(4)], 4, 2);
    await sent(1);
    await settle();
    expect(trace).toEqual(['insert user-0,user-1']);
    held[0]!.finish();
    await sent(2);
    await settle();
    expect(trace.slice(1)).toEqual(['reported 2', 'commit 1', 'insert user-2']);
    held[1]!.finish();
    await sent(3);
    await settle();
    expect(trace.slice(4)).toEqual(['delete user-0']);
    held[2]!.finish();
    await sent(4);
    await settle();
    expect(trace.slice(5)).toEqual(['reported 4', 'commit 3', 'insert user-3,user-4']);
    held[3]!.finish();
    await started;
    expect(trace.slice(8)).toEqual(['reported 6', 'commit 5']);
  });

  it('returns only once none of its statements is running, even after one failed, and commits nothing after the failure', async () => {
    const { trace, held, sent, started } = heldBatch([0, 1, 2, 3].map(purchased), 2);
    await sent(2);
    let settled = false;
    void started.catch(() => (settled = true));
    held[0]!.fail(new Error('MySQL went away'));
    await settle();
    expect(settled).toBe(false);
    held[1]!.finish();
    await expect(started).rejects.toThrow('MySQL went away');
    expect(trace).toEqual(['insert user-0,user-1', 'insert user-2,user-3']);
  });

  it('crashing with chunks in flight: each one written whole still counts, none is committed', async () => {
    const { trace, held, sent, worker, handled } = heldBatch([0, 1, 2, 3, 4, 5].map(purchased), 2);
    await sent(2);
    const crashed = worker.crash();
    held[0]!.finish();
    held[1]!.finish();
    await handled();
    expect(await crashed).toMatchObject({ delivered: 4, inserted: 4, commits: 0 });
    expect(trace).toEqual(['insert user-0,user-1', 'insert user-2,user-3', 'reported 2', 'reported 4']);
  });
});
