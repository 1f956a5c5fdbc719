// Tests of how outcomes and errors are booked: every outcome kind has its count, a phase can book
// one under another name, counts add field by field, and causes come most frequent first.
import { describe, expect, it } from 'vitest';
import type { OutcomeKind } from '../engine/ports.js';
import { ErrorCauses, addCounts, countKey, emptyCounts } from './outcome-counts.js';

describe('countKey', () => {
  it('books each outcome kind under a count of its own', () => {
    const kinds: OutcomeKind[] = ['purchased', 'sold-out', 'duplicate', 'lock-timeout', 'cancelled', 'not-purchased'];
    const keys = kinds.map((kind) => countKey(kind));
    expect(keys).toEqual(['purchased', 'soldOut', 'duplicate', 'lockTimeout', 'cancelled', 'notPurchased']);
    for (const key of keys) expect(emptyCounts()).toHaveProperty(key, 0);
  });

  it('books an outcome under the name its phase gives it, and the others as usual', () => {
    expect(countKey('purchased', { purchased: 'rebought' })).toBe('rebought');
    expect(countKey('sold-out', { purchased: 'rebought' })).toBe('soldOut');
  });
});

describe('addCounts', () => {
  it('adds every field into the first counts and returns them', () => {
    const into = { ...emptyCounts(), attempts: 3, purchased: 1, errors: 2 };
    const sum = addCounts(into, { ...emptyCounts(), attempts: 4, purchased: 2, dropped: 5 });
    expect(sum).toBe(into);
    expect(sum).toEqual({ ...emptyCounts(), attempts: 7, purchased: 3, errors: 2, dropped: 5 });
  });
});

describe('ErrorCauses', () => {
  it('groups errors by cause, most frequent first', () => {
    const causes = new ErrorCauses();
    causes.add('no reply within 5000 ms');
    causes.add('ECONNRESET', 2);
    causes.add('no reply within 5000 ms', 3);
    expect(causes.list()).toEqual([
      { cause: 'no reply within 5000 ms', count: 4 },
      { cause: 'ECONNRESET', count: 2 },
    ]);
  });

  it('lists nothing before any error', () => {
    expect(new ErrorCauses().list()).toEqual([]);
  });
});
