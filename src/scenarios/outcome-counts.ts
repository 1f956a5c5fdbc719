// How a burst books what its attempts ended in: each outcome under its count (or under the name a
// phase gives it, e.g. a storm's purchases as `rebought`), and each error under its cause. Outcomes
// are not errors: only an infrastructure failure, a missing reply or a failed scenario step is.
import type { AttemptOutcomeKind } from './attempt-outcome.js';
import type { ErrorCause, RunCounts } from '../result.js';
import type { CountAs } from './scenario.js';

/** The count each outcome is booked under when its phase names no other. */
const COUNT_OF: Readonly<Record<AttemptOutcomeKind, keyof RunCounts>> = Object.freeze({
  purchased: 'purchased',
  'sold-out': 'soldOut',
  duplicate: 'duplicate',
  'lock-timeout': 'lockTimeout',
  cancelled: 'cancelled',
  'not-purchased': 'notPurchased',
  rejected: 'rejected',
  unknown: 'unknown',
});

/** The count an outcome of `kind` is booked under: the phase's own name for it, else its usual one. */
export function countKey(kind: AttemptOutcomeKind, countAs?: CountAs): keyof RunCounts {
  return countAs?.[kind] ?? COUNT_OF[kind];
}

/** Fresh all-zero counts. */
export function emptyCounts(): RunCounts {
  return {
    attempts: 0,
    purchased: 0,
    soldOut: 0,
    duplicate: 0,
    lockTimeout: 0,
    rejected: 0,
    unknown: 0,
    cancelled: 0,
    notPurchased: 0,
    rebought: 0,
    errors: 0,
    dropped: 0,
    notStarted: 0,
  };
}

/** Adds `more` into `into`, field by field. */
export function addCounts(into: RunCounts, more: RunCounts): RunCounts {
  for (const key of Object.keys(into) as (keyof RunCounts)[]) into[key] += more[key];
  return into;
}

/** Errors by cause (one line each, e.g. `ER_CON_COUNT_ERROR: Too many connections`). */
export class ErrorCauses {
  private readonly counts = new Map<string, number>();

  /** Books `count` errors of `cause`. */
  add(cause: string, count = 1): void {
    this.counts.set(cause, (this.counts.get(cause) ?? 0) + count);
  }

  /** The causes, most frequent first. */
  list(): ErrorCause[] {
    return [...this.counts].map(([cause, count]) => ({ cause, count })).sort((a, b) => b.count - a.count);
  }
}
