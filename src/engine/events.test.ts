import { describe, expect, it } from 'vitest';
import { decodeEvent, encodeEvent } from './events.js';

describe('sale events on the wire', () => {
  it('round-trips, keyed by the user', () => {
    const event = { type: 'purchased', sale: 'concert-x', user: 'user-7', id: 'e1' } as const;
    const encoded = encodeEvent(event);
    expect(encoded.key).toBe('user-7');
    expect(decodeEvent(encoded)).toEqual({ event });
  });

  it('round-trips fields that need escaping, and reads JSON written otherwise (another order, spaces) alike', () => {
    const event = { type: 'cancelled', sale: 'con"cert\\x', user: 'user\n7 ✓', id: '\u0001e' } as const;
    expect(decodeEvent(encodeEvent(event))).toEqual({ event });
    const reordered = '{ "id": "e1", "user": "user-7", "sale": "concert-x", "type": "purchased", "v": 1 }';
    expect(decodeEvent({ key: 'user-7', value: reordered })).toEqual({ event: { type: 'purchased', sale: 'concert-x', user: 'user-7', id: 'e1' } });
  });

  it.each([
    [{ key: null, value: null }, 'empty value'],
    [{ key: null, value: 'not json{' }, 'value is not JSON'],
    [{ key: null, value: '[1]' }, 'value is not a JSON object'],
    [{ key: null, value: '{"v":2,"type":"purchased","sale":"s","user":"u","id":"i"}' }, 'unknown version 2 (expected 1)'],
    [{ key: null, value: '{"v":1,"type":"refunded","sale":"s","user":"u","id":"i"}' }, 'unknown type "refunded"'],
    [{ key: null, value: '{"v":1,"type":"purchased","sale":"","user":"u","id":"i"}' }, 'sale is not a non-empty string'],
    [{ key: null, value: `{"v":1,"type":"purchased","sale":"s","user":"${'u'.repeat(256)}","id":"i"}` }, 'user is longer than 255 characters'],
    [{ key: 'other', value: '{"v":1,"type":"purchased","sale":"s","user":"u","id":"i"}' }, 'key "other" is not the event\'s user'],
  ])('says why %j is malformed', (record, reason) => {
    expect(decodeEvent(record)).toEqual({ malformed: reason });
  });
});
