// The real Inventory: a sale's stock and buyers in Redis. Every method is real round trips: plain
// commands for the step-by-step strategies, one Lua script for each atomic operation (the fenced
// look and reservation included: the token compare runs inside the script).
import type { Redis } from 'ioredis';
import { SaleNotFoundError, TicketsimError } from '../../errors.js';
import type { Inventory, Reservation, SaleId, UserId } from '../ports.js';
import { SALE_KEY_TTL_SECONDS, saleKeys } from './keys.js';
import { translateScriptCode } from './script-codes.js';
import type { ScriptAnswer } from './script-codes.js';
import { loadScripts } from './scripts.js';

/** Options of the Redis inventory. */
export interface RedisInventoryOptions {
  /** TTL of the keys a sale creates, in seconds (default SALE_KEY_TTL_SECONDS, 24 h). */
  ttlSeconds?: number;
}

function notFound(sale: SaleId): SaleNotFoundError {
  return new SaleNotFoundError(`sale ${JSON.stringify(sale)} does not exist in Redis`);
}

/** Parses a stock value read with GET; throws if someone else's data sits under the key. */
function parseStock(raw: string, sale: SaleId): number {
  const stock = Number(raw);
  if (!Number.isSafeInteger(stock)) throw new TicketsimError(`stock of sale ${JSON.stringify(sale)} is not an integer: ${JSON.stringify(raw)}`);
  return stock;
}

/** The first reply of a MULTI … EXEC (a command and its EXPIRE), or its error thrown. */
function firstReply(replies: [Error | null, unknown][] | null, command: string, sale: SaleId): unknown {
  const [first] = replies ?? [];
  if (first === undefined) throw new TicketsimError(`${command} on sale ${JSON.stringify(sale)} was aborted`);
  if (first[0] !== null) throw first[0];
  return first[1];
}

/** A reservation script's answer as the port says it; any answer the script does not give throws. */
function reservationOf(answer: ScriptAnswer, script: string, sale: SaleId): Reservation | 'stale' {
  if (answer === 'ok') return 'reserved';
  if (answer === 'unchanged') throw new TicketsimError(`${script} answered "unchanged" for sale ${JSON.stringify(sale)}`);
  return answer;
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
      return firstReply(replies, 'SADD', sale) === 1;
    },

    async removeBuyer(sale, user) {
      return (await redis.srem(saleKeys(sale).buyers, user)) === 1;
    },

    async reserve(sale, user): Promise<Reservation> {
      const keys = saleKeys(sale);
      const answer = translateScriptCode(await client.ticketsimPurchase(keys.stock, keys.buyers, user, ttlSeconds), 'purchase-2.lua', sale);
      const reservation = reservationOf(answer, 'purchase-2.lua', sale);
      if (reservation === 'stale') throw new TicketsimError(`purchase-2.lua answered "stale" for sale ${JSON.stringify(sale)}`);
      return reservation;
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

    async issueFence(sale) {
      // One round trip: INCR, and EXPIRE so the counter never outlives the run by more than the TTL.
      const fence = saleKeys(sale).fence;
      const replies = await redis.multi().incr(fence).expire(fence, ttlSeconds).exec();
      return Number(firstReply(replies, 'INCR', sale));
    },

    async fencedLook(sale, user, token) {
      const keys = saleKeys(sale);
      const reply = await client.ticketsimFencedLook(keys.stock, keys.buyers, keys.fenceSeen, user, token, ttlSeconds);
      if (Array.isArray(reply)) return { stock: Number(reply[0]), isBuyer: reply[1] === 1 };
      const answer = translateScriptCode(reply, 'fenced-look-3.lua', sale);
      if (answer === 'stale') return 'stale';
      throw new TicketsimError(`fenced-look-3.lua answered "${answer}" for sale ${JSON.stringify(sale)}`);
    },

    async fencedReserve(sale, user, token) {
      const keys = saleKeys(sale);
      const reply = await client.ticketsimFencedPurchase(keys.stock, keys.buyers, keys.fenceSeen, user, token, ttlSeconds);
      return reservationOf(translateScriptCode(reply, 'fenced-purchase-3.lua', sale), 'fenced-purchase-3.lua', sale);
    },
  };
}
