import { describe, expect, it } from 'vitest';
import { checkReportedMatchesData, checkReportedOncePerUser } from './reported-checks.js';
import { checkConservation, checkExactSellOut, checkIndexAgrees, checkNoDoubleBuyer, checkNoOversell, checkSale } from './sale-checks.js';
import type { SaleObservation } from './sale-observation.js';
import { BuyerAnswers } from './sale.js';

const users = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `user-${from + i}`);

/** A healthy sell-out: 1,000 buyers, 100 seats, 100 sold, stores agree. */
function healthy(): SaleObservation & { index: readonly string[] } {
  const buyers = users(100);
  return {
    initialStock: 100,
    demand: 1000,
    names: { records: 'MySQL', stock: 'Redis', index: 'Redis' },
    stock: 0,
    index: buyers,
    records: buyers.map((userId) => ({ userId, rows: 1 })),
    reported: { purchased: 100, errors: 0, lockTimeouts: 0, notStarted: 0 },
  };
}

describe('sale checks on a healthy sale', () => {
  it('all hold', () => {
    expect(checkSale(healthy()).filter((c) => !c.ok)).toEqual([]);
  });
});

describe('each check fails on its planted violation', () => {
  it('no-oversell: 1,000 rows for 100 seats', () => {
    const buyers = users(1000);
    const check = checkNoOversell({ ...healthy(), stock: 99, index: buyers, records: buyers.map((userId) => ({ userId, rows: 1 })) });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('oversold by 900');
    expect(check.observed).toBe('rows sold 1,000, stock left 99');
  });

  it('no-oversell: stock below zero', () => {
    const check = checkNoOversell({ ...healthy(), stock: -3 });
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/stock is -3/);
  });

  it('exact-sell-out: seats left unsold with no failure to explain them', () => {
    const o = healthy();
    const check = checkExactSellOut({ ...o, stock: 5, records: o.records.slice(5), index: o.index.slice(5), reported: { ...o.reported, purchased: 95 } });
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/5 unsold that no failure explains/);
  });

  it('exact-sell-out: fewer sold than stock with the stock gone (leaked seats)', () => {
    const o = healthy();
    const check = checkExactSellOut({ ...o, records: o.records.slice(30), index: o.index.slice(30), reported: { ...o.reported, purchased: 70 } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('30 short, 0 left in stock: seats went to no sale');
    const timedOut = { ...o.reported, purchased: 70, lockTimeouts: 40 };
    expect(checkExactSellOut({ ...o, records: o.records.slice(30), reported: timedOut }).ok).toBe(false); // timeouts keep their seats in stock
  });

  it('exact-sell-out: a shortfall explained by lock timeouts holds, and says so', () => {
    const o = healthy();
    const check = checkExactSellOut({ ...o, stock: 5, records: o.records.slice(5), reported: { ...o.reported, lockTimeouts: 7 } });
    expect(check.ok).toBe(true);
    expect(check.detail).toMatch(/5 unsold, explained by 0 errors, 7 lock timeouts/);
    expect(checkExactSellOut({ ...o, stock: 5, records: o.records.slice(5), reported: { ...o.reported, errors: 1, lockTimeouts: 4 } }).detail).toBe(
      '5 unsold, explained by 1 error, 4 lock timeouts, 0 not started',
    );
  });

  it('exact-sell-out: arrivals dropped at the cap explain seats left unsold, and only those', () => {
    const o = healthy();
    const shortBy2 = { ...o, stock: 2, records: o.records.slice(2) };
    expect(checkExactSellOut(shortBy2).ok).toBe(false);
    const check = checkExactSellOut({ ...shortBy2, reported: { ...o.reported, dropped: 2 } });
    expect(check.ok).toBe(true);
    expect(check.detail).toBe('2 unsold, explained by 0 errors, 0 lock timeouts, 0 not started, 2 dropped at the cap');
  });

  it('index-agrees: a buyer only in Redis', () => {
    const o = healthy();
    const check = checkIndexAgrees({ ...o, records: o.records.slice(1) });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 buyer only in Redis (user-0)');
    expect(check.observed).toBe('buyers: Redis 100, MySQL 99');
  });

  it('index-agrees: a row only in MySQL', () => {
    const o = healthy();
    const check = checkIndexAgrees({ ...o, records: [...o.records, { userId: 'ghost', rows: 1 }] });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 buyer only in MySQL (ghost)');
  });

  it('conservation: seats created by a lost update', () => {
    const check = checkConservation({ ...healthy(), stock: 99 });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('99 seats created');
    expect(check.observed).toBe('left 99 + records 100 = 199');
  });

  it('conservation: seats leaked by repeat buyers (each took a seat, one record kept)', () => {
    const o = healthy();
    const check = checkConservation({ ...o, records: o.records.slice(40) });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('40 seats leaked');
  });

  it('conservation: the records are the seats held, whatever the buyer index says, and a seat taken with no record is caught', () => {
    const o = healthy();
    expect(checkConservation(o)).toMatchObject({ ok: true, expected: 'left + records = 100', observed: 'left 0 + records 100 = 100' });
    const check = checkConservation({ ...o, records: o.records.slice(10) });
    expect(check).toMatchObject({ ok: false, detail: '10 seats leaked', observed: 'left 0 + records 90 = 90' });
    expect(checkConservation({ ...o, stock: 40 })).toMatchObject({ ok: false, detail: '40 seats created' });
  });

  it('conservation: the stock key vanished', () => {
    expect(checkConservation({ ...healthy(), stock: 'missing' })).toMatchObject({ ok: false, detail: 'the Redis stock counter is gone' });
  });

  it('no-double-buyer: one user with two rows', () => {
    const o = healthy();
    const check = checkNoDoubleBuyer({ ...o, records: [{ userId: 'user-0', rows: 2 }, ...o.records.slice(1)] });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('user-0 holds 2 rows');
    expect(check.observed).toBe('1 user with 2 rows or more');
  });

  it('reported-once-per-user: a user told "purchased" twice', () => {
    const o = healthy();
    const check = checkReportedOncePerUser({ ...o, reported: { ...o.reported, repeatPurchasers: [{ userId: 'user-7', times: 2 }] } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('user-7 told 2 times');
    expect(checkReportedOncePerUser({ ...o, reported: { ...o.reported, repeatPurchasers: [] } }).ok).toBe(true);
  });

  it('reported-matches-data: a purchase reported but not stored', () => {
    const check = checkReportedMatchesData({ ...healthy(), reported: { purchased: 101, errors: 0, lockTimeouts: 0, notStarted: 0 } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 purchase told but not stored');
    expect(check.observed).toBe('told purchased 101; rows 100');
  });

  it('reported-matches-data: rows no reply told of, each number of the sum named', () => {
    const buyers = users(1500);
    const check = checkReportedMatchesData({
      ...healthy(),
      records: buyers.map((userId) => ({ userId, rows: 1 })),
      reported: {
        purchased: 0,
        purchasedTerms: [['purchased', 1000], ['re-bought', 1000], ['cancelled', -2000]],
        errors: 0,
        lockTimeouts: 0,
        notStarted: 0,
      },
    });
    expect(check.ok).toBe(false);
    expect(check.observed).toBe('told purchased 1,000 + re-bought 1,000 − cancelled 2,000 = 0; rows 1,500');
    const none = checkReportedMatchesData({ ...healthy(), reported: { purchased: 100, purchasedTerms: [['purchased', 100], ['re-bought', 0], ['cancelled', -0]], errors: 0, lockTimeouts: 0, notStarted: 0 } });
    expect(none.observed).toBe('told purchased 100 + re-bought 0 − cancelled 0 = 100; rows 100');
    expect(check.detail).toBe('1,500 rows stored that no reply told of');
  });
});

describe('check texts', () => {
  it('give every number its thousands separators', () => {
    const buyers = users(2500);
    const check = checkNoOversell({ ...healthy(), initialStock: 1000, stock: -1500, index: buyers, records: buyers.map((userId) => ({ userId, rows: 1 })) });
    expect([check.expected, check.observed, check.detail]).toEqual(['sold ≤ 1,000', 'rows sold 2,500, stock left -1,500', 'oversold by 1,500; Redis stock is -1,500']);
  });

  it('name a long list by its first few and how many more, never with an ellipsis', () => {
    const o = healthy();
    const check = checkIndexAgrees({ ...o, records: o.records.slice(5) });
    expect(check.detail).toBe('5 buyers only in Redis (user-0, user-1, user-2 and 2 more)');
    expect(check.detail).not.toContain('…');
  });
});

describe('answers that did not say what happened (a target\'s unknown) and refusals without effect', () => {
  it('reported-matches-data: rows beyond the purchases told are fine up to the unknown purchases, and caught beyond them', () => {
    const o = healthy();
    const records = [...o.records, { userId: 'user-x', rows: 1 }, { userId: 'user-y', rows: 1 }];
    const within = checkReportedMatchesData({ ...o, records, reported: { ...o.reported, unknown: { purchases: 2, cancels: 0 } } });
    expect(within).toMatchObject({ ok: true, expected: 'told ≈ rows ± unknown', observed: 'told purchased 100; rows 102; 2 answers unknown' });
    expect(within.detail).toBe('rows differ from told by 2, within the unknown answers');
    const beyond = checkReportedMatchesData({ ...o, records, reported: { ...o.reported, unknown: { purchases: 1, cancels: 0 } } });
    expect(beyond).toMatchObject({ ok: false, detail: '1 row stored that no reply told of' });
  });

  it('reported-matches-data: an unknown purchase never explains a purchase told but not stored; an unknown cancel may', () => {
    const o = healthy();
    const records = o.records.slice(1);
    expect(checkReportedMatchesData({ ...o, records, reported: { ...o.reported, unknown: { purchases: 5, cancels: 0 } } })).toMatchObject({ ok: false, detail: '1 purchase told but not stored' });
    expect(checkReportedMatchesData({ ...o, records, reported: { ...o.reported, unknown: { purchases: 0, cancels: 1 } } }).ok).toBe(true);
  });

  it('exact-sell-out: a shortfall is explained by rejected and unknown answers, and says so', () => {
    const o = healthy();
    const check = checkExactSellOut({ ...o, stock: 3, records: o.records.slice(3), index: o.index.slice(3), reported: { ...o.reported, purchased: 97, rejected: 2, unknown: { purchases: 1, cancels: 0 } } });
    expect(check.ok).toBe(true);
    expect(check.detail).toBe('3 unsold, explained by 0 errors, 0 lock timeouts, 0 not started, 2 rejected, 1 unknown');
  });
});

describe('reported-matches-data user by user (the scenario kept each buyer\'s answers)', () => {
  /** 1,000 buyers: the first 100 told purchased, the rest sold out. */
  function answered(): BuyerAnswers {
    const answers = new BuyerAnswers(1000);
    for (let i = 0; i < 1000; i += 1) answers.answered(i, { kind: i < 100 ? 'purchased' : 'sold-out' });
    return answers;
  }

  it('holds when every acknowledged buyer, and only they, hold a record', () => {
    const o = healthy();
    expect(checkReportedMatchesData({ ...o, reported: { ...o.reported, answers: answered() } })).toMatchObject({ ok: true, detail: 'every purchase told is stored' });
  });

  it('catches a swap the totals cannot see: an acknowledged buyer without a record, a sold-out buyer with one', () => {
    const o = healthy();
    const records = [...o.records.slice(2), { userId: 'user-500', rows: 1 }, { userId: 'user-501', rows: 1 }];
    const check = checkReportedMatchesData({ ...o, records, reported: { ...o.reported, answers: answered() } });
    expect(check.ok).toBe(false);
    expect(check.observed).toBe('told purchased 100; rows 100');
    expect(check.detail).toBe('2 acknowledged purchases have no record (user-0, user-1); 2 records for users told sold-out (user-500, user-501)');
  });

  it('names what the record holders were told, and records of users who never asked', () => {
    const answers = answered();
    answers.answered(600, { kind: 'rejected' });
    answers.answered(601, undefined);
    const o = healthy();
    const records = [...o.records, ...['user-600', 'user-601', 'someone-else'].map((userId) => ({ userId, rows: 1 }))];
    const check = checkReportedMatchesData({ ...o, records, reported: { ...o.reported, unknown: { purchases: 3, cancels: 0 }, answers } });
    expect(check.detail).toBe('3 records for users told sold-out, rejected or error or who never asked (user-600, user-601, someone-else)');
  });

  it('lets a buyer answered unknown hold a record, or not', () => {
    const answers = answered();
    answers.answered(700, { kind: 'unknown' });
    answers.answered(701, { kind: 'unknown' });
    const o = healthy();
    const reported = { ...o.reported, unknown: { purchases: 2, cancels: 0 }, answers };
    expect(checkReportedMatchesData({ ...o, records: [...o.records, { userId: 'user-700', rows: 1 }], reported }).ok).toBe(true);
  });

  it('one acknowledged purchase without its record is said in the singular', () => {
    const o = healthy();
    const check = checkReportedMatchesData({ ...o, records: o.records.slice(1), reported: { ...o.reported, purchased: 100, answers: answered() } });
    expect(check.detail).toBe('1 acknowledged purchase has no record (user-0)');
  });
});

