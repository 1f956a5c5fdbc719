// The lock a strategy of the lock family holds around a sale's critical section. The port names
// the sale; where its lock lives (a Redis key, an in-process entry) is the adapter's business.
import type { SaleId } from './sale.js';

/** A held lock; release() is safe to call once, and does nothing if the lock already expired. */
export interface Lease {
  release(): Promise<void>;
}

/** Distributed locks, one per sale (Redlock on the real side). */
export interface Locks {
  /**
   * Tries to take the sale's lock for `ttlMs`, retrying for a bounded time. Undefined when it could
   * not be had in time (a lock timeout: an outcome, not an error).
   */
  acquireSale(sale: SaleId, ttlMs: number): Promise<Lease | undefined>;
}
