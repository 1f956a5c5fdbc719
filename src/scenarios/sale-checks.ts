// Invariant checks of one sale, computed from what the stores hold after the run (not from the
// runner's own counters, except to compare against them). Pure functions: each is unit-tested
// against planted violations. Every number a check shows says what it counts.
import type { UserId } from '../engine/ports.js';
import type { CheckResult, RunCounts } from '../result.js';
import type { BuyerAnswers } from './sale.js';
import type { SaleReadBack } from './target.js';

/** What the target's stores held after the run (store-neutral, see target.ts), plus what the runner saw. */
export interface SaleObservation extends SaleReadBack {
  initialStock: number;
  /** Distinct users who tried to buy. */
  demand: number;
  /** What the runner counted. */
  reported: {
    purchased: number;
    errors: number;
    lockTimeouts: number;
    notStarted: number;
    /** Arrivals of an open model dropped at the generator's in-flight cap: buyers who never tried. */
    dropped?: number;
    /** Operations the target refused without effect (rate-limited, overloaded). */
    rejected?: number;
    /**
     * Answers that did not say what happened (see attempt-outcome.ts): purchases that may have
     * bought a seat, and cancels that may have given one back.
     */
    unknown?: { purchases: number; cancels: number };
    /** Users whose attempts were answered `purchased` more than once (only scenarios that repeat track it). */
    repeatPurchasers?: readonly { userId: UserId; times: number }[];
    /**
     * When `purchased` is worked out from several replies' counts, those counts by what they are,
     * each signed as it was added (cancel-storm: purchased, re-bought, minus cancelled).
     */
    purchasedTerms?: readonly (readonly [what: string, count: number])[];
    /** What each buyer was answered, when the scenario kept it (purchases-only sales): checked user by user. */
    answers?: Pick<BuyerAnswers, 'acknowledged' | 'mayHold' | 'toldOf'>;
  };
}

/**
 * A check that could not be made because the target does not keep what it reads: shown with the
 * reason, never passed, and never counted toward PASS.
 */
export function skippedCheck(name: string, expected: string, reason: string): CheckResult {
  return { name, ok: false, skipped: reason, expected, observed: 'not kept', detail: `skipped: ${reason}` };
}

/** What the runner was told, from a purchases-only run's counts (every unknown answer a purchase). */
export function reportedOf(counts: RunCounts): SaleObservation['reported'] {
  return {
    purchased: counts.purchased,
    errors: counts.errors,
    lockTimeouts: counts.lockTimeout,
    notStarted: counts.notStarted,
    dropped: counts.dropped,
    rejected: counts.rejected,
    unknown: { purchases: counts.unknown, cancels: 0 },
  };
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
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** A count and what it counts, singular or plural: `1 seat`, `3,497 seats`. */
export function counted(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${Math.abs(value) === 1 ? one : many}`;
}

/** How many seats the stock counter says are left: `99`, or `missing`. */
export function stockText(stock: number | 'missing'): string {
  return stock === 'missing' ? 'missing' : count(stock);
}

/** The seats the counter says are left; a counter that is gone holds none. */
function seatsLeft(stock: number | 'missing'): number {
  return stock === 'missing' ? 0 : stock;
}

/** The first few of a list (users, or what each did), for a detail column: `user-0, user-1, user-2 and 497 more`. */
export function sample(items: readonly string[], shown = 3): string {
  const more = items.length - shown;
  return items.slice(0, shown).join(', ') + (more > 0 ? ` and ${count(more)} more` : '');
}

/** Rows sold according to the system of record (every row counts, duplicates included). */
export function soldRows(o: Pick<SaleReadBack, 'records'>): number {
  return o.records.reduce((sum, row) => sum + row.rows, 0);
}

/** Never more sold than stock; the stock counter, when kept, never below zero. */
export function checkNoOversell(o: SaleObservation): CheckResult {
  const sold = soldRows(o);
  const stockOk = o.stock === undefined || (o.stock !== 'missing' && o.stock >= 0);
  const ok = sold <= o.initialStock && stockOk;
  const problems = [
    sold > o.initialStock ? `oversold by ${count(sold - o.initialStock)}` : '',
    !stockOk ? `${o.names.stock} stock is ${stockText(o.stock!)}` : '',
  ].filter(Boolean);
  return {
    name: 'no-oversell',
    ok,
    expected: `sold ≤ ${count(o.initialStock)}`,
    observed: `rows sold ${count(sold)}${o.stock === undefined ? '' : `, stock left ${stockText(o.stock)}`}`,
    detail: ok ? 'none oversold' : problems.join('; '),
    reads: readsOf(o, 'records', 'stock'),
  };
}

/**
 * With demand ≥ stock every seat is sold, unless reported failures explain the shortfall; failures
 * can only explain seats still in stock (a failed attempt hands its seat back).
 */
export function checkExactSellOut(o: SaleObservation): CheckResult {
  const sold = soldRows(o);
  const target = Math.min(o.initialStock, o.demand);
  // Without a counter, the seats left are what the rows leave.
  const left = o.stock === undefined ? o.initialStock - sold : seatsLeft(o.stock);
  const dropped = o.reported.dropped ?? 0;
  const rejected = o.reported.rejected ?? 0;
  const unknown = o.reported.unknown?.purchases ?? 0;
  const failures = o.reported.errors + o.reported.lockTimeouts + o.reported.notStarted + dropped + rejected + unknown;
  const shortfall = target - sold;
  const explained = shortfall > 0 && shortfall <= failures && left >= shortfall;
  const ok = shortfall <= 0 ? sold === target : explained;
  const { errors, lockTimeouts, notStarted } = o.reported;
  const targetAnswers = `${rejected > 0 ? `, ${count(rejected)} rejected` : ''}${unknown > 0 ? `, ${count(unknown)} unknown` : ''}`;
  const failureText = `${counted(errors, 'error')}, ${counted(lockTimeouts, 'lock timeout')}, ${count(notStarted)} not started${dropped > 0 ? `, ${count(dropped)} dropped at the cap` : ''}${targetAnswers}`;
  let detail: string;
  if (shortfall === 0) detail = 'all sold';
  else if (shortfall < 0) detail = `${count(-shortfall)} sold beyond the ${count(target)} available`;
  else if (explained) detail = `${count(shortfall)} unsold, explained by ${failureText}`;
  else if (left < shortfall) detail = `${count(shortfall)} short, ${count(left)} left in stock: seats went to no sale`;
  else detail = `${count(shortfall)} unsold that no failure explains (${failureText})`;
  return { name: 'exact-sell-out', ok, expected: `sold = ${count(target)}`, observed: `rows sold ${count(sold)}`, detail, reads: readsOf(o, 'records', 'stock', 'answers') };
}

/** The buyer index and the records name the same users (the engine's Redis buyer set and MySQL rows). */
export function checkIndexAgrees(o: SaleObservation): CheckResult {
  const name = 'index-agrees';
  if (o.index === undefined) return skippedCheck(name, 'same buyers', 'the target keeps no second copy of the buyer list');
  const inIndex = new Set(o.index);
  const inRecords = new Set(o.records.map((row) => row.userId));
  const onlyIndex = [...inIndex].filter((u) => !inRecords.has(u));
  const onlyRecords = [...inRecords].filter((u) => !inIndex.has(u));
  const ok = onlyIndex.length === 0 && onlyRecords.length === 0;
  return {
    name,
    ok,
    expected: 'same buyers',
    observed: `buyers: ${o.names.index} ${count(inIndex.size)}, ${o.names.records} ${count(inRecords.size)}`,
    detail: ok
      ? 'buyer set = rows'
      : [
          onlyIndex.length ? `${counted(onlyIndex.length, 'buyer')} only in ${o.names.index} (${sample(onlyIndex)})` : '',
          onlyRecords.length ? `${counted(onlyRecords.length, 'buyer')} only in ${o.names.records} (${sample(onlyRecords)})` : '',
        ]
          .filter(Boolean)
          .join('; '),
    reads: readsOf(o, 'index', 'records'),
  };
}

/**
 * Remaining stock plus the records equals the initial stock: a record per seat sold, so more means
 * seats were created (lost updates, over-stocking) and fewer means seats leaked: taken from the
 * stock, with no record to show for it (an order write that failed after the seat was taken).
 */
export function checkConservation(o: SaleObservation): CheckResult {
  const name = 'conservation';
  const expected = `left + records = ${count(o.initialStock)}`;
  if (o.stock === undefined) return skippedCheck(name, expected, 'the target keeps no stock counter');
  const held = soldRows(o);
  const total = seatsLeft(o.stock) + held;
  const ok = o.stock !== 'missing' && total === o.initialStock;
  return {
    name,
    ok,
    expected,
    observed: `left ${stockText(o.stock)} + records ${count(held)} = ${count(total)}`,
    detail: ok
      ? 'none created or leaked'
      : o.stock === 'missing'
        ? `the ${o.names.stock} stock counter is gone`
        : total > o.initialStock
        ? `${counted(total - o.initialStock, 'seat')} created`
        : `${counted(o.initialStock - total, 'seat')} leaked`,
    reads: readsOf(o, 'stock', 'records'),
  };
}

/** No user holds more than one row of the sale. */
export function checkNoDoubleBuyer(o: SaleObservation): CheckResult {
  const doubled = o.records.filter((row) => row.rows > 1);
  const ok = doubled.length === 0;
  return {
    name: 'no-double-buyer',
    ok,
    expected: '≤ 1 row per user',
    observed: ok ? 'none twice' : `${counted(doubled.length, 'user')} with 2 rows or more`,
    detail: ok ? 'one per person' : sample(doubled.map((row) => `${row.userId} holds ${count(row.rows)} rows`)),
    reads: readsOf(o, 'records'),
  };
}

/** `purchased 1,000 + re-bought 1,000 − cancelled 2,000 = 0`, or `purchased 100`. */
function toldText(reported: SaleObservation['reported']): string {
  const terms = reported.purchasedTerms;
  if (terms === undefined) return `purchased ${count(reported.purchased)}`;
  // A term subtracted stays subtracted at zero (−0 from `-counts.cancelled`).
  const minus = (n: number) => n < 0 || Object.is(n, -0);
  const sum = terms.map(([what, n], i) => `${i === 0 ? (minus(n) ? '−' : '') : minus(n) ? ' − ' : ' + '}${what} ${count(Math.abs(n))}`).join('');
  return `${sum} = ${count(reported.purchased)}`;
}

/**
 * User by user, when the scenario kept each buyer's answers: every user told `purchased` holds a
 * record, and every record belongs to a user told `purchased` or answered unknown. Sentences, empty
 * when both hold.
 */
function userByUser(o: SaleObservation): string[] {
  const answers = o.reported.answers;
  if (answers === undefined) return [];
  const holders = new Set(o.records.filter((row) => row.rows > 0).map((row) => row.userId));
  const missing = answers.acknowledged().filter((user) => !holders.has(user));
  const unexplained = [...holders].filter((user) => !answers.mayHold(user));
  const toldInstead = new Set(unexplained.flatMap((user) => answers.toldOf(user)));
  const neverAsked = unexplained.filter((user) => answers.toldOf(user).length === 0).length;
  const whom = [...(toldInstead.size > 0 ? [`told ${orList([...toldInstead])}`] : []), ...(neverAsked > 0 ? ['who never asked'] : [])];
  return [
    missing.length > 0 ? `${counted(missing.length, 'acknowledged purchase')} ${missing.length === 1 ? 'has' : 'have'} no record (${sample(missing)})` : '',
    unexplained.length > 0 ? `${counted(unexplained.length, 'record')} for users ${whom.join(' or ')} (${sample(unexplained)})` : '',
  ].filter(Boolean);
}

/** `sold-out, duplicate or rejected`. */
function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/**
 * What the runner was told is what the stores hold: in total (rows within the purchases told,
 * give or take the unknown answers) and, when the scenario kept each buyer's answers, user by user.
 */
export function checkReportedMatchesData(o: SaleObservation): CheckResult {
  const sold = soldRows(o);
  const { purchased } = o.reported;
  // An unknown purchase may have bought a seat, an unknown cancel may have given one back.
  const { purchases: mayHaveBought, cancels: mayHaveCancelled } = o.reported.unknown ?? { purchases: 0, cancels: 0 };
  const totalOk = sold >= purchased - mayHaveCancelled && sold <= purchased + mayHaveBought;
  const perUser = userByUser(o);
  const ok = totalOk && perUser.length === 0;
  const unknownText = mayHaveBought + mayHaveCancelled > 0 ? `; ${counted(mayHaveBought + mayHaveCancelled, 'answer')} unknown` : '';
  let detail: string;
  if (ok) detail = sold === purchased ? 'every purchase told is stored' : `rows differ from told by ${count(Math.abs(sold - purchased))}, within the unknown answers`;
  else if (perUser.length > 0) detail = perUser.join('; ');
  else if (purchased - mayHaveCancelled > sold) detail = `${counted(purchased - mayHaveCancelled - sold, 'purchase')} told but not stored`;
  else detail = `${counted(sold - purchased - mayHaveBought, 'row')} stored that no reply told of`;
  return {
    name: 'reported-matches-data',
    ok,
    expected: unknownText === '' ? 'told = rows' : 'told ≈ rows ± unknown',
    observed: `told ${toldText(o.reported)}; rows ${count(sold)}${unknownText}`,
    detail,
    reads: readsOf(o, 'records', 'answers'),
  };
}

/** No user was told `purchased` more than once: one ticket per person, as the buyers saw it. */
export function checkReportedOncePerUser(o: SaleObservation): CheckResult {
  const repeats = o.reported.repeatPurchasers ?? [];
  const ok = repeats.length === 0;
  return {
    name: 'reported-once-per-user',
    ok,
    expected: 'told ≤ 1 each',
    observed: ok ? 'none twice' : `${counted(repeats.length, 'user')} told purchased twice or more`,
    detail: ok ? 'one per person' : sample(repeats.map((r) => `${r.userId} told ${count(r.times)} times`)),
    reads: readsOf(o, 'answers'),
  };
}

/** Every sale check by the name it reports. */
const SALE_CHECKS = {
  'no-oversell': checkNoOversell,
  'exact-sell-out': checkExactSellOut,
  'index-agrees': checkIndexAgrees,
  conservation: checkConservation,
  'no-double-buyer': checkNoDoubleBuyer,
  'reported-once-per-user': checkReportedOncePerUser,
  'reported-matches-data': checkReportedMatchesData,
} as const satisfies Record<string, (o: SaleObservation) => CheckResult>;

export type SaleCheckName = keyof typeof SALE_CHECKS;

/** The checks a one-attempt-per-buyer sale (oversell) runs, in the order they are shown. */
const SALE_CHECK_ORDER: readonly SaleCheckName[] = [
  'no-oversell',
  'exact-sell-out',
  'index-agrees',
  'conservation',
  'no-double-buyer',
  'reported-matches-data',
];

/** Runs the named checks (default: {@link SALE_CHECK_ORDER}) in order. */
export function checkSale(o: SaleObservation, names: readonly SaleCheckName[] = SALE_CHECK_ORDER): CheckResult[] {
  return names.map((name) => SALE_CHECKS[name](o));
}
