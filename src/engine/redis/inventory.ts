// The real Inventory: a sale's stock and buyers in Redis. Every method is real round trips: plain
// commands for the step-by-step strategies, one Lua script for each atomic operation.
import type { Redis } from 'ioredis';
import { TicketsimError } from '../../errors.js';
import type { Inventory, Reservation, SaleId, UserId } from '../ports.js';
import { SALE_KEY_TTL_SECONDS, saleKeys } from './keys.js';
import { translateScriptCode } from './script-codes.js';
import { loadScripts } from './scripts.js';

/** Options of the Redis inventory. */
export interface RedisInventoryOptions {
  /** TTL of the keys a sale creates, in seconds (default SALE_KEY_TTL_SECONDS, 24 h). */
  ttlSeconds?: number;
}

function notFound(sale: SaleId): TicketsimError {
  return new TicketsimError(`sale ${JSON.stringify(sale)} does not exist in Redis`);
}

/** Parses a stock value read with GET; throws if someone else's data sits under the key. */
function parseStock(raw: string, sale: SaleId): number {
  const stock = Number(raw);
  if (!Number.isSafeInteger(stock)) throw new TicketsimError(`stock of sale ${JSON.stringify(sale)} is not an integer: ${JSON.stringify(raw)}`);
  return stock;
}

/**
 * Creates the Redis inventory over one ioredis client (the caller owns and closes it). Keys come
 * from keys.ts; every key a sale creates expires after `ttlSeconds`, and keys that existed before
 * are never overwritten or deleted.
 */
export function createRedisInventory(redis: Redis, options: RedisInventoryOptions = {}): Inventory {
  const ttlSeconds = options.ttlSeconds ?? SALE_KEY_TTL_SECONDS;
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) throw new TicketsimError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  const client = loadScripts(redis);

  return {
    async createSale(sale, stock) {
      if (!Number.isSafeInteger(stock) || stock < 0) throw new TicketsimError(`stock must be a non-negative integer, got ${stock}`);
      const keys = saleKeys(sale);
      const code = await client.ticketsimCreateSale(keys.stock, keys.buyers, stock, ttlSeconds);
      translateScriptCode(code, 'create-sale-2.lua', sale);
    },

    async readStock(sale) {
      const raw = await redis.get(saleKeys(sale).stock);
      if (raw === null) throw notFound(sale);
      return parseStock(raw, sale);
    },

    async writeStock(sale, stock) {
      // XX: never creates the key (a missing sale stays missing); KEEPTTL: the sale still expires.
      const done = await redis.set(saleKeys(sale).stock, String(stock), 'KEEPTTL', 'XX');
      if (done === null) throw notFound(sale);
    },

    async decrementStock(sale) {
      // Callers read the stock first (the strategies do), so the key exists; DECR has no bound check.
      return redis.decr(saleKeys(sale).stock);
    },

    async incrementStock(sale) {
      // Like decrementStock: callers know the sale exists (a cancel found its row first).
      return redis.incr(saleKeys(sale).stock);
    },

    async isBuyer(sale, user) {
      return (await redis.sismember(saleKeys(sale).buyers, user)) === 1;
    },

    async addBuyer(sale, user) {
      // One round trip: SADD, and EXPIRE so the buyer set never outlives the run by more than the TTL.
      const buyers = saleKeys(sale).buyers;
      const replies = await redis.multi().sadd(buyers, user).expire(buyers, ttlSeconds).exec();
      const [added] = replies ?? [];
      if (added === undefined) throw new TicketsimError(`SADD on sale ${JSON.stringify(sale)} was aborted`);
      if (added[0] !== null) throw added[0];
      return added[1] === 1;
    },

    async removeBuyer(sale, user) {
      return (await redis.srem(saleKeys(sale).buyers, user)) === 1;
    },

    async reserve(sale, user): Promise<Reservation> {
      const keys = saleKeys(sale);
      const answer = translateScriptCode(await client.ticketsimPurchase(keys.stock, keys.buyers, user, ttlSeconds), 'purchase-2.lua', sale);
      if (answer === 'ok') return 'reserved';
      if (answer === 'unchanged') throw new TicketsimError(`purchase-2.lua answered "unchanged" for sale ${JSON.stringify(sale)}`);
      return answer;
    },

    async release(sale, user) {
      const keys = saleKeys(sale);
      const answer = translateScriptCode(await client.ticketsimRelease(keys.stock, keys.buyers, user), 'release-2.lua', sale);
      if (answer === 'ok') return true;
      if (answer === 'unchanged') return false;
      throw new TicketsimError(`release-2.lua answered "${answer}" for sale ${JSON.stringify(sale)}`);
    },

    async inspect(sale) {
      const keys = saleKeys(sale);
      const [raw, buyers] = await Promise.all([redis.get(keys.stock), redis.smembers(keys.buyers)]);
      return { stock: raw === null ? undefined : parseStock(raw, sale), buyers };
    },
  };
}
