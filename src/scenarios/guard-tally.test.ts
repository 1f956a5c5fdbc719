import { describe, expect, it } from 'vitest';
import { GuardTally } from './guard-tally.js';

describe('GuardTally', () => {
  it('counts lock traffic and where duplicates were caught', () => {
    const tally = new GuardTally();
    tally.lockAcquisition(true, 3);
    tally.lockAcquisition(false, 51);
    tally.outcome({ kind: 'duplicate', caughtBy: 'precheck' });
    tally.outcome({ kind: 'duplicate', caughtBy: 'recheck' });
    tally.outcome({ kind: 'duplicate', caughtBy: 'recheck' });
    tally.outcome({ kind: 'purchased' });
    tally.stale();
    expect(tally.snapshot()).toEqual({
      lockRequests: 2,
      locksGranted: 1,
      lockTries: 54,
      rejectedBeforeLock: 1,
      duplicatesBy: { precheck: 1, recheck: 2 },
      staleRefused: 1,
    });
  });

  it('hands out copies', () => {
    const tally = new GuardTally();
    const before = tally.snapshot();
    tally.outcome({ kind: 'duplicate', caughtBy: 'script' });
    expect(before.duplicatesBy).toEqual({});
  });
});
