// The lock family: one lock per sale (Redlock on the real services) around read stock → check →
// decrement → add buyer → insert the purchase. Its three members differ only in where they look
// the buyer up in the Redis buyer set:
//   lock      nowhere: the original v2; a repeat buyer's decrement is never handed back
//   precheck  before the lock only: the broken half of double-checked locking
//   dcl       before the lock (cheap rejection, no lock traffic) and again under it: the original v3
// All three cancel the seed's way (v4), under the same lock: DELETE the row; only if one went, give
// the seat back (stock + 1) and take the buyer out of the set (writing behind: see cancelPurchase).
// The sale's lock and the pause-holder fault's stall are shared with `fenced`.
import type { CancelOutcome, Lease, Locks, PurchaseOutcome, SaleId, Strategy, StrategyDeps, UserId } from '../ports.js';
import { LOCK_TTL_MS } from '../../config/defaults.js';
import { cancelPurchase } from './cancel-purchase.js';
import { recordPurchase } from './record-purchase.js';

/** Default lock TTL, ms: declared once with the other defaults. */
export { LOCK_TTL_MS };

/**
 * Runs `section` holding the sale's lock for at most `ttlMs`; `lock-timeout` when the lock could not
 * be had. A section that outlives the TTL is not stopped: it just no longer excludes anyone.
 */
export async function withSaleLock<T>(locks: Locks, sale: SaleId, ttlMs: number, section: () => Promise<T>): Promise<T | { kind: 'lock-timeout' }> {
  const lease: Lease | undefined = await locks.acquireSale(sale, ttlMs);
  if (lease === undefined) return { kind: 'lock-timeout' };
  try {
    return await section();
  } finally {
    // A release failure must not hide the section's own error, and after a finished section it
    // must not turn an outcome into an error either: the lock expires by its TTL, so it is dropped.
    await lease.release().catch(() => undefined);
  }
}

/**
 * The pause-holder fault's hook: a lock holder about to change the stock, its checks done (it saw
 * `stockSeen` seats left), stalls here for as long as the run's faults say (usually not at all).
 */
export async function pauseIfAsked({ faults, clock }: Pick<StrategyDeps, 'faults' | 'clock'>, stockSeen: number): Promise<void> {
  const pauseMs = faults?.holderPause?.(stockSeen) ?? 0;
  if (pauseMs > 0) await clock.sleep(pauseMs);
}

/** Where a member of the family looks the buyer up. */
export interface BuyerLookups {
  /** Before taking the lock: a repeat buyer is turned away without any lock traffic. */
  before: boolean;
  /** Under the lock: the only look-up no concurrent request of the same buyer can slip past. */
  under: boolean;
}

/** The look-ups of each member of the family. */
export const LOCK_FAMILY = {
  lock: { before: false, under: false },
  precheck: { before: true, under: false },
  dcl: { before: true, under: true },
} as const satisfies Record<string, BuyerLookups>;

export type LockFamilyName = keyof typeof LOCK_FAMILY;

/** Options of the lock family. */
export interface LockFamilyOptions {
  /**
   * How long the lock is held at most, in ms (default 2,000). The critical section is a few round
   * trips (~1–5 ms); the TTL only matters when a holder stalls, and then it is the window in which
   * nobody else may buy. A holder that stalls past it loses mutual exclusion (see `fenced`).
   */
  lockTtlMs?: number;
}

/**
 * Creates `lock`, `precheck` or `dcl`. Without a look-up under the lock, two requests of one buyer
 * can both reach the decrement: the second one's seat is taken, the buyer set already holds the
 * buyer (addBuyer answers false), the ledger's UNIQUE key refuses the row, and because this
 * attempt did not add the buyer it may not release them, so the seat stays consumed by nobody.
 * That leak is what the `spam` scenario's conservation check catches.
 */
export function createLockFamilyStrategy(name: LockFamilyName, deps: StrategyDeps, options: LockFamilyOptions = {}): Strategy {
  const { inventory, locks } = deps;
  const lookups = LOCK_FAMILY[name];
  const ttlMs = options.lockTtlMs ?? LOCK_TTL_MS;

  /** The purchase's critical section, run while holding the sale's lock. */
  async function underLock(sale: SaleId, user: UserId): Promise<PurchaseOutcome> {
    if (lookups.under && (await inventory.isBuyer(sale, user))) return { kind: 'duplicate', caughtBy: 'recheck' };
    const stock = await inventory.readStock(sale);
    if (stock <= 0) return { kind: 'sold-out' };
    await pauseIfAsked(deps, stock);
    await inventory.decrementStock(sale);
    const added = await inventory.addBuyer(sale, user);
    return recordPurchase(deps, sale, user, added);
  }

  return {
    name,
    async purchase(sale, user): Promise<PurchaseOutcome> {
      if (lookups.before && (await inventory.isBuyer(sale, user))) return { kind: 'duplicate', caughtBy: 'precheck' };
      return withSaleLock(locks, sale, ttlMs, () => underLock(sale, user));
    },
    cancel(sale, user): Promise<CancelOutcome> {
      // The seed's order once the row went: stock + 1, then drop the buyer.
      const giveBack = async () => {
        await inventory.incrementStock(sale);
        await inventory.removeBuyer(sale, user);
      };
      return withSaleLock(locks, sale, ttlMs, () => cancelPurchase(deps, sale, user, giveBack));
    },
  };
}
