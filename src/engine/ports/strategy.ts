// A concurrency-control strategy and what it is built from: the ports it runs on and the writer
// that makes its purchases and cancels durable, synchronously or behind.
import type { Clock } from './clock.js';
import type { Inventory } from './inventory.js';
import type { LedgerWrite } from './ledger.js';
import type { Locks } from './locks.js';
import type { EngineFaults, EngineObserver } from './observer.js';
import type { CancelOutcome, PurchaseOutcome, SaleId, UserId } from './sale.js';

/** Where purchases and cancels are made durable: MySQL inside the request, or an event behind it. */
export type WriteMode = 'sync' | 'behind';

/**
 * How a strategy makes a reserved purchase or a cancel durable. `sync` writes MySQL in the request
 * (the UNIQUE key may refuse a duplicate; a DELETE says whether a row went); `behind` publishes an
 * event and returns once the log acknowledged it (the worker writes MySQL later).
 */
export interface Writer {
  readonly mode: WriteMode;
  /** sync: INSERT (`duplicate` when the UNIQUE key refuses); behind: publish `purchased` (always `inserted`). */
  purchase(sale: SaleId, user: UserId): Promise<LedgerWrite>;
  /** sync: DELETE, true when a row went; behind: publish `cancelled`, true. */
  cancel(sale: SaleId, user: UserId): Promise<boolean>;
  /**
   * sync only (`fenced`): the same INSERT and DELETE carrying the lock holder's fencing token,
   * refused as `stale` once MySQL accepted a newer one (Ledger.recordFenced / removeFenced). Absent
   * when writing behind: there the event log orders the worker's writes.
   */
  readonly fenced?: {
    purchase(sale: SaleId, user: UserId, token: number): Promise<LedgerWrite | 'stale'>;
    cancel(sale: SaleId, user: UserId, token: number): Promise<boolean | 'stale'>;
  };
}

/** A concurrency-control strategy: buys and cancels one ticket of one sale for one user. */
export interface Strategy {
  readonly name: string;
  purchase(sale: SaleId, user: UserId): Promise<PurchaseOutcome>;
  /** Cancels the user's purchase: the row goes, the seat comes back, the buyer leaves the set. */
  cancel(sale: SaleId, user: UserId): Promise<CancelOutcome>;
}

/** What every strategy factory receives. */
export interface StrategyDeps {
  inventory: Inventory;
  /** Makes purchases and cancels durable, synchronously or behind (createSyncWriter, createBehindWriter). */
  writer: Writer;
  locks: Locks;
  clock: Clock;
  /** Faults to inject (none when absent). */
  faults?: EngineFaults;
  /** Hears what the strategy itself does (fenced: stale steps refused). */
  observer?: EngineObserver;
}
