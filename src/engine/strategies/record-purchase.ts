// The synchronous MySQL write that ends every successful purchase, with its compensation: when the
// ledger fails or refuses the row as a duplicate, the seat taken on the Redis side is handed back,
// so Redis never holds a seat that MySQL does not.
import type { PurchaseOutcome, SaleId, StrategyDeps, UserId } from '../ports.js';

/**
 * Inserts the purchase. `seatTaken` says whether this attempt put the user in the buyer set (and so
 * may release them). A ledger failure is rethrown unchanged; a failed compensation does not
 * replace it.
 */
export async function recordPurchase(
  { inventory, ledger }: Pick<StrategyDeps, 'inventory' | 'ledger'>,
  sale: SaleId,
  user: UserId,
  seatTaken: boolean,
): Promise<PurchaseOutcome> {
  let write;
  try {
    write = await ledger.record(sale, user);
  } catch (error) {
    if (seatTaken) await inventory.release(sale, user).catch(() => undefined);
    throw error;
  }
  if (write === 'duplicate') {
    // MySQL already had this buyer although Redis did not: give the seat just taken back.
    if (seatTaken) await inventory.release(sale, user);
    return { kind: 'duplicate', caughtBy: 'ledger' };
  }
  return { kind: 'purchased' };
}
