// The in-process Locks with Redlock's semantics on one simulated Redis: taking a sale's lock is an
// atomic "set if absent, expire after ttl" with bounded retries and jittered back-off; leases
// expire in virtual time; release deletes the entry only while it still holds this lease's token.
import { UsageError } from '../../errors.js';
import type { Clock, EngineObserver, Lease, Locks, SaleId } from '../ports.js';
import { LOCK_DEFAULTS, createRedisServer, createServiceTimes } from './latency.js';
import type { RedisServer } from './latency.js';
import { named } from './store-view.js';
import type { Random } from './random.js';
import type { StepKind } from './step-schedule.js';

/** Dependencies and settings of {@link createMemoryLocks}; defaults match the real Redlock set-up. */
export interface MemoryLocksOptions {
  clock: Clock;
  random: Random;
  /** Retries after the first attempt (default 100); attempts = retryCount + 1. */
  retryCount?: number;
  /** Base wait between attempts in ms (default 50). */
  retryDelayMs?: number;
  /** The wait varies by up to ± this many ms (default 50), as in Redlock. */
  retryJitterMs?: number;
  /** The simulated Redis shared with the inventory; own one if absent. */
  redis?: RedisServer;
  /** Told about every acquisition: granted or not, and after how many tries. */
  observer?: EngineObserver;
}

/** Taking and giving back the lock, as steps of an explored run. */
const TAKE: StepKind = { store: 'Redis', label: 'SET lock NX PX', reads: ['lock'], writes: ['lock'] };
const GIVE_BACK: StepKind = { store: 'Redis', label: 'EVALSHA unlock', reads: ['lock'], writes: ['lock'] };

/** The in-process Locks, whose holders an explored run's timeline can look at. */
export interface MemoryLocks extends Locks {
  /** Each sale's lock: `lock` → `free`, or `held` while a lease lives. */
  view(): Record<string, string>;
}

interface Held {
  token: string;
  expiresAtUs: number;
}

function checkSetting(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new UsageError(`locks: ${name} must be a whole number ≥ 0, not ${value}`);
  return value;
}

/**
 * Creates in-process distributed locks, one per sale. `acquireSale` returns undefined after
 * `retryCount` failed retries (a lock timeout, an outcome). A lease that outlives its ttl is
 * silently lost: a later acquirer may take the sale's lock, and the late holder's release leaves
 * the new holder's lock alone.
 */
export function createMemoryLocks(options: MemoryLocksOptions): MemoryLocks {
  const { clock } = options;
  const retryCount = checkSetting('retryCount', options.retryCount ?? LOCK_DEFAULTS.retryCount);
  const retryDelayMs = checkSetting('retryDelayMs', options.retryDelayMs ?? LOCK_DEFAULTS.retryDelayMs);
  const retryJitterMs = checkSetting('retryJitterMs', options.retryJitterMs ?? LOCK_DEFAULTS.retryJitterMs);
  const times = createServiceTimes(options.random.fork());
  const redis = options.redis ?? createRedisServer({ clock, random: options.random.fork() });
  const held = new Map<SaleId, Held>();
  /** Every sale whose lock was ever asked for, so a view says `free` rather than nothing. */
  const asked = new Set<SaleId>();
  let tokens = 0;

  /** Whether a lease still holds the sale's lock now (without touching it). */
  const holds = (entry: Held | undefined): entry is Held => entry !== undefined && clock.nowUs() <= entry.expiresAtUs;

  /** Redis semantics: a key with a PX expiry is gone once the clock passes its expiry time. */
  const live = (sale: SaleId): Held | undefined => {
    const entry = held.get(sale);
    if (entry !== undefined && !holds(entry)) {
      held.delete(sale);
      return undefined;
    }
    return entry;
  };

  const trySet = (sale: SaleId, token: string, ttlMs: number): Promise<boolean> =>
    redis.call('script', () => {
      asked.add(sale);
      if (live(sale) !== undefined) return false;
      held.set(sale, { token, expiresAtUs: clock.nowUs() + Math.round(ttlMs * 1000) });
      return true;
    }, TAKE);

  const lease = (sale: SaleId, token: string): Lease => ({
    async release() {
      await redis.call('script', () => {
        if (live(sale)?.token === token) held.delete(sale);
      }, GIVE_BACK);
    },
  });

  return {
    view() {
      const entries: Record<string, string> = {};
      for (const sale of asked) entries[named('lock', sale, asked.size)] = holds(held.get(sale)) ? 'held' : 'free';
      return entries;
    },

    async acquireSale(sale, ttlMs) {
      if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) throw new UsageError(`locks: ttl must be a positive number of ms, not ${ttlMs}`);
      const token = `${sale}:${++tokens}`;
      for (let attempt = 0; attempt <= retryCount; attempt++) {
        if (await trySet(sale, token, ttlMs)) {
          options.observer?.lockAcquisition?.(true, attempt + 1);
          return lease(sale, token);
        }
        if (attempt < retryCount) await clock.sleep(times.lockRetryDelay(retryDelayMs, retryJitterMs));
      }
      options.observer?.lockAcquisition?.(false, retryCount + 1);
      return undefined;
    },
  };
}
