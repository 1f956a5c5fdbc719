// The `fenced` strategy: the lock family's critical section, made safe
// against a holder that outlives its lock. Each round under the sale's lock takes a fencing token
// (INCR of the sale's own counter: 1, 2, 3, …), and the stores refuse a step that carries an older
// token than one they have already seen:
//   Redis  fenced-look-3.lua makes the token the newest the sale has seen (or refuses it), and
//          fenced-purchase-3.lua reserves only if no newer token touched the sale since, checking
//          buyer and stock again in the same atomic step
//   MySQL  writing synchronously, the INSERT or DELETE lands only while the sale's sale_fences row
//          still holds the token (Ledger.recordFenced / removeFenced)
// A refused step means the lock was lost: the round is abandoned (a seat it took goes back through
// the unfenced release: undoing one's own reservation is always safe) and the request starts again
// from the lock, at most MAX_ROUNDS times. The token is taken at the look, not only at the write:
// were only writes fenced, a stalled holder and its successor could both read the last seat, and
// both writes would be newer than anything accepted before them.
// Writing behind, the event is published as by every strategy: the event log orders the worker's
// writes, and the MySQL guard applies to synchronous writes only.
import type { CancelOutcome, PurchaseOutcome, SaleId, Strategy, StrategyDeps, UserId, Writer } from '../ports.js';
import { cancelPurchase } from './cancel-purchase.js';
import { LOCK_TTL_MS, pauseIfAsked, withSaleLock } from './lock-family.js';
import type { LockFamilyOptions } from './lock-family.js';
import { recordPurchase } from './record-purchase.js';

/** Rounds under the lock a request takes at most; after that its holder kept losing the lock. */
export const MAX_ROUNDS = 3;

type FencedWrites = NonNullable<Writer['fenced']>;

/** A round a store refused: it is tried again from the lock. */
type Stale = 'stale';

/**
 * Creates the fenced strategy. Options as the lock family's (the lock's TTL). A purchase that every
 * round lost to a newer token ends as `lock-timeout`, as one that never got the lock does.
 */
export function createFencedStrategy(deps: StrategyDeps, options: LockFamilyOptions = {}): Strategy {
  const { inventory, writer, locks, observer } = deps;
  const ttlMs = options.lockTtlMs ?? LOCK_TTL_MS;
  // Writing behind there is nothing to guard in the request; writing in it there must be.
  const guarded: FencedWrites | undefined = writer.mode === 'behind' ? undefined : writer.fenced;
  if (writer.mode === 'sync' && guarded === undefined) throw new TypeError('fenced needs a sync writer with fenced writes (createSyncWriter)');

  /** Reports a refused step and abandons the round. */
  const refused = (store: 'redis' | 'mysql'): Stale => {
    observer?.staleRefused?.(store);
    return 'stale';
  };

  /** Runs `round` holding the sale's lock until no store refuses it, at most MAX_ROUNDS times. */
  async function inRounds<T extends PurchaseOutcome | CancelOutcome>(sale: SaleId, round: () => Promise<T | Stale>): Promise<T | { kind: 'lock-timeout' }> {
    for (let n = 0; n < MAX_ROUNDS; n++) {
      const outcome = await withSaleLock(locks, sale, ttlMs, round);
      if (outcome !== 'stale') return outcome;
    }
    return { kind: 'lock-timeout' };
  }

  /** One purchase round under the lock: token, fenced look, (the fault's stall), fenced reservation, write. */
  async function purchaseRound(sale: SaleId, user: UserId): Promise<PurchaseOutcome | Stale> {
    const token = await inventory.issueFence(sale);
    const look = await inventory.fencedLook(sale, user, token);
    if (look === 'stale') return refused('redis');
    if (look.isBuyer) return { kind: 'duplicate', caughtBy: 'recheck' };
    if (look.stock <= 0) return { kind: 'sold-out' };
    await pauseIfAsked(deps, look.stock);
    const reservation = await inventory.fencedReserve(sale, user, token);
    if (reservation === 'stale') return refused('redis');
    if (reservation === 'sold-out') return { kind: 'sold-out' };
    // Only a writer that takes no token can get here: any fenced one in between would have made this stale.
    if (reservation === 'duplicate') return { kind: 'duplicate', caughtBy: 'script' };
    if (guarded === undefined) return recordPurchase(deps, sale, user, true);
    return insertFenced(guarded, sale, user, token);
  }

  /** The guarded INSERT; a seat it does not keep (stale, duplicate, a failure) goes back at once. */
  async function insertFenced(writes: FencedWrites, sale: SaleId, user: UserId, token: number): Promise<PurchaseOutcome | Stale> {
    let write;
    try {
      write = await writes.purchase(sale, user, token);
    } catch (error) {
      await inventory.release(sale, user).catch(() => undefined);
      throw error;
    }
    if (write === 'inserted') return { kind: 'purchased' };
    await inventory.release(sale, user);
    return write === 'duplicate' ? { kind: 'duplicate', caughtBy: 'ledger' } : refused('mysql');
  }

  /** One sync cancel round under the lock: the guarded DELETE decides; only a row gone frees the seat. */
  async function cancelRound(writes: FencedWrites, sale: SaleId, user: UserId): Promise<CancelOutcome | Stale> {
    const removed = await writes.cancel(sale, user, await inventory.issueFence(sale));
    if (removed === 'stale') return refused('mysql');
    if (!removed) return { kind: 'not-purchased' };
    await inventory.release(sale, user);
    return { kind: 'cancelled' };
  }

  return {
    name: 'fenced',
    async purchase(sale, user): Promise<PurchaseOutcome> {
      // The cheap rejection before the lock, as dcl: a repeat buyer causes no lock traffic.
      if (await inventory.isBuyer(sale, user)) return { kind: 'duplicate', caughtBy: 'precheck' };
      return inRounds(sale, () => purchaseRound(sale, user));
    },
    cancel(sale, user): Promise<CancelOutcome> {
      if (guarded !== undefined) return inRounds(sale, () => cancelRound(guarded, sale, user));
      // Writing behind: Redis decides (release-2.lua), then the event is published (cancelPurchase).
      return withSaleLock(locks, sale, ttlMs, () => cancelPurchase(deps, sale, user, () => inventory.release(sale, user)));
    },
  };
}
