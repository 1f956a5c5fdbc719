// A chunk: decoded in log order, with what is malformed and why, whether it holds purchases only
// (and so may be written beside other such chunks), and its runs of one type and one sale.
import { describe, expect, it } from 'vitest';
import { encodeEvent } from '../engine/events.js';
import type { SaleEvent } from '../engine/ports.js';
import { decodeChunk, runsOf } from './chunk.js';

const SALE = 'concert-w';
const purchased = (i: number): SaleEvent => ({ type: 'purchased', sale: SALE, user: `user-${i}`, id: `p${i}` });
const cancelled = (i: number): SaleEvent => ({ type: 'cancelled', sale: SALE, user: `user-${i}`, id: `c${i}` });
const records = (values: { key: string | null; value: string | null }[]) => values.map((value, i) => ({ partition: 0, offset: String(i + 10), ...value }));

describe('decodeChunk', () => {
  it('decodes in order, up to its last offset; purchases only may go beside others', () => {
    const chunk = decodeChunk(records([purchased(1), purchased(2)].map(encodeEvent)));
    expect(chunk).toMatchObject({ lastOffset: '11', delivered: 2, events: [purchased(1), purchased(2)], malformed: [], purchasesOnly: true });
  });

  it('is not purchases only with a cancel or a malformed record in it', () => {
    expect(decodeChunk(records([purchased(1), cancelled(1)].map(encodeEvent))).purchasesOnly).toBe(false);
    const withMalformed = decodeChunk(records([encodeEvent(purchased(1)), { key: null, value: 'not json' }]));
    expect(withMalformed).toMatchObject({ purchasesOnly: false, malformed: [{ reason: 'value is not JSON' }] });
  });
});

describe('runsOf', () => {
  it('groups consecutive events of one type and sale, keeping order', () => {
    const runs = runsOf([purchased(1), purchased(2), cancelled(1), purchased(3), { ...purchased(4), sale: 'other' }]);
    expect(runs.map((run) => [run.type, run.sale, run.users.join()])).toEqual([
      ['purchased', SALE, 'user-1,user-2'],
      ['cancelled', SALE, 'user-1'],
      ['purchased', SALE, 'user-3'],
      ['purchased', 'other', 'user-4'],
    ]);
  });
});
