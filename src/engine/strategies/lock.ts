// The `lock` strategy, the original v2: one Redlock lock per sale around read stock → check →
// decrement → add buyer → insert the purchase. Correct against overselling while the holder finishes
// within the lock's TTL; every buyer of a sale queues on one lock, so it is slow, and a buyer who
// cannot get the lock within the retry window gets `lock-timeout`.
import { saleKeys } from '../redis/keys.js';
import type { PurchaseOutcome, Strategy, StrategyDeps } from '../ports.js';
import { recordPurchase } from './record-purchase.js';

/** Options of the lock strategy. */
export interface LockStrategyOptions {
  /**
   * How long the lock is held at most, in ms (default 2,000). The critical section is four round
   * trips (~1–5 ms); the TTL only matters when a holder stalls, and then it is the window in which
   * nobody else may buy. A holder that stalls past it loses mutual exclusion (see `fenced`).
   */
  lockTtlMs?: number;
}

/** Default lock TTL, ms. */
export const LOCK_TTL_MS = 2000;

/**
 * Creates the lock strategy. Like the original v2 it does not check the buyer before decrementing:
 * a repeat buyer's decrement is undone only when Redis had not known them (addBuyer added them);
 * if Redis already listed them, the seat stays consumed. That is v2's weakness under the `spam`
 * scenario, which the checks expose and `dcl` fixes.
 */
export function createLockStrategy(deps: StrategyDeps, options: LockStrategyOptions = {}): Strategy {
  const { inventory, locks } = deps;
  const ttlMs = options.lockTtlMs ?? LOCK_TTL_MS;

  return {
    name: 'lock',
    async purchase(sale, user): Promise<PurchaseOutcome> {
      const lease = await locks.acquire(saleKeys(sale).lock, ttlMs);
      if (lease === undefined) return { kind: 'lock-timeout' };
      try {
        const stock = await inventory.readStock(sale);
        if (stock <= 0) return { kind: 'sold-out' };
        await inventory.decrementStock(sale);
        const added = await inventory.addBuyer(sale, user);
        return await recordPurchase(deps, sale, user, added);
      } finally {
        // A release failure must not hide the purchase's own error, and after a finished purchase
        // it must not turn a sale into an error either: the lock expires by its TTL, so it is dropped.
        await lease.release().catch(() => undefined);
      }
    },
  };
}
