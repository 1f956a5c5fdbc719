// The in-process Inventory: the Redis side of a sale (stock and buyer set) behind simulated network
// round trips, so that separate calls interleave exactly as they would over a socket — a naive
// read-then-write oversells — while reserve/release and the fenced look and reservation act at one
// instant, like the Lua scripts.
import { SaleExistsError, SaleNotFoundError, TicketsimError } from '../../errors.js';
import type { Clock, Inventory, Reservation, SaleId, UserId } from '../ports.js';
import { createRedisServer } from './latency.js';
import type { RedisServer } from './latency.js';
import type { Random } from './random.js';

/** Dependencies of {@link createMemoryInventory}. */
export interface MemoryInventoryOptions {
  clock: Clock;
  random: Random;
  /** The simulated Redis to share with the locks (one server, one command loop); own one if absent. */
  redis?: RedisServer;
}

interface Sale {
  stock: number;
  buyers: Set<UserId>;
  /** fenced: the newest fencing token that has touched the sale (0: none yet). */
  seen: number;
}

/** fenced: makes `token` the sale's newest seen; false (nothing changed) when a newer one was there. */
function admit(found: Sale, token: number): boolean {
  if (token < found.seen) return false;
  found.seen = token;
  return true;
}

/** purchase-2.lua's decision, at one instant: buyer, stock, then decrement and add the buyer. */
function reserveSeat(found: Sale, user: UserId): Reservation {
  if (found.buyers.has(user)) return 'duplicate';
  if (found.stock <= 0) return 'sold-out';
  found.stock -= 1;
  found.buyers.add(user);
  return 'reserved';
}

/**
 * Creates an in-process Inventory. Every method is one round trip to the simulated Redis; the state
 * change happens atomically when the request reaches the server. A sale must be created before its
 * stock is read or changed (that throws a TicketsimError); membership reads of a missing sale
 * answer empty, as Redis would.
 */
export function createMemoryInventory(options: MemoryInventoryOptions): Inventory {
  const redis = options.redis ?? createRedisServer(options);
  const sales = new Map<SaleId, Sale>();
  /** Per sale, the last fencing token issued; apart from the sale, as INCR creates its own key. */
  const fences = new Map<SaleId, number>();

  const existing = (sale: SaleId): Sale => {
    const found = sales.get(sale);
    if (found === undefined) throw new SaleNotFoundError(`sale ${sale} does not exist (create it first)`);
    return found;
  };

  return {
    createSale(sale, stock) {
      return redis.call('script', () => {
        if (!Number.isSafeInteger(stock) || stock < 0) {
          throw new TicketsimError(`sale ${sale}: stock must be a whole number ≥ 0, not ${stock}`);
        }
        if (sales.has(sale)) throw new SaleExistsError(`sale ${sale} already exists; it is never overwritten`);
        sales.set(sale, { stock, buyers: new Set(), seen: 0 });
      });
    },

    readStock(sale) {
      return redis.call('command', () => existing(sale).stock);
    },

    writeStock(sale, stock) {
      return redis.call('command', () => {
        existing(sale).stock = stock;
      });
    },

    decrementStock(sale) {
      return redis.call('command', () => {
        const found = existing(sale);
        found.stock -= 1;
        return found.stock;
      });
    },

    incrementStock(sale) {
      return redis.call('command', () => {
        const found = existing(sale);
        found.stock += 1;
        return found.stock;
      });
    },
    isBuyer(sale, user) {
      return redis.call('command', () => sales.get(sale)?.buyers.has(user) ?? false);
    },

    addBuyer(sale, user) {
      return redis.call('command', () => {
        const { buyers } = existing(sale);
        if (buyers.has(user)) return false;
        buyers.add(user);
        return true;
      });
    },

    removeBuyer(sale, user) {
      return redis.call('command', () => sales.get(sale)?.buyers.delete(user) ?? false);
    },
    reserve(sale, user) {
      return redis.call('script', () => reserveSeat(existing(sale), user));
    },

    release(sale, user) {
      return redis.call('script', () => {
        const found = sales.get(sale);
        if (found === undefined || !found.buyers.delete(user)) return false;
        found.stock += 1;
        return true;
      });
    },

    inspect(sale) {
      return redis.call('command', () => {
        const found = sales.get(sale);
        return { stock: found?.stock, buyers: found === undefined ? [] : [...found.buyers] };
      });
    },

    issueFence(sale) {
      return redis.call('command', () => {
        const token = (fences.get(sale) ?? 0) + 1;
        fences.set(sale, token);
        return token;
      });
    },

    fencedLook(sale, user, token) {
      return redis.call('script', () => {
        const found = existing(sale);
        return admit(found, token) ? { stock: found.stock, isBuyer: found.buyers.has(user) } : 'stale';
      });
    },

    fencedReserve(sale, user, token) {
      return redis.call('script', () => {
        const found = existing(sale);
        return admit(found, token) ? reserveSeat(found, user) : 'stale';
      });
    },
  };
}
