// The one module that names Redis keys. Every key of one sale shares the hash tag `{<sale>}`, so a
// sale's keys land in one slot and its multi-key Lua scripts also run on Redis Cluster.
import { TicketsimError } from '../../errors.js';
import type { SaleId } from '../ports.js';

/** Prefix of every key ticketsim writes; nothing outside it is ever touched. */
export const KEY_PREFIX = 'ticketsim';

/**
 * How long sale keys live (24 h). Long enough for any run and its checks, short enough that runs
 * never accumulate in a developer's Redis.
 */
export const SALE_KEY_TTL_SECONDS = 24 * 60 * 60;

/** The Redis keys of one sale. */
export interface SaleKeys {
  /** String: remaining seats. */
  readonly stock: string;
  /** Set: user ids that hold a seat. */
  readonly buyers: string;
  /** Lock resource taken by the `lock` strategy (Redlock writes it, with its own TTL). */
  readonly lock: string;
  /** String: the last fencing token issued for the sale (`fenced`: INCR, 1, 2, 3, …). */
  readonly fence: string;
  /** String: the newest fencing token that has touched the sale; steps with older ones are refused. */
  readonly fenceSeen: string;
}

/** Throws unless the sale id can sit inside a hash tag (non-empty, no braces). */
function checkSale(sale: SaleId): void {
  if (sale.length === 0 || /[{}]/.test(sale)) {
    throw new TicketsimError(`invalid sale id ${JSON.stringify(sale)}: it must be non-empty and contain no braces`);
  }
}

function tagOf(sale: SaleId): string {
  checkSale(sale);
  return `${KEY_PREFIX}:{${sale}}`;
}

/** The keys of `sale`: `ticketsim:{<sale>}:stock`, `…:buyers`, `…:lock`, `…:fence`, `…:fence-seen`. */
export function saleKeys(sale: SaleId): SaleKeys {
  const tag = tagOf(sale);
  return { stock: `${tag}:stock`, buyers: `${tag}:buyers`, lock: `${tag}:lock`, fence: `${tag}:fence`, fenceSeen: `${tag}:fence-seen` };
}

/** Every key a sale may own, for cleanup (`DEL …`) and inspection; all in one slot. */
export function saleKeyList(sale: SaleId): string[] {
  const keys = saleKeys(sale);
  return [keys.stock, keys.buyers, keys.lock, keys.fence, keys.fenceSeen];
}

/**
 * A SCAN/KEYS glob matching exactly the keys of `sale` (glob metacharacters in the id escaped),
 * for reports and cleanup of keys a future operation might add.
 */
export function saleKeyPattern(sale: SaleId): string {
  checkSale(sale);
  return `${KEY_PREFIX}:\\{${sale.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}\\}:*`;
}

/** `ticketsim:{<sale>}:…`, the sale captured. */
const KEY_SHAPE = new RegExp(`^${KEY_PREFIX}:\\{([^{}]+)\\}:`);

/**
 * The sale inside a key of the form `ticketsim:{<sale>}:…`, or undefined for any other key. Only
 * the shape is read: whether the key is one saleKeys() makes is for the caller to compare.
 */
export function saleOfKey(key: string): SaleId | undefined {
  return KEY_SHAPE.exec(key)?.[1];
}
