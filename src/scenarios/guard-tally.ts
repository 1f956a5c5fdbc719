// Counts how a strategy's guards worked during a run: lock traffic (from the engine's
// EngineObserver.lockAcquisition hook) and where repeat buyers were turned away (from each
// purchase's outcome). The point of dcl's first look-up is fewer lock round trips; this shows it.
import type { Outcome } from '../engine/ports.js';
import type { GuardCounts } from '../result.js';

/** Fresh all-zero guard counts. */
export function emptyGuards(): GuardCounts {
  return { lockRequests: 0, locksGranted: 0, lockTries: 0, rejectedBeforeLock: 0, duplicatesBy: {} };
}

/** Accumulates GuardCounts; read `counts` at any time. */
export class GuardTally {
  readonly counts: GuardCounts = emptyGuards();

  /** The EngineObserver hook: one lock acquisition ended. */
  readonly lockAcquisition = (granted: boolean, tries: number): void => {
    this.counts.lockRequests++;
    if (granted) this.counts.locksGranted++;
    this.counts.lockTries += tries;
  };

  /** One operation answered. */
  readonly outcome = (outcome: Outcome): void => {
    if (outcome.kind !== 'duplicate') return;
    const by = this.counts.duplicatesBy;
    by[outcome.caughtBy] = (by[outcome.caughtBy] ?? 0) + 1;
    if (outcome.caughtBy === 'precheck') this.counts.rejectedBeforeLock++;
  };

  /** A copy safe to hand to a renderer. */
  snapshot(): GuardCounts {
    return { ...this.counts, duplicatesBy: { ...this.counts.duplicatesBy } };
  }
}
