// Locks over Redlock (redlock 5 beta) on one Redis client: the `lock` strategy's distributed lock.
// A lock that cannot be had within the retry window is an outcome (undefined), not an error; a
// failing Redis is an error.
import Redlock, { ExecutionError, ResourceLockedError } from 'redlock';
import type { Lock, Settings } from 'redlock';
import type { Redis } from 'ioredis';
import type { EngineObserver, Lease, Locks } from '../ports.js';
import { saleKeys } from './keys.js';

/** Redlock's retry settings (every field optional), and who hears about each acquisition. */
export type RedlockLocksOptions = Partial<Pick<Settings, 'retryCount' | 'retryDelay' | 'retryJitter' | 'driftFactor'>> & {
  observer?: EngineObserver;
};

/**
 * Defaults: Redlock's own retry delay (200 ± 100 ms, uniform, mean 200) with 50 retries, so a
 * contender waits about 50 × 200 ms = 10 s at most before a lock timeout. That is long enough for a
 * 1,000-buyer burst to drain through one lock on the development machines (measured: ~2 s) and short
 * enough that a stuck lock shows up as lock timeouts within seconds. A shorter delay does not drain
 * the queue faster (measured: 50 ± 50 ms gave the same ~2.5 s burst) but makes 4× as many failed
 * attempts, each a Redis round trip and an error object, which starves the client's CPU.
 */
export const REDLOCK_DEFAULTS = Object.freeze({
  retryCount: 50,
  retryDelay: 200,
  retryJitter: 100,
  driftFactor: 0.01,
});

/**
 * The errors behind a failed Redlock operation, from every vote of every attempt. Empty when the
 * operation failed only because the resource was held (ResourceLockedError votes).
 */
async function infrastructureErrors(error: ExecutionError): Promise<Error[]> {
  const stats = await Promise.all(error.attempts);
  return stats.flatMap((s) => [...s.votesAgainst.values()]).filter((e) => !(e instanceof ResourceLockedError));
}

/** Rethrows a Redlock failure unless it only means "held by someone else" (or "no longer ours"). */
async function rethrowUnlessContention(error: unknown): Promise<void> {
  if (!(error instanceof ExecutionError)) throw error;
  const causes = await infrastructureErrors(error);
  // A Redis failure: throw the underlying error as-is so runs can group errors by their code.
  if (causes.length > 0) throw causes[causes.length - 1];
}

function leaseOf(redlock: Redlock, lock: Lock): Lease {
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        // No retries: a lock that expired (or was taken over) cannot be released, and needn't be.
        await redlock.release(lock, { retryCount: 0 });
      } catch (error) {
        await rethrowUnlessContention(error);
      }
    },
  };
}

/**
 * Creates Locks over Redlock with a single Redis client (one node: quorum of one); a sale's lock is
 * its key `ticketsim:{<sale>}:lock` (saleKeys). The caller owns the client. acquireSale() resolves
 * undefined when the lock stayed held for the whole retry window; it throws when Redis itself
 * failed (note: only after the retry window, since Redlock retries a failing node like a held
 * lock). Lease.release() never throws for an expired lock.
 */
export function createRedlockLocks(redis: Redis, options: RedlockLocksOptions = {}): Locks {
  const { observer, ...settings } = options;
  const redlock = new Redlock([redis], { ...REDLOCK_DEFAULTS, ...settings });
  // Redlock emits every failed vote as 'error'; an EventEmitter without a listener would throw it out
  // of Redlock's internals. The failures are inspected from ExecutionError.attempts instead.
  redlock.on('error', () => undefined);

  return {
    async acquireSale(sale, ttlMs) {
      let lock: Lock;
      try {
        lock = await redlock.acquire([saleKeys(sale).lock], Math.round(ttlMs));
      } catch (error) {
        await rethrowUnlessContention(error);
        observer?.lockAcquisition?.(false, (error as ExecutionError).attempts.length);
        return undefined;
      }
      observer?.lockAcquisition?.(true, lock.attempts.length);
      return leaseOf(redlock, lock);
    },
  };
}
