// The `lua` strategy: one atomic Redis script decides the purchase (sale exists, not yet a buyer,
// stock > 0, then decrement and add the buyer), then the purchase is inserted synchronously. No
// lock, no window between check and decrement: the fast path and the throughput reference. A
// cancel lets MySQL decide (the DELETE found a row or not), then one atomic script undoes the Redis
// side (release-2.lua: remove the buyer and, only if they were there, stock + 1); writing behind,
// that script decides (see cancelPurchase).
import type { CancelOutcome, PurchaseOutcome, Strategy, StrategyDeps } from '../ports.js';
import { cancelPurchase } from './cancel-purchase.js';
import { recordPurchase } from './record-purchase.js';

/**
 * Creates the lua strategy. When the ledger refuses the row as a duplicate or fails, the reservation
 * is released again (see recordPurchase).
 */
export function createLuaStrategy(deps: StrategyDeps): Strategy {
  const { inventory } = deps;
  return {
    name: 'lua',
    // A then-handler rather than an await: the fast path runs millions of times in process, where
    // an async function's extra objects per call are most of what the garbage collector sees.
    purchase(sale, user): Promise<PurchaseOutcome> {
      return inventory.reserve(sale, user).then((reservation) => {
        if (reservation === 'sold-out') return { kind: 'sold-out' };
        if (reservation === 'duplicate') return { kind: 'duplicate', caughtBy: 'script' };
        return recordPurchase(deps, sale, user, true);
      });
    },
    cancel(sale, user): Promise<CancelOutcome> {
      // Of duplicate cancels racing for one row, exactly one DELETE (or one release, writing behind)
      // finds it: only that one goes on.
      return cancelPurchase(deps, sale, user, () => inventory.release(sale, user));
    },
  };
}
