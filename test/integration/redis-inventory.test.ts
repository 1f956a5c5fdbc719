// The Redis inventory against a real Redis: every script path, TTLs, and that a sale never
// overwrites or deletes a key that existed before it. Each test uses its own sale id and deletes
// only the keys of the sales it created.
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SaleExistsError, SaleNotFoundError, TicketsimError } from '../../src/errors.js';
import { connectRedis } from '../../src/engine/redis/connect.js';
import { createRedisInventory } from '../../src/engine/redis/inventory.js';
import { SALE_KEY_TTL_SECONDS, saleKeyList, saleKeyPattern, saleKeys } from '../../src/engine/redis/keys.js';
import type { Inventory } from '../../src/engine/ports.js';
import { ownedId } from './owned-names.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('redis');

describe.skipIf(!available)('Redis inventory on the real server', () => {
  let redis: Redis;
  let inventory: Inventory;
  const sales: string[] = [];

  /** A fresh sale id owned by the current test; its keys are deleted afterwards. */
  function newSale(): string {
    const sale = `it-${ownedId()}`;
    sales.push(sale);
    return sale;
  }

  beforeAll(async () => {
    redis = await connectRedis({ ...servicesConfig.redis, connectTimeoutMs: servicesConfig.connectTimeoutMs });
    inventory = createRedisInventory(redis);
  });

  afterEach(async () => {
    for (const sale of sales.splice(0)) await redis.del(...saleKeyList(sale));
  });

  afterAll(() => {
    redis?.disconnect();
  });

  it('names every key of a sale under one hash tag', () => {
    expect(saleKeys('it-x')).toEqual({
      stock: 'ticketsim:{it-x}:stock',
      buyers: 'ticketsim:{it-x}:buyers',
      lock: 'ticketsim:{it-x}:lock',
      fence: 'ticketsim:{it-x}:fence',
      fenceSeen: 'ticketsim:{it-x}:fence-seen',
    });
    expect(saleKeyPattern('a*b')).toBe('ticketsim:\\{a\\*b\\}:*');
    expect(() => saleKeys('a}b')).toThrow(TicketsimError);
  });

  it('creates a sale with its stock and a TTL', async () => {
    const sale = newSale();
    await inventory.createSale(sale, 100);
    expect(await inventory.readStock(sale)).toBe(100);
    const ttl = await redis.ttl(saleKeys(sale).stock);
    expect(ttl).toBeGreaterThan(SALE_KEY_TTL_SECONDS - 10);
    expect(ttl).toBeLessThanOrEqual(SALE_KEY_TTL_SECONDS);
    expect(await inventory.inspect(sale)).toEqual({ stock: 100, buyers: [] });
  });

  it('refuses to create a sale twice and keeps the first one', async () => {
    const sale = newSale();
    await inventory.createSale(sale, 5);
    await inventory.decrementStock(sale);
    await expect(inventory.createSale(sale, 100)).rejects.toBeInstanceOf(SaleExistsError);
    expect(await inventory.readStock(sale)).toBe(4);
  });

  it('never overwrites a key that existed before, nor gives it a TTL', async () => {
    const sale = newSale();
    const { stock } = saleKeys(sale);
    await redis.set(stock, 'somebody else’s value');
    await expect(inventory.createSale(sale, 100)).rejects.toBeInstanceOf(TicketsimError);
    expect(await redis.get(stock)).toBe('somebody else’s value');
    expect(await redis.ttl(stock)).toBe(-1);

    const other = newSale();
    await redis.sadd(saleKeys(other).buyers, 'someone');
    await expect(inventory.createSale(other, 100)).rejects.toThrow(/already exists/);
    expect(await redis.exists(saleKeys(other).stock)).toBe(0);
    expect(await redis.smembers(saleKeys(other).buyers)).toEqual(['someone']);
  });

  it('reads, writes (keeping the TTL) and decrements the stock', async () => {
    const sale = newSale();
    const ttlInventory = createRedisInventory(redis, { ttlSeconds: 600 });
    await ttlInventory.createSale(sale, 10);
    await ttlInventory.writeStock(sale, 7);
    expect(await ttlInventory.readStock(sale)).toBe(7);
    expect(await redis.ttl(saleKeys(sale).stock)).toBeGreaterThan(590);
    expect(await ttlInventory.decrementStock(sale)).toBe(6);
    expect(await ttlInventory.readStock(sale)).toBe(6);
  });

  it('throws for a sale that does not exist and creates no key', async () => {
    const sale = newSale();
    const attempts = [() => inventory.readStock(sale), () => inventory.writeStock(sale, 5), () => inventory.reserve(sale, 'u1'), () => inventory.release(sale, 'u1')];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(SaleNotFoundError);
    expect(await redis.exists(...saleKeyList(sale))).toBe(0);
    expect(await inventory.inspect(sale)).toEqual({ stock: undefined, buyers: [] });
  });

  it('adds buyers once and gives the buyer set a TTL', async () => {
    const sale = newSale();
    await inventory.createSale(sale, 10);
    expect(await inventory.isBuyer(sale, 'u1')).toBe(false);
    expect(await inventory.addBuyer(sale, 'u1')).toBe(true);
    expect(await inventory.addBuyer(sale, 'u1')).toBe(false);
    expect(await inventory.isBuyer(sale, 'u1')).toBe(true);
    expect(await redis.ttl(saleKeys(sale).buyers)).toBeGreaterThan(SALE_KEY_TTL_SECONDS - 10);
  });

  it('reserves atomically: reserved, then duplicate for the same user, then sold out', async () => {
    const sale = newSale();
    await inventory.createSale(sale, 2);
    expect(await inventory.reserve(sale, 'u1')).toBe('reserved');
    expect(await inventory.reserve(sale, 'u1')).toBe('duplicate');
    expect(await inventory.reserve(sale, 'u2')).toBe('reserved');
    expect(await inventory.reserve(sale, 'u3')).toBe('sold-out');
    const state = await inventory.inspect(sale);
    expect(state.stock).toBe(0);
    expect(state.buyers.sort()).toEqual(['u1', 'u2']);
    expect(await redis.ttl(saleKeys(sale).buyers)).toBeGreaterThan(SALE_KEY_TTL_SECONDS - 10);
  });

  it('is sold out at once for a sale created with no stock', async () => {
    const sale = newSale();
    await inventory.createSale(sale, 0);
    expect(await inventory.reserve(sale, 'u1')).toBe('sold-out');
    expect(await inventory.inspect(sale)).toEqual({ stock: 0, buyers: [] });
  });

  it('releases a reservation once: the seat comes back a single time', async () => {
    const sale = newSale();
    await inventory.createSale(sale, 1);
    expect(await inventory.reserve(sale, 'u1')).toBe('reserved');
    expect(await inventory.release(sale, 'u1')).toBe(true);
    expect(await inventory.release(sale, 'u1')).toBe(false);
    expect(await inventory.release(sale, 'never-bought')).toBe(false);
    expect(await inventory.inspect(sale)).toEqual({ stock: 1, buyers: [] });
    expect(await inventory.reserve(sale, 'u2')).toBe('reserved');
    expect(await inventory.reserve(sale, 'u1')).toBe('sold-out');
  });

  it('never sells more than the stock under 500 concurrent reservations', async () => {
    const sale = newSale();
    await inventory.createSale(sale, 50);
    const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => inventory.reserve(sale, `u${i % 400}`)));
    expect(answers.filter((a) => a === 'reserved')).toHaveLength(50);
    const state = await inventory.inspect(sale);
    expect(state.stock).toBe(0);
    expect(new Set(state.buyers).size).toBe(50);
  });
});
