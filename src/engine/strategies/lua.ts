// The `lua` strategy: one atomic Redis script decides the purchase (sale exists, not yet a buyer,
// stock > 0, then decrement and add the buyer), then the purchase is inserted synchronously. No
// lock, no window between check and decrement: the fast path and the throughput reference. A
// cancel lets MySQL decide (the DELETE found a row or not), then one atomic script undoes the Redis
// side (release-2.lua: remove the buyer and, only if they were there, stock + 1).
import type { CancelOutcome, PurchaseOutcome, Strategy, StrategyDeps } from '../ports.js';
import { recordPurchase } from './record-purchase.js';

/**
 * Creates the lua strategy. When the ledger refuses the row as a duplicate or fails, the reservation
 * is released again (see recordPurchase).
 */
export function createLuaStrategy(deps: StrategyDeps): Strategy {
  const { inventory, ledger } = deps;
  return {
    name: 'lua',
    async purchase(sale, user): Promise<PurchaseOutcome> {
      const reservation = await inventory.reserve(sale, user);
      if (reservation === 'sold-out') return { kind: 'sold-out' };
      if (reservation === 'duplicate') return { kind: 'duplicate', caughtBy: 'script' };
      return recordPurchase(deps, sale, user, true);
    },
    async cancel(sale, user): Promise<CancelOutcome> {
      // Of duplicate cancels racing for one row, exactly one DELETE finds it: only that one goes on.
      if (!(await ledger.remove(sale, user))) return { kind: 'not-purchased' };
      await inventory.release(sale, user);
      return { kind: 'cancelled' };
    },
  };
}
