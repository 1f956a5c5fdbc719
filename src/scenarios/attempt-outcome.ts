// What one operation of an attempt can end in, on any target: the engine's outcomes, and two that
// only a system reached over a network can give. `rejected`: refused without effect (rate-limited,
// overloaded). `unknown`: no answer that says what happened (a timeout, a broken connection, a reply
// no outcome rule knows), so it may or may not have taken effect — Jepsen's indeterminate
// operation, which the checks treat as either.
import type { CancelOutcome, PurchaseOutcome } from '../engine/ports.js';

/** Refused without effect: it bought or cancelled nothing. */
export interface Rejected {
  kind: 'rejected';
}

/** It may or may not have taken effect; `why` says what came back instead of an answer. */
export interface Unknown {
  kind: 'unknown';
  why: string;
}

/** A repeat buyer the system under test itself turned away (its own guard, whatever it is). */
export interface ServiceDuplicate {
  kind: 'duplicate';
  caughtBy: 'service';
}

/** A purchase's outcome on a target. */
export type SalePurchaseOutcome = PurchaseOutcome | ServiceDuplicate | Rejected | Unknown;

/** A cancel's outcome on a target. */
export type SaleCancelOutcome = CancelOutcome | Rejected | Unknown;

/** Any operation's outcome on a target. */
export type AttemptOutcome = SalePurchaseOutcome | SaleCancelOutcome;
export type AttemptOutcomeKind = AttemptOutcome['kind'];
