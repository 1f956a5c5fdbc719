// Invariant checks of one sale's stores, computed from what they hold after the run (not from the
// runner's own counters, except to explain a shortfall): nothing oversold, every seat sold, the
// buyer index and the records agree, seats conserved, one row per buyer; with the reported checks
// (reported-checks.ts), the table scenarios pick their checks from. Pure functions: each is
// unit-tested against planted violations. Every number a check shows says what it counts.
import type { CheckResult } from '../result.js';
import { count, counted, readsOf, sample, skippedCheck, stockText } from './check-text.js';
import { checkReportedMatchesData, checkReportedOncePerUser } from './reported-checks.js';
import { soldRows } from './sale-observation.js';
import type { SaleObservation } from './sale-observation.js';

/** The seats the counter says are left; a counter that is gone holds none. */
function seatsLeft(stock: number | 'missing'): number {
  return stock === 'missing' ? 0 : stock;
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
