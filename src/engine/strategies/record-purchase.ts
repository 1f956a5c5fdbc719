// The write that ends every successful purchase (an INSERT, or a published event when writing
// behind), with its compensation: when the write fails or MySQL refuses the row as a duplicate, the
// seat taken on the Redis side is handed back, so Redis never holds a seat nothing durable has.
import type { PurchaseOutcome, SaleId, StrategyDeps, UserId } from '../ports.js';

/**
 * Makes the purchase durable. `seatTaken` says whether this attempt put the user in the buyer set
 * (and so may release them). A write failure is rethrown unchanged; a failed compensation does not
 * replace it.
 */
export async function recordPurchase(
  { inventory, writer }: Pick<StrategyDeps, 'inventory' | 'writer'>,
  sale: SaleId,
  user: UserId,
  seatTaken: boolean,
): Promise<PurchaseOutcome> {
  let write;
  try {
    write = await writer.purchase(sale, user);
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
