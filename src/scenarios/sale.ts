// The sale a run works on: created under the run's own id, read back from both stores afterwards.
// Shared by every scenario that sells seats, so each one only describes its workload and checks.
import { runNames } from '../engine/run-names.js';
import type { RunNames } from '../engine/run-names.js';
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

/** A created sale: its id and how to read it back. */
export interface RunSale {
  sale: SaleId;
  /** Reads Redis (stock, buyer set) and MySQL (rows per user) in parallel; throws if a store fails. */
  readBack(): Promise<StoredSale>;
}

/** Creates the run's sale (see run-names.ts) with `stock` seats (never overwrites anything). */
export async function openSale(infra: Infrastructure, runId: string, stock: number): Promise<RunSale> {
  const { sale } = runNames(runId);
  await infra.inventory.createSale(sale, stock);
  return {
    sale,
    async readBack() {
      const [redisSide, mysqlRows] = await Promise.all([infra.inventory.inspect(sale), infra.ledger.purchases(sale)]);
      return { remainingStock: redisSide.stock, redisBuyers: redisSide.buyers, mysqlRows };
    },
  };
}

/**
 * Where a run's data lives, as the result says it: the sale's stock and buyer keys and its
 * ticket_name; a fenced run's also in the sale's fence keys and its sale_fences row.
 */
export function dataOf({ sale, keys }: RunNames, fenced: boolean): RunResult['data'] {
  if (!fenced) return { sale, redisKeys: [keys.stock, keys.buyers], mysqlTicketName: sale };
  return { sale, redisKeys: [keys.stock, keys.buyers, keys.fence, keys.fenceSeen], mysqlTicketName: sale, fenceRow: true };
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
