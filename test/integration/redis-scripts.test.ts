// The Lua scripts called directly on a real Redis, for the answers the inventory tests do not reach:
// which refusal wins when several apply (a missing sale before a stale token, a stale token before a
// duplicate buyer, a duplicate buyer before a stock that is not a number), what a refused step
// leaves behind (no key created, no token recorded), and the TTLs given only to keys without one.
// Each test owns its sale id and deletes only that sale's keys.
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../src/engine/redis/connect.js';
import { saleKeyList, saleKeys } from '../../src/engine/redis/keys.js';
import { loadScripts } from '../../src/engine/redis/scripts.js';
import type { ScriptCommands } from '../../src/engine/redis/scripts.js';
import { ownedId } from './owned-names.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('redis');

describe.skipIf(!available)('Lua scripts on the real server', () => {
  let redis: Redis & ScriptCommands;
  const sales: string[] = [];

  /** A fresh sale owned by the current test, with its stock set as given (a string: maybe not a number). */
  async function newSale(stock?: string): Promise<ReturnType<typeof saleKeys>> {
    const sale = `it-${ownedId()}`;
    sales.push(sale);
    const keys = saleKeys(sale);
    if (stock !== undefined) await redis.set(keys.stock, stock, 'EX', 600);
    return keys;
  }

  beforeAll(async () => {
    redis = loadScripts(await connectRedis({ ...servicesConfig.redis, connectTimeoutMs: servicesConfig.connectTimeoutMs }));
  });

  afterEach(async () => {
    for (const sale of sales.splice(0)) await redis.del(...saleKeyList(sale));
  });

  afterAll(() => {
    redis?.disconnect();
  });

  it('create-sale-2: creates once, with the TTL; a second call changes nothing', async () => {
    const keys = await newSale();
    expect(await redis.ticketsimCreateSale(keys.stock, keys.buyers, 5, 600)).toBe(1);
    expect(await redis.ticketsimCreateSale(keys.stock, keys.buyers, 9, 600)).toBe(-4);
    expect(await redis.get(keys.stock)).toBe('5');
    expect(await redis.ttl(keys.stock)).toBeGreaterThan(590);
  });

  it('purchase-2: a missing sale creates no key; a buyer is a duplicate before the stock is read as a number', async () => {
    const missing = await newSale();
    expect(await redis.ticketsimPurchase(missing.stock, missing.buyers, 'u1', 600)).toBe(-3);
    expect(await redis.exists(missing.stock, missing.buyers)).toBe(0);

    const corrupt = await newSale('many');
    await expect(redis.ticketsimPurchase(corrupt.stock, corrupt.buyers, 'u1', 600)).rejects.toThrow(
      `ERR ticketsim: stock of ${corrupt.stock} is not a number`,
    );
    await redis.sadd(corrupt.buyers, 'u1');
    expect(await redis.ticketsimPurchase(corrupt.stock, corrupt.buyers, 'u1', 600)).toBe(-1);
  });

  it('purchase-2: the buyer set gets the TTL only when it has none', async () => {
    const keys = await newSale('3');
    expect(await redis.ticketsimPurchase(keys.stock, keys.buyers, 'u1', 600)).toBe(1);
    expect(await redis.ttl(keys.buyers)).toBeGreaterThan(590);
    await redis.expire(keys.buyers, 100);
    expect(await redis.ticketsimPurchase(keys.stock, keys.buyers, 'u2', 600)).toBe(1);
    expect(await redis.ttl(keys.buyers)).toBeLessThanOrEqual(100);
    expect(await redis.get(keys.stock)).toBe('1');
  });

  it('release-2: a missing sale creates no key; a seat comes back once', async () => {
    const missing = await newSale();
    expect(await redis.ticketsimRelease(missing.stock, missing.buyers, 'u1')).toBe(-3);
    expect(await redis.exists(missing.stock, missing.buyers)).toBe(0);
    const keys = await newSale('0');
    await redis.sadd(keys.buyers, 'u1');
    expect(await redis.ticketsimRelease(keys.stock, keys.buyers, 'u1')).toBe(1);
    expect(await redis.ticketsimRelease(keys.stock, keys.buyers, 'u1')).toBe(0);
    expect(await redis.get(keys.stock)).toBe('1');
  });

  it('fenced-look-3: a missing sale records no token; a stale token is refused before the stock is read', async () => {
    const missing = await newSale();
    expect(await redis.ticketsimFencedLook(missing.stock, missing.buyers, missing.fenceSeen, 'u1', 5, 600)).toBe(-3);
    expect(await redis.exists(missing.stock, missing.buyers, missing.fenceSeen)).toBe(0);

    const keys = await newSale('2');
    await redis.sadd(keys.buyers, 'u1');
    expect(await redis.ticketsimFencedLook(keys.stock, keys.buyers, keys.fenceSeen, 'u1', 3, 600)).toEqual([2, 1]);
    expect(await redis.get(keys.fenceSeen)).toBe('3');
    expect(await redis.ttl(keys.fenceSeen)).toBeGreaterThan(590);
    // The same token again is not older: it looks again, and the fence keeps its TTL.
    await redis.expire(keys.fenceSeen, 100);
    expect(await redis.ticketsimFencedLook(keys.stock, keys.buyers, keys.fenceSeen, 'u2', 3, 600)).toEqual([2, 0]);
    expect(await redis.ttl(keys.fenceSeen)).toBeLessThanOrEqual(100);
    await redis.set(keys.stock, 'many', 'KEEPTTL');
    expect(await redis.ticketsimFencedLook(keys.stock, keys.buyers, keys.fenceSeen, 'u1', 2, 600)).toBe(-5);
    await expect(redis.ticketsimFencedLook(keys.stock, keys.buyers, keys.fenceSeen, 'u1', 4, 600)).rejects.toThrow(
      `ERR ticketsim: stock of ${keys.stock} is not a number`,
    );
  });

  it('fenced-purchase-3: refusals in order — missing sale, stale token, duplicate buyer, stock not a number, sold out', async () => {
    const missing = await newSale();
    expect(await redis.ticketsimFencedPurchase(missing.stock, missing.buyers, missing.fenceSeen, 'u1', 5, 600)).toBe(-3);
    expect(await redis.exists(missing.stock, missing.buyers, missing.fenceSeen)).toBe(0);

    const keys = await newSale('many');
    await redis.sadd(keys.buyers, 'u1');
    expect(await redis.ticketsimFencedPurchase(keys.stock, keys.buyers, keys.fenceSeen, 'u1', 2, 600)).toBe(-1);
    expect(await redis.get(keys.fenceSeen)).toBe('2');
    expect(await redis.ticketsimFencedPurchase(keys.stock, keys.buyers, keys.fenceSeen, 'u1', 1, 600)).toBe(-5);
    await expect(redis.ticketsimFencedPurchase(keys.stock, keys.buyers, keys.fenceSeen, 'u2', 2, 600)).rejects.toThrow(
      `ERR ticketsim: stock of ${keys.stock} is not a number`,
    );
    await redis.set(keys.stock, '0', 'KEEPTTL');
    expect(await redis.ticketsimFencedPurchase(keys.stock, keys.buyers, keys.fenceSeen, 'u2', 2, 600)).toBe(-2);
    expect(await redis.smembers(keys.buyers)).toEqual(['u1']);
  });

  it('fenced-purchase-3: reserves under the newest token, and the buyer set and the fence get the TTL', async () => {
    const keys = await newSale('1');
    expect(await redis.ticketsimFencedPurchase(keys.stock, keys.buyers, keys.fenceSeen, 'u1', 7, 600)).toBe(1);
    expect(await redis.get(keys.stock)).toBe('0');
    expect(await redis.smembers(keys.buyers)).toEqual(['u1']);
    expect(await redis.get(keys.fenceSeen)).toBe('7');
    for (const key of [keys.buyers, keys.fenceSeen]) expect(await redis.ttl(key)).toBeGreaterThan(590);
  });
});
