// The sale a run works on: created under the run's own id, read back from both stores afterwards.
// Shared by every scenario that sells seats, so each one only describes its workload and checks.
import { saleKeys } from '../engine/redis/keys.js';
import type { Infrastructure, SaleId, UserId } from '../engine/ports.js';
import type { RunResult } from '../result.js';
import type { SaleObservation } from './sale-checks.js';

/** The user id of buyer number `index`. */
export function buyerId(index: number): UserId {
  return `user-${index}`;
}

/** The index of a buyer id made by buyerId(), or undefined for any other id. */
export function buyerIndex(user: UserId): number | undefined {
  const match = /^user-(\d+)$/.exec(user);
  return match === null ? undefined : Number(match[1]);
}

/** What the stores hold for a sale after a run. */
export type StoredSale = Pick<SaleObservation, 'remainingStock' | 'redisBuyers' | 'mysqlRows'>;

/** A created sale: its id, where its data lives, and how to read it back. */
export interface RunSale {
  sale: SaleId;
  data: RunResult['data'];
  /** Reads Redis (stock, buyer set) and MySQL (rows per user) in parallel; throws if a store fails. */
  readBack(): Promise<StoredSale>;
}

/** The sale a run works on: `concert-<runId>`, also its MySQL ticket_name. */
export function saleOf(runId: string): SaleId {
  return `concert-${runId}`;
}

/** Creates the run's sale, saleOf(runId), with `stock` seats (never overwrites anything). */
export async function openSale(infra: Infrastructure, runId: string, stock: number): Promise<RunSale> {
  const sale = saleOf(runId);
  await infra.inventory.createSale(sale, stock);
  const keys = saleKeys(sale);
  return {
    sale,
    data: { sale, redisKeys: [keys.stock, keys.buyers], mysqlTicketName: sale },
    async readBack() {
      const [redisSide, mysqlRows] = await Promise.all([infra.inventory.inspect(sale), infra.ledger.purchases(sale)]);
      return { remainingStock: redisSide.stock, redisBuyers: redisSide.buyers, mysqlRows };
    },
  };
}

/**
 * How many times each buyer was told `purchased`, by buyer index: a typed array, so a million
 * buyers cost 4 MB, not a million map entries.
 */
export class PurchaseTally {
  private readonly times: Uint32Array;

  constructor(users: number) {
    this.times = new Uint32Array(users);
  }

  /** Buyer `index` was told `purchased` once more. */
  purchased(index: number): void {
    this.times[index] = (this.times[index] ?? 0) + 1;
  }

  /** Buyers told `purchased` more than once, with how often. */
  repeats(): { userId: UserId; times: number }[] {
    const found: { userId: UserId; times: number }[] = [];
    this.times.forEach((times, index) => {
      if (times > 1) found.push({ userId: buyerId(index), times });
    });
    return found;
  }
}
