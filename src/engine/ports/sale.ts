// A sale's own vocabulary: who and what (sale and user ids), what one purchase or cancel came to,
// and the event a write-behind run sends for each.

/** One sale (one event's tickets). Its id is also the MySQL ticket_name, e.g. `concert-<runId>`. */
export type SaleId = string;
export type UserId = string;

/**
 * Which guard turned a repeat buyer away: the buyer-set look-up before the lock (`precheck`), the
 * look-up again under the lock (`recheck`), the atomic Lua script (`script`), or MySQL's
 * UNIQUE(user_id, ticket_name) key (`ledger`).
 */
export type DuplicateGuard = 'precheck' | 'recheck' | 'script' | 'ledger';

/** The result of one purchase attempt: an outcome, never an exception (errors are thrown). */
export type PurchaseOutcome =
  | { kind: 'purchased' }
  | { kind: 'sold-out' }
  | { kind: 'duplicate'; caughtBy: DuplicateGuard }
  | { kind: 'lock-timeout' };

/** The result of one cancel attempt: `not-purchased` when there was nothing to cancel. */
export type CancelOutcome = { kind: 'cancelled' } | { kind: 'not-purchased' } | { kind: 'lock-timeout' };

/** Any operation's outcome. */
export type Outcome = PurchaseOutcome | CancelOutcome;
export type OutcomeKind = Outcome['kind'];

/** A purchase or cancel on its way to MySQL through the event log (write-behind). */
export interface SaleEvent {
  type: 'purchased' | 'cancelled';
  sale: SaleId;
  user: UserId;
  /** Unique per event; a redelivered copy carries the same id. */
  id: string;
}
