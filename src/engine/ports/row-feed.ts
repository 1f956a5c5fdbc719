// Watching a sale's rows appear in the ledger, for the write-behind lag: each look's new rows and the
// time the look was made. A real run watches from a thread of its own, so a burst that keeps the
// run's event loop busy for tens of milliseconds at a time neither delays the looks nor their times.
import type { SaleId, UserId } from './sale.js';

/** A row of the ledger's table, as a look found it. */
export interface SeenRow {
  id: number;
  userId: UserId;
}

/** A running watch over one sale's new rows. */
export interface RowFeed {
  /** One more look now: resolves once its rows were handed over (rejects when it failed). */
  look(): Promise<void>;
  /** One last look, then stops. */
  close(): Promise<void>;
}

/** What a watch is asked for. */
export interface RowFeedRequest {
  sale: SaleId;
  /** Only rows with a larger id are new. */
  afterId: number;
  /** Time between looks (a failed look only costs that much resolution). */
  everyMs: number;
  /** Each look's new rows in id order, with when the look was made (µs of the infrastructure's clock). */
  seen(rows: readonly SeenRow[], atUs: number): void;
}

/** Starts watching a sale's new rows. */
export type RowFeedOpener = (request: RowFeedRequest) => Promise<RowFeed>;
