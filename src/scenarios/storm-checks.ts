// The cancel-storm's own invariant checks, computed from what the stores held right after the
// sell-out and after the storm: no seat created (over-stocking), every honoured cancel matched by
// exactly one deleted row, and freed seats resold while the waiting line still wanted them. Pure
// functions, each unit-tested against a planted violation.
import type { UserId } from '../engine/ports.js';
import type { CheckResult } from '../result.js';
import { count, counted, readsOf, sample, skippedCheck, stockText } from './check-text.js';
import { checkNoOversell } from './sale-checks.js';
import { soldRows } from './sale-observation.js';
import type { SaleObservation } from './sale-observation.js';
import type { SaleReadBack } from './target.js';

/** A sale after a cancel storm, with what it held before the storm and what the runner was told. */
export interface StormObservation extends SaleObservation {
  storm: {
    /** Rows of the users who cancelled (genuine and bogus) right after the sell-out. */
    cancellerRowsBefore: number;
    /** …and after the storm: the difference is the rows the storm deleted. */
    cancellerRowsAfter: number;
    /** Cancels answered `cancelled`. */
    cancelledReported: number;
    /** Cancels answered unknown: each may or may not have deleted a row. */
    unknownCancels?: number;
    /** Users told `cancelled` more than once. */
    repeatCancels: readonly { userId: UserId; times: number }[];
    /** Seats the sale could still sell when the storm began (initial − rows after the sell-out). */
    unsoldBefore: number;
    /**
     * Rows of sell-out buyers (neither cancelling nor in the line) that appeared during the storm:
     * purchases answered unknown the service finished late, each on a seat the line never had.
     */
    lateRows?: number;
    /** New buyers in the waiting line, and the rows they hold after the storm. */
    rebuyers: number;
    resold: number;
    /** Storm operations that failed (errors, lock timeouts): each may leave a seat unsold. */
    failures: number;
  };
}

/**
 * Remaining stock plus rows equals the initial stock: a cancel never creates (or loses) a seat.
 * `seatsBeforeStorm` (stock + rows when the storm began) lets the detail say how many the storm made.
 */
export function checkNoOverStocking(o: SaleObservation & { seatsBeforeStorm?: number }): CheckResult {
  const name = 'no-over-stocking';
  const expected = `left + rows = ${count(o.initialStock)}`;
  if (o.stock === undefined) return skippedCheck(name, expected, 'the target keeps no stock counter');
  const rows = soldRows(o);
  const total = (o.stock === 'missing' ? 0 : o.stock) + rows;
  const ok = o.stock !== 'missing' && total === o.initialStock;
  const byStorm =
    o.seatsBeforeStorm === undefined
      ? ''
      : o.seatsBeforeStorm === o.initialStock
        ? ' (all in the storm)'
        : ` (${count(Math.abs(total - o.seatsBeforeStorm))} of them in the storm)`;
  let detail = 'no seat created or lost';
  if (o.stock === 'missing') detail = `the ${o.names.stock} stock counter is gone`;
  else if (total > o.initialStock) detail = `over-stocked by ${counted(total - o.initialStock, 'seat')}${byStorm}`;
  else if (total < o.initialStock) detail = `${counted(o.initialStock - total, 'seat')} leaked${byStorm}`;
  return {
    name,
    ok,
    expected,
    observed: `left ${stockText(o.stock)} + rows ${count(rows)} = ${count(total)}`,
    detail,
    reads: readsOf(o, 'stock', 'records'),
  };
}

/**
 * Never more sold than stock, at both moments the stores were read: right after the sell-out and
 * after the storm. Checked only at the end, an oversell of the sell-out hides behind the cancels
 * that later give its seats back.
 */
export function checkNoOversellThroughout(after: SaleObservation, sellOut: SaleReadBack | undefined): CheckResult {
  const atEnd = checkNoOversell(after);
  const atSellOut = sellOut === undefined ? undefined : checkNoOversell({ ...after, ...sellOut });
  if (atSellOut === undefined || atSellOut.ok) return atEnd;
  return {
    ...atSellOut,
    observed: `after the sell-out: ${atSellOut.observed}`,
    detail: `after the sell-out: ${atSellOut.detail}${atEnd.ok ? ' (the storm\'s cancels later hid it)' : `; after the storm: ${atEnd.detail}`}`,
  };
}

/** Every cancel told `cancelled` deleted exactly one row, and nobody was told so twice. */
export function checkCancelsHonouredOnce(o: StormObservation): CheckResult {
  const { storm } = o;
  const deleted = storm.cancellerRowsBefore - storm.cancellerRowsAfter;
  // A cancel answered unknown may have deleted a row, or not.
  const mayHave = storm.unknownCancels ?? 0;
  const unexplained = deleted - storm.cancelledReported - mayHave;
  const extra = storm.cancelledReported - deleted;
  const ok = extra <= 0 && unexplained <= 0 && storm.repeatCancels.length === 0;
  const repeats = storm.repeatCancels;
  const problems = [
    extra > 0 ? `${counted(extra, 'cancel')} honoured with no row deleted` : '',
    unexplained > 0 ? `${counted(unexplained, 'row')} deleted with no cancel honoured${mayHave > 0 ? ` (beyond ${counted(mayHave, 'cancel')} answered unknown)` : ''}` : '',
    repeats.length > 0
      ? `${counted(repeats.length, 'user')} told cancelled more than once (${sample(repeats.map((r) => `${r.userId} ${count(r.times)} times`), 2)})`
      : '',
  ].filter(Boolean);
  return {
    name: 'cancels-honoured-once',
    ok,
    expected: mayHave > 0 ? 'cancelled ≤ deleted ≤ cancelled + unknown' : 'cancelled = deleted',
    observed: `told cancelled ${count(storm.cancelledReported)}, rows deleted ${count(deleted)}${mayHave > 0 ? `, ${counted(mayHave, 'cancel')} unknown` : ''}`,
    detail: ok ? (deleted === storm.cancelledReported ? 'one row per honoured cancel' : `${count(deleted - storm.cancelledReported)} of the unknown cancels deleted a row`) : problems.join('; '),
    reads: readsOf(o, 'records', 'answers'),
  };
}

/** The seats the line could buy: `50 freed`, `500 freed − 900 oversold in the sell-out`. */
function seatsToResell(freed: number, unsoldBefore: number, late: number): string {
  const lateText = late > 0 ? ` − ${count(late)} taken late by the sell-out's unknown purchases` : '';
  if (unsoldBefore > 0) return `${count(freed)} freed + ${count(unsoldBefore)} never sold${lateText}`;
  if (unsoldBefore < 0) return `${count(freed)} freed − ${count(-unsoldBefore)} oversold in the sell-out${lateText}`;
  return `${count(freed)} freed${lateText}`;
}

/**
 * While the waiting line still wanted seats, every seat the storm freed (or never sold) was sold
 * again, unless failed storm operations explain the seats still in stock. A sell-out that oversold
 * had no seat to give: the cancels first pay the oversold seats back.
 */
export function checkFreedSeatsResold(o: StormObservation): CheckResult {
  const { storm } = o;
  const freed = storm.cancellerRowsBefore - storm.cancellerRowsAfter;
  const late = storm.lateRows ?? 0;
  const available = Math.max(0, storm.unsoldBefore + freed - late);
  const expected = Math.min(available, storm.rebuyers);
  const short = expected - storm.resold;
  // Without a counter, the seats left are what the rows leave.
  const left = o.stock === undefined ? o.initialStock - soldRows(o) : o.stock === 'missing' ? 0 : o.stock;
  const explained = short > 0 && short <= storm.failures && left >= short;
  const ok = short <= 0 || explained;
  const seats = seatsToResell(freed, storm.unsoldBefore, late);
  let detail: string;
  if (explained) detail = `${count(short)} unsold, explained by ${counted(storm.failures, 'failed storm operation')} (${seats})`;
  else if (short > 0) {
    // Seats not resold are in stock, or went to no sale (taken, with no record to show for it).
    const where = left >= short ? 'left in stock' : `not resold, ${count(left)} left in stock`;
    detail = `${counted(short, 'seat')} ${where} while ${counted(storm.rebuyers - storm.resold, 're-buyer')} went without (${seats})`;
  }
  else if (available === 0) detail = `none to resell (${seats})`;
  else if (expected < available) detail = `all ${counted(storm.rebuyers, 're-buyer')} served (${seats})`;
  else detail = `all ${count(expected)} resold (${seats})`;
  if (storm.resold > available) detail += `; re-buyers hold ${counted(storm.resold - available, 'seat')} that ${storm.resold - available === 1 ? 'was' : 'were'} never free`;
  return {
    name: 'freed-seats-resold',
    ok,
    expected: `resold ≥ ${count(expected)}`,
    observed: `re-buyers hold ${count(storm.resold)}`,
    detail,
    reads: readsOf(o, 'records', 'stock', 'answers'),
  };
}
