// The buyers of a sale, as every scenario that sells seats names and counts them.
import type { UserId } from '../engine/ports.js';

/** The user id of buyer number `index`. */
export function buyerId(index: number): UserId {
  return `user-${index}`;
}

/** The index of a buyer id made by buyerId(), or undefined for any other id. */
export function buyerIndex(user: UserId): number | undefined {
  const match = /^user-(\d+)$/.exec(user);
  return match === null ? undefined : Number(match[1]);
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
