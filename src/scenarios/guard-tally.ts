// Counts how a strategy's guards worked during a run: lock traffic (from the engine's
// EngineObserver.lockAcquisition hook) and where repeat buyers were turned away (from each
// purchase's outcome). The point of dcl's first look-up is fewer lock round trips; this shows it.
import type { AttemptOutcome } from './attempt-outcome.js';
import type { GuardCounts } from '../result.js';

/** Accumulates GuardCounts; read them with snapshot() at any time. */
export class GuardTally {
  private lockRequests = 0;
  private locksGranted = 0;
  private lockTries = 0;
  private readonly duplicatesBy: Record<string, number> = {};
  private staleRefused = 0;

  /** The EngineObserver hook: one lock acquisition ended. */
  readonly lockAcquisition = (granted: boolean, tries: number): void => {
    this.lockRequests++;
    if (granted) this.locksGranted++;
    this.lockTries += tries;
  };

  /** The EngineObserver hook: a store refused a step with an older fencing token. */
  readonly stale = (): void => {
    this.staleRefused++;
  };

  /** One operation answered. */
  readonly outcome = (outcome: AttemptOutcome): void => {
    if (outcome.kind !== 'duplicate') return;
    this.duplicatesBy[outcome.caughtBy] = (this.duplicatesBy[outcome.caughtBy] ?? 0) + 1;
  };

  /** A copy safe to hand to a renderer; the look-up before the lock is what rejects before it. */
  snapshot(): GuardCounts {
    return {
      lockRequests: this.lockRequests,
      locksGranted: this.locksGranted,
      lockTries: this.lockTries,
      rejectedBeforeLock: this.duplicatesBy.precheck ?? 0,
      duplicatesBy: { ...this.duplicatesBy },
      staleRefused: this.staleRefused,
    };
  }
}
