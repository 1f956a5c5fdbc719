// What a sale's checks read: what the target's stores held after the run (store-neutral, see
// target.ts) beside what the runner was told, and the rows it sold by the system of record.
import type { UserId } from '../engine/ports.js';
import type { BuyerAnswers } from './sale.js';
import type { SaleReadBack } from './target.js';

/** What the target's stores held after the run (store-neutral, see target.ts), plus what the runner saw. */
export interface SaleObservation extends SaleReadBack {
  initialStock: number;
  /** Distinct users who tried to buy. */
  demand: number;
  /** What the runner counted. */
  reported: {
    purchased: number;
    errors: number;
    lockTimeouts: number;
    notStarted: number;
    /** Arrivals of an open model dropped at the generator's in-flight cap: buyers who never tried. */
    dropped?: number;
    /** Operations the target refused without effect (rate-limited, overloaded). */
    rejected?: number;
    /**
     * Answers that did not say what happened (see attempt-outcome.ts): purchases that may have
     * bought a seat, and cancels that may have given one back.
     */
    unknown?: { purchases: number; cancels: number };
    /** Users whose attempts were answered `purchased` more than once (only scenarios that repeat track it). */
    repeatPurchasers?: readonly { userId: UserId; times: number }[];
    /**
     * When `purchased` is worked out from several replies' counts, those counts by what they are,
     * each signed as it was added (cancel-storm: purchased, re-bought, minus cancelled).
     */
    purchasedTerms?: readonly (readonly [what: string, count: number])[];
    /** What each buyer was answered, when the scenario kept it (purchases-only sales): checked user by user. */
    answers?: Pick<BuyerAnswers, 'acknowledged' | 'mayHold' | 'toldOf'>;
  };
}

/** Rows sold according to the system of record (every row counts, duplicates included). */
export function soldRows(o: Pick<SaleReadBack, 'records'>): number {
  return o.records.reduce((sum, row) => sum + row.rows, 0);
}
