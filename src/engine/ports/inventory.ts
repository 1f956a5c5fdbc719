// The Redis side of a sale as strategies see it: remaining stock, the buyer set, the atomic
// reservation and the fencing tokens of `fenced`.
import type { SaleId, UserId } from './sale.js';

/** Answer of the atomic reservation: the whole purchase check on the Redis side in one step. */
export type Reservation = 'reserved' | 'sold-out' | 'duplicate';

/** The Redis side of a sale: remaining stock and the set of buyers. */
export interface Inventory {
  /** Creates the sale with `stock` seats. Fails if the sale already exists (never overwrites). */
  createSale(sale: SaleId, stock: number): Promise<void>;
  /** Remaining stock (one round trip; no lock). Throws if the sale does not exist. */
  readStock(sale: SaleId): Promise<number>;
  /** Overwrites the remaining stock (one round trip; the naive strategy's write). */
  writeStock(sale: SaleId, stock: number): Promise<void>;
  /** Decrements the stock by one and returns the new value (one round trip, no bound check). */
  decrementStock(sale: SaleId): Promise<number>;
  /** Increments the stock by one and returns the new value (one round trip; a cancel's seat back). */
  incrementStock(sale: SaleId): Promise<number>;
  /** True when the user is in the buyer set. */
  isBuyer(sale: SaleId, user: UserId): Promise<boolean>;
  /** Adds the user to the buyer set; false when they were already there. */
  addBuyer(sale: SaleId, user: UserId): Promise<boolean>;
  /** Removes the user from the buyer set; false when they were not there. */
  removeBuyer(sale: SaleId, user: UserId): Promise<boolean>;
  /** Atomically: duplicate if already a buyer, sold-out if stock ≤ 0, else decrement and add buyer. */
  reserve(sale: SaleId, user: UserId): Promise<Reservation>;
  /** Atomically undoes a reservation: removes the buyer and, only if they were there, stock + 1. */
  release(sale: SaleId, user: UserId): Promise<boolean>;
  /** Everything the checks read afterwards: remaining stock and every buyer. */
  inspect(sale: SaleId): Promise<{ stock: number | undefined; buyers: UserId[] }>;
  /** fenced: the sale's next fencing token (INCR of the sale's own counter: 1, 2, 3, …). */
  issueFence(sale: SaleId): Promise<number>;
  /**
   * fenced: one atomic step under `token`. `stale` when a newer token already touched the sale;
   * otherwise `token` becomes the newest the sale has seen, and the stock and whether the user is a
   * buyer are returned. After it, any holder with an older token is refused.
   */
  fencedLook(sale: SaleId, user: UserId, token: number): Promise<{ stock: number; isBuyer: boolean } | 'stale'>;
  /** fenced: as reserve(), atomically, unless a newer token than `token` touched the sale (`stale`). */
  fencedReserve(sale: SaleId, user: UserId, token: number): Promise<Reservation | 'stale'>;
}
