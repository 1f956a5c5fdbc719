// Invariant checks of one sale, computed from what the stores hold after the run (not from the
// runner's own counters, except to compare against them). Pure functions: each is unit-tested
// against planted violations.
import type { PurchaseRow, UserId } from '../engine/ports.js';
import type { CheckResult } from '../result.js';

/** Everything read back from Redis and MySQL after a run, plus what the runner saw. */
export interface SaleObservation {
  initialStock: number;
  /** Distinct users who tried to buy. */
  demand: number;
  /** Redis: remaining stock (undefined if the key is gone). */
  remainingStock: number | undefined;
  /** Redis: the buyer set. */
  redisBuyers: readonly UserId[];
  /** MySQL: rows of this sale, per user. */
  mysqlRows: readonly PurchaseRow[];
  /** What the runner counted. */
  reported: {
    purchased: number;
    errors: number;
    lockTimeouts: number;
    notStarted: number;
    /** Arrivals of an open model dropped at the generator's in-flight cap: buyers who never tried. */
    dropped?: number;
    /** Users whose attempts were answered `purchased` more than once (only scenarios that repeat track it). */
    repeatPurchasers?: readonly { userId: UserId; times: number }[];
  };
}

/** The first few users of a list, for a detail column. */
export function sample(users: readonly string[]): string {
  return users.slice(0, 3).join(', ') + (users.length > 3 ? ', …' : '');
}

/** Rows sold according to MySQL (every row counts, duplicates included). */
export function soldRows(o: Pick<SaleObservation, 'mysqlRows'>): number {
  return o.mysqlRows.reduce((sum, row) => sum + row.rows, 0);
}

/** Never more sold than stock; Redis stock never below zero. */
export function checkNoOversell(o: SaleObservation): CheckResult {
  const sold = soldRows(o);
  const stockOk = o.remainingStock !== undefined && o.remainingStock >= 0;
  const ok = sold <= o.initialStock && stockOk;
  const problems = [
    sold > o.initialStock ? `oversold by ${sold - o.initialStock}` : '',
    !stockOk ? `Redis stock is ${o.remainingStock ?? 'missing'}` : '',
  ].filter(Boolean);
  return {
    name: 'no-oversell',
    ok,
    expected: `sold ≤ ${o.initialStock}`,
    observed: `sold ${sold}, stock ${o.remainingStock ?? 'missing'}`,
    detail: ok ? 'none oversold' : problems.join('; '),
  };
}

/**
 * With demand ≥ stock every seat is sold, unless reported failures explain the shortfall; failures
 * can only explain seats still in stock (a failed attempt hands its seat back).
 */
export function checkExactSellOut(o: SaleObservation): CheckResult {
  const sold = soldRows(o);
  const target = Math.min(o.initialStock, o.demand);
  const left = o.remainingStock ?? 0;
  const dropped = o.reported.dropped ?? 0;
  const failures = o.reported.errors + o.reported.lockTimeouts + o.reported.notStarted + dropped;
  const shortfall = target - sold;
  const explained = shortfall > 0 && shortfall <= failures && left >= shortfall;
  const ok = shortfall <= 0 ? sold === target : explained;
  const failureText = `${o.reported.errors} errors, ${o.reported.lockTimeouts} lock timeouts, ${o.reported.notStarted} not started${dropped > 0 ? `, ${dropped} dropped at the cap` : ''}`;
  let detail: string;
  if (shortfall === 0) detail = 'all sold';
  else if (shortfall < 0) detail = `${-shortfall} sold beyond the ${target} available`;
  else if (explained) detail = `${shortfall} unsold, explained by ${failureText}`;
  else if (left < shortfall) detail = `${shortfall} short, ${left} left in stock: seats went to no sale`;
  else detail = `${shortfall} unsold that no failure explains (${failureText})`;
  return { name: 'exact-sell-out', ok, expected: `sold = ${target}`, observed: `sold ${sold}`, detail };
}

/** Redis's buyer set and MySQL's rows name the same users. */
export function checkStoresAgree(o: SaleObservation): CheckResult {
  const inRedis = new Set(o.redisBuyers);
  const inMysql = new Set(o.mysqlRows.map((row) => row.userId));
  const onlyRedis = [...inRedis].filter((u) => !inMysql.has(u));
  const onlyMysql = [...inMysql].filter((u) => !inRedis.has(u));
  const ok = onlyRedis.length === 0 && onlyMysql.length === 0;
  return {
    name: 'redis-mysql-agree',
    ok,
    expected: 'same buyers',
    observed: `redis ${inRedis.size}, mysql ${inMysql.size}`,
    detail: ok
      ? 'buyer set = rows'
      : [onlyRedis.length ? `${onlyRedis.length} only in Redis (${sample(onlyRedis)})` : '', onlyMysql.length ? `${onlyMysql.length} only in MySQL (${sample(onlyMysql)})` : '']
          .filter(Boolean)
          .join('; '),
  };
}

/**
 * Remaining stock plus seats held by buyers equals the initial stock. More means seats were created
 * (lost updates, over-stocking); fewer means seats leaked: taken from the stock, held by nobody.
 */
export function checkConservation(o: SaleObservation): CheckResult {
  const held = new Set(o.redisBuyers).size;
  const total = (o.remainingStock ?? 0) + held;
  const ok = o.remainingStock !== undefined && total === o.initialStock;
  return {
    name: 'conservation',
    ok,
    expected: `left + sold = ${o.initialStock}`,
    observed: `${o.remainingStock ?? 'missing'} + ${held} = ${total}`,
    detail: ok
      ? 'none created or leaked'
      : total > o.initialStock
        ? `${total - o.initialStock} seats created`
        : `${o.initialStock - total} seats leaked`,
  };
}

/** No user holds more than one row of the sale. */
export function checkNoDoubleBuyer(o: SaleObservation): CheckResult {
  const doubled = o.mysqlRows.filter((row) => row.rows > 1);
  const ok = doubled.length === 0;
  return {
    name: 'no-double-buyer',
    ok,
    expected: '≤ 1 row per user',
    observed: ok ? 'none twice' : `${doubled.length} users twice or more`,
    detail: ok ? 'one per person' : doubled.slice(0, 3).map((row) => `${row.userId} × ${row.rows}`).join(', '),
  };
}

/** What the runner reported as purchased is what the stores hold. */
export function checkReportedMatchesData(o: SaleObservation): CheckResult {
  const sold = soldRows(o);
  const ok = o.reported.purchased === sold;
  return {
    name: 'reported-matches-data',
    ok,
    expected: 'reported = stored',
    observed: `${o.reported.purchased} = ${sold}`,
    detail: ok ? 'all stored' : `${Math.abs(o.reported.purchased - sold)} ${o.reported.purchased > sold ? 'reported but not stored' : 'stored but not reported'}`,
  };
}

/** No user was told `purchased` more than once: one ticket per person, as the buyers saw it. */
export function checkReportedOncePerUser(o: SaleObservation): CheckResult {
  const repeats = o.reported.repeatPurchasers ?? [];
  const ok = repeats.length === 0;
  return {
    name: 'reported-once-per-user',
    ok,
    expected: 'reported ≤ 1 each',
    observed: ok ? 'none twice' : `${repeats.length} users told twice or more`,
    detail: ok ? 'one per person' : sample(repeats.map((r) => `${r.userId} × ${r.times}`)),
  };
}

/** Every sale check by the name it reports. */
const SALE_CHECKS = {
  'no-oversell': checkNoOversell,
  'exact-sell-out': checkExactSellOut,
  'redis-mysql-agree': checkStoresAgree,
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
  'redis-mysql-agree',
  'conservation',
  'no-double-buyer',
  'reported-matches-data',
];

/** Runs the named checks (default: {@link SALE_CHECK_ORDER}) in order. */
export function checkSale(o: SaleObservation, names: readonly SaleCheckName[] = SALE_CHECK_ORDER): CheckResult[] {
  return names.map((name) => SALE_CHECKS[name](o));
}
