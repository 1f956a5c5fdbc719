// The checks of what the runner was told against what the stores hold: the purchases told are the
// records stored (in total, and user by user when the scenario kept each buyer's answers), and no
// user was told `purchased` twice. Pure functions, each unit-tested against planted violations.
import type { CheckResult, RunCounts } from '../result.js';
import { wordList } from '../units.js';
import { count, counted, readsOf, sample } from './check-text.js';
import { soldRows } from './sale-observation.js';
import type { SaleObservation } from './sale-observation.js';

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
  const whom = [...(toldInstead.size > 0 ? [`told ${wordList([...toldInstead], 'or')}`] : []), ...(neverAsked > 0 ? ['who never asked'] : [])];
  return [
    missing.length > 0 ? `${counted(missing.length, 'acknowledged purchase')} ${missing.length === 1 ? 'has' : 'have'} no record (${sample(missing)})` : '',
    unexplained.length > 0 ? `${counted(unexplained.length, 'record')} for users ${whom.join(' or ')} (${sample(unexplained)})` : '',
  ].filter(Boolean);
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
