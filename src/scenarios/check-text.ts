// How a check words what it found: counts with their separators and nouns, a sample of a long list,
// the stock counter, what the check read (each input with its store), and a check that could not be
// made. Shared by the sale, storm and write-behind checks, so every check's text reads alike.
import type { CheckResult } from '../result.js';
import { formatCount } from '../units.js';
import type { SaleReadBack } from './target.js';

/**
 * A check that could not be made because the target does not keep what it reads: shown with the
 * reason, never passed, and never counted toward PASS.
 */
export function skippedCheck(name: string, expected: string, reason: string): CheckResult {
  return { name, ok: false, skipped: reason, expected, observed: 'not kept', detail: `skipped: ${reason}` };
}

/** What a check reads: the target's records, stock counter, buyer index, or the answers the runner was given. */
export type CheckInput = 'records' | 'stock' | 'index' | 'answers';

const INPUT_LABEL: Readonly<Record<CheckInput, string>> = { records: 'records', stock: 'stock', index: 'buyer index', answers: 'the answers' };

/**
 * What a check read, each with the store it came from (`records (MySQL)`, `stock (Redis)`): the
 * result says it, so a report can show what each check's verdict rests on. Data the target does
 * not keep is left out.
 */
export function readsOf(o: Pick<SaleReadBack, 'names' | 'stock' | 'index'>, ...inputs: CheckInput[]): string[] {
  return inputs
    .filter((input) => (input === 'stock' ? o.stock !== undefined : input === 'index' ? o.index !== undefined : true))
    .map((input) => (input === 'answers' ? INPUT_LABEL.answers : `${INPUT_LABEL[input]} (${o.names[input]})`));
}

/** A count in a check's text, with thousands separators: `3497` → `3,497`. */
export const count = formatCount;

/** A count and what it counts, singular or plural: `1 seat`, `3,497 seats`. */
export function counted(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${Math.abs(value) === 1 ? one : many}`;
}

/** How many seats the stock counter says are left: `99`, or `missing`. */
export function stockText(stock: number | 'missing'): string {
  return stock === 'missing' ? 'missing' : count(stock);
}

/** The first few of a list (users, or what each did), for a detail column: `user-0, user-1, user-2 and 497 more`. */
export function sample(items: readonly string[], shown = 3): string {
  const more = items.length - shown;
  return items.slice(0, shown).join(', ') + (more > 0 ? ` and ${count(more)} more` : '');
}
