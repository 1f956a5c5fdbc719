// One store's side of `ticketsim clean`: what it holds inside the scope of run names (listed, then
// read back to runs by the plan), and the removal of what the plan takes, in bounded batches.
import type { ServiceName } from '../ports.js';
import type { Found, RunLeftovers, Totals } from './plan.js';

/** What a removal deleted, counted as it goes (so a store that fails half-way still says how far it got). */
export type Removed = Omit<Totals, 'runs'>;

/** Nothing deleted yet. */
export function noneRemoved(): Removed {
  return { redisKeys: 0, mysqlRows: 0, fenceRows: 0, tables: 0, topics: 0, groups: 0 };
}

/** One reachable store. */
export interface LeftoverStore {
  readonly service: ServiceName;
  /** Lists the names this store holds where run names can be: its part of what was found. */
  list(): Promise<Found>;
  /**
   * Deletes what `runs` list in this store and nothing else, in batches of a bounded size, adding
   * to `removed` after each.
   */
  remove(runs: readonly RunLeftovers[], removed: Removed): Promise<void>;
  close(): Promise<void>;
}

/** `items` in consecutive batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
