// The `naive` strategy: read the stock, then write stock - 1 in a separate round trip. Between the
// two, every concurrent buyer reads the same value, so it oversells under load. Its cancel gives
// the seat back without asking MySQL whether there was a purchase, so duplicate and bogus cancels
// over-stock. It exists to fail, and for the checks to prove that they notice.
import type { CancelOutcome, PurchaseOutcome, Strategy, StrategyDeps } from '../ports.js';

/**
 * Creates the naive strategy. With N buyers released together over one Redis connection, all N GETs
 * usually answer before the first SET lands, so every one of them sees the initial stock and buys:
 * expect far more than `stock` sales (up to N), and a final stock of `stock - 1` rather than 0.
 *
 * Each purchase is GET, compare, SET stock - 1, add the buyer, write the purchase, each a
 * separate round trip with no lock and no atomicity. Only the ledger's UNIQUE key can say
 * `duplicate` (writing synchronously); nothing is compensated when a step fails.
 */
export function createNaiveStrategy(deps: StrategyDeps): Strategy {
  const { inventory, writer } = deps;
  return {
    name: 'naive',
    async purchase(sale, user): Promise<PurchaseOutcome> {
      const stock = await inventory.readStock(sale);
      if (stock <= 0) return { kind: 'sold-out' };
      // The race: other buyers read the same `stock` before this write lands.
      await inventory.writeStock(sale, stock - 1);
      await inventory.addBuyer(sale, user);
      const write = await writer.purchase(sale, user);
      return write === 'duplicate' ? { kind: 'duplicate', caughtBy: 'ledger' } : { kind: 'purchased' };
    },
    async cancel(sale, user): Promise<CancelOutcome> {
      // The seed's three steps, each taken whatever the previous one found: the DELETE's answer (or
      // the published event) is ignored, so a cancel of nothing, or a second one, still creates a seat.
      await writer.cancel(sale, user);
      await inventory.incrementStock(sale);
      await inventory.removeBuyer(sale, user);
      return { kind: 'cancelled' };
    },
  };
}
