// The in-process Inventory: the Redis side of a sale (stock and buyer set) behind simulated network
// round trips, so that separate calls interleave exactly as they would over a socket — a naive
// read-then-write oversells — while reserve/release and the fenced look and reservation act at one
// instant, like the Lua scripts.
import { SaleExistsError, SaleNotFoundError, TicketsimError } from '../../errors.js';
import type { Clock, Inventory, Reservation, SaleId, UserId } from '../ports.js';
import { createRedisServer } from './latency.js';
import type { RedisServer } from './latency.js';
import { named } from './store-view.js';
import type { Random } from './random.js';
import type { StepKind } from './step-schedule.js';

/** Dependencies of {@link createMemoryInventory}. */
export interface MemoryInventoryOptions {
  clock: Clock;
  random: Random;
  /** The simulated Redis to share with the locks (one server, one command loop); own one if absent. */
  redis?: RedisServer;
  /**
   * Planted (selftest and explore's tests only): `reserve` looks in one round trip and writes in a
   * second, as a purchase script split in two would, so concurrent buyers can slip between.
   */
  splitReserve?: boolean;
}

/** The in-process Inventory, whose sales an explored run's timeline can look at. */
export interface MemoryInventory extends Inventory {
  /** Each sale's stock, buyers and fence: `stock` → `1`, `buyers` → `{user-0}`. */
  view(): Record<string, string>;
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

/** Each call as a step of an explored run: what it is, what it reads and writes. */
const STEP = {
  create: { store: 'Redis', label: 'create sale', reads: [], writes: ['stock'] },
  get: { store: 'Redis', label: 'GET stock', reads: ['stock'], writes: [] },
  set: { store: 'Redis', label: 'SET stock', reads: [], writes: ['stock'] },
  decr: { store: 'Redis', label: 'DECR stock', reads: ['stock'], writes: ['stock'] },
  incr: { store: 'Redis', label: 'INCR stock', reads: ['stock'], writes: ['stock'] },
  isMember: { store: 'Redis', label: 'SISMEMBER buyers', reads: ['buyer'], writes: [] },
  add: { store: 'Redis', label: 'SADD buyers', reads: ['buyer'], writes: ['buyer'] },
  remove: { store: 'Redis', label: 'SREM buyers', reads: ['buyer'], writes: ['buyer'] },
  reserve: { store: 'Redis', label: 'EVALSHA purchase', reads: ['stock', 'buyer'], writes: ['stock', 'buyer'] },
  reserveLook: { store: 'Redis', label: 'EVALSHA purchase (planted: look)', reads: ['stock', 'buyer'], writes: [] },
  reserveWrite: { store: 'Redis', label: 'EVALSHA purchase (planted: write)', reads: [], writes: ['stock', 'buyer'] },
  release: { store: 'Redis', label: 'EVALSHA release', reads: ['stock', 'buyer'], writes: ['stock', 'buyer'] },
  inspect: { store: 'Redis', label: 'read the sale', reads: ['stock', 'buyer'], writes: [] },
  fence: { store: 'Redis', label: 'INCR fence', reads: ['fence'], writes: ['fence'] },
  fencedLook: { store: 'Redis', label: 'EVALSHA fenced look', reads: ['fence', 'stock', 'buyer'], writes: ['fence'] },
  fencedReserve: { store: 'Redis', label: 'EVALSHA fenced purchase', reads: ['fence', 'stock', 'buyer'], writes: ['fence', 'stock', 'buyer'] },
} as const satisfies Record<string, StepKind>;

/** purchase-2.lua's look: a repeat buyer, no seat left, or a seat to take. */
function lookForSeat(found: Sale, user: UserId): Reservation {
  if (found.buyers.has(user)) return 'duplicate';
  return found.stock <= 0 ? 'sold-out' : 'reserved';
}

/** purchase-2.lua's write: the seat taken by the buyer. */
function takeSeat(found: Sale, user: UserId): 'reserved' {
  found.stock -= 1;
  found.buyers.add(user);
  return 'reserved';
}

/** purchase-2.lua's decision, at one instant: buyer, stock, then decrement and add the buyer. */
function reserveSeat(found: Sale, user: UserId): Reservation {
  const look = lookForSeat(found, user);
  return look === 'reserved' ? takeSeat(found, user) : look;
}

/**
 * Creates an in-process Inventory. Every method is one round trip to the simulated Redis; the state
 * change happens atomically when the request reaches the server. A sale must be created before its
 * stock is read or changed (that throws a TicketsimError); membership reads of a missing sale
 * answer empty, as Redis would.
 */
export function createMemoryInventory(options: MemoryInventoryOptions): MemoryInventory {
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
    view() {
      const entries: Record<string, string> = {};
      for (const [sale, found] of sales) {
        entries[named('stock', sale, sales.size)] = String(found.stock);
        entries[named('buyers', sale, sales.size)] = `{${[...found.buyers].sort().join(', ')}}`;
      }
      for (const [sale, token] of fences) entries[named('fence', sale, fences.size)] = String(token);
      return entries;
    },

    createSale(sale, stock) {
      return redis.call('script', () => {
        if (!Number.isSafeInteger(stock) || stock < 0) {
          throw new TicketsimError(`sale ${sale}: stock must be a whole number ≥ 0, not ${stock}`);
        }
        if (sales.has(sale)) throw new SaleExistsError(`sale ${sale} already exists; it is never overwritten`);
        sales.set(sale, { stock, buyers: new Set(), seen: 0 });
      }, STEP.create, stock);
    },

    readStock(sale) {
      return redis.call('command', () => existing(sale).stock, STEP.get);
    },

    writeStock(sale, stock) {
      return redis.call('command', () => {
        existing(sale).stock = stock;
      }, STEP.set, stock);
    },

    decrementStock(sale) {
      return redis.call('command', () => {
        const found = existing(sale);
        found.stock -= 1;
        return found.stock;
      }, STEP.decr);
    },

    incrementStock(sale) {
      return redis.call('command', () => {
        const found = existing(sale);
        found.stock += 1;
        return found.stock;
      }, STEP.incr);
    },
    isBuyer(sale, user) {
      return redis.call('command', () => sales.get(sale)?.buyers.has(user) ?? false, STEP.isMember, user);
    },

    addBuyer(sale, user) {
      return redis.call('command', () => {
        const { buyers } = existing(sale);
        if (buyers.has(user)) return false;
        buyers.add(user);
        return true;
      }, STEP.add, user);
    },

    removeBuyer(sale, user) {
      return redis.call('command', () => sales.get(sale)?.buyers.delete(user) ?? false, STEP.remove, user);
    },
    reserve(sale, user) {
      if (options.splitReserve !== true) return redis.call('script', () => reserveSeat(existing(sale), user), STEP.reserve, user);
      return redis
        .call('script', () => lookForSeat(existing(sale), user), STEP.reserveLook, user)
        .then((look) => (look === 'reserved' ? redis.call('script', () => takeSeat(existing(sale), user), STEP.reserveWrite, user) : look));
    },

    release(sale, user) {
      return redis.call('script', () => {
        const found = sales.get(sale);
        if (found === undefined || !found.buyers.delete(user)) return false;
        found.stock += 1;
        return true;
      }, STEP.release, user);
    },

    inspect(sale) {
      return redis.call('command', () => {
        const found = sales.get(sale);
        return { stock: found?.stock, buyers: found === undefined ? [] : [...found.buyers] };
      }, STEP.inspect);
    },

    issueFence(sale) {
      return redis.call('command', () => {
        const token = (fences.get(sale) ?? 0) + 1;
        fences.set(sale, token);
        return token;
      }, STEP.fence);
    },

    fencedLook(sale, user, token) {
      return redis.call('script', () => {
        const found = existing(sale);
        return admit(found, token) ? { stock: found.stock, isBuyer: found.buyers.has(user) } : 'stale';
      }, STEP.fencedLook, user);
    },

    fencedReserve(sale, user, token) {
      return redis.call('script', () => {
        const found = existing(sale);
        return admit(found, token) ? reserveSeat(found, user) : 'stale';
      }, STEP.fencedReserve, user);
    },
  };
}
