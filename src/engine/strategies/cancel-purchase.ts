// The cancel of every strategy that asks before giving a seat back (all but naive), run once the
// strategy may (holding the sale's lock, or needing none). Who decides depends on the write mode:
//   sync    MySQL decides: DELETE the row; only when one went, undo the Redis side (`giveBack`).
//   behind  MySQL is behind, so Redis decides: release-2.lua drops the buyer and, only if they were
//           there, gives the seat back; then the `cancelled` event is published. If publishing
//           fails the seat is taken back, so a cancel never lives only in Redis.
import type { CancelOutcome, SaleId, StrategyDeps, UserId } from '../ports.js';

/**
 * Cancels the user's purchase. `giveBack` is the sync mode's Redis step after a row went (the lock
 * family's stock + 1 then remove buyer, or lua's atomic release).
 */
export async function cancelPurchase(
  { inventory, writer }: Pick<StrategyDeps, 'inventory' | 'writer'>,
  sale: SaleId,
  user: UserId,
  giveBack: () => Promise<unknown>,
): Promise<CancelOutcome> {
  if (writer.mode === 'sync') {
    if (!(await writer.cancel(sale, user))) return { kind: 'not-purchased' };
    await giveBack();
    return { kind: 'cancelled' };
  }
  if (!(await inventory.release(sale, user))) return { kind: 'not-purchased' };
  try {
    await writer.cancel(sale, user);
  } catch (error) {
    // Best effort: if the freed seat was sold meanwhile, the error stays and the checks will see it.
    await inventory.reserve(sale, user).catch(() => undefined);
    throw error;
  }
  return { kind: 'cancelled' };
}
