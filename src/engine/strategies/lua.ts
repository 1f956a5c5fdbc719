// The `lua` strategy: one atomic Redis script decides the purchase (sale exists, not yet a buyer,
// stock > 0, then decrement and add the buyer), then the purchase is inserted synchronously. No
// lock, no window between check and decrement: the fast path and the throughput reference.
import type { PurchaseOutcome, Strategy, StrategyDeps } from '../ports.js';

/**
 * Creates the lua strategy. When the ledger refuses the row as a duplicate or fails, the reservation
 * is released again so Redis never holds a seat that MySQL does not; a ledger failure is then
 * rethrown unchanged (a failed compensation does not replace it).
 */
export function createLuaStrategy(deps: StrategyDeps): Strategy {
  const { inventory, ledger } = deps;
  return {
    name: 'lua',
    async purchase(sale, user): Promise<PurchaseOutcome> {
      const reservation = await inventory.reserve(sale, user);
      if (reservation === 'sold-out') return { kind: 'sold-out' };
      if (reservation === 'duplicate') return { kind: 'duplicate' };
      let write;
      try {
        write = await ledger.record(sale, user);
      } catch (error) {
        await inventory.release(sale, user).catch(() => undefined);
        throw error;
      }
      if (write === 'duplicate') {
        // MySQL already had this buyer although Redis did not: give the seat just taken back.
        await inventory.release(sale, user);
        return { kind: 'duplicate' };
      }
      return { kind: 'purchased' };
    },
  };
}
