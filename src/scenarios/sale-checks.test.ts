import { describe, expect, it } from 'vitest';
import {
  checkConservation,
  checkExactSellOut,
  checkNoDoubleBuyer,
  checkNoOversell,
  checkReportedMatchesData,
  checkReportedOncePerUser,
  checkSale,
  checkStoresAgree,
} from './sale-checks.js';
import type { SaleObservation } from './sale-checks.js';

const users = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `user-${from + i}`);

/** A healthy sell-out: 1,000 buyers, 100 seats, 100 sold, stores agree. */
function healthy(): SaleObservation {
  const buyers = users(100);
  return {
    initialStock: 100,
    demand: 1000,
    remainingStock: 0,
    redisBuyers: buyers,
    mysqlRows: buyers.map((userId) => ({ userId, rows: 1 })),
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
    const check = checkNoOversell({ ...healthy(), remainingStock: 99, redisBuyers: buyers, mysqlRows: buyers.map((userId) => ({ userId, rows: 1 })) });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('oversold by 900');
  });

  it('no-oversell: stock below zero', () => {
    const check = checkNoOversell({ ...healthy(), remainingStock: -3 });
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/stock is -3/);
  });

  it('exact-sell-out: seats left unsold with no failure to explain them', () => {
    const o = healthy();
    const check = checkExactSellOut({ ...o, remainingStock: 5, mysqlRows: o.mysqlRows.slice(5), redisBuyers: o.redisBuyers.slice(5), reported: { ...o.reported, purchased: 95 } });
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/5 unsold that no failure explains/);
  });

  it('exact-sell-out: fewer sold than stock with the stock gone (leaked seats)', () => {
    const o = healthy();
    const check = checkExactSellOut({ ...o, mysqlRows: o.mysqlRows.slice(30), redisBuyers: o.redisBuyers.slice(30), reported: { ...o.reported, purchased: 70 } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('30 short, 0 left in stock: seats went to no sale');
    const timedOut = { ...o.reported, purchased: 70, lockTimeouts: 40 };
    expect(checkExactSellOut({ ...o, mysqlRows: o.mysqlRows.slice(30), reported: timedOut }).ok).toBe(false); // timeouts keep their seats in stock
  });

  it('exact-sell-out: a shortfall explained by lock timeouts holds, and says so', () => {
    const o = healthy();
    const check = checkExactSellOut({ ...o, remainingStock: 5, mysqlRows: o.mysqlRows.slice(5), reported: { ...o.reported, lockTimeouts: 7 } });
    expect(check.ok).toBe(true);
    expect(check.detail).toMatch(/5 unsold, explained by 0 errors, 7 lock timeouts/);
  });

  it('exact-sell-out: arrivals dropped at the cap explain seats left unsold, and only those', () => {
    const o = healthy();
    const shortBy2 = { ...o, remainingStock: 2, mysqlRows: o.mysqlRows.slice(2) };
    expect(checkExactSellOut(shortBy2).ok).toBe(false);
    const check = checkExactSellOut({ ...shortBy2, reported: { ...o.reported, dropped: 2 } });
    expect(check.ok).toBe(true);
    expect(check.detail).toBe('2 unsold, explained by 0 errors, 0 lock timeouts, 0 not started, 2 dropped at the cap');
  });

  it('redis-mysql-agree: a buyer only in Redis', () => {
    const o = healthy();
    const check = checkStoresAgree({ ...o, mysqlRows: o.mysqlRows.slice(1) });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 only in Redis (user-0)');
  });

  it('redis-mysql-agree: a row only in MySQL', () => {
    const o = healthy();
    const check = checkStoresAgree({ ...o, mysqlRows: [...o.mysqlRows, { userId: 'ghost', rows: 1 }] });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 only in MySQL (ghost)');
  });

  it('conservation: seats created by a lost update', () => {
    const check = checkConservation({ ...healthy(), remainingStock: 99 });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('99 seats created');
  });

  it('conservation: seats leaked by repeat buyers', () => {
    const check = checkConservation({ ...healthy(), redisBuyers: users(60) });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('40 seats leaked');
  });

  it('conservation: the stock key vanished', () => {
    expect(checkConservation({ ...healthy(), remainingStock: undefined }).ok).toBe(false);
  });

  it('no-double-buyer: one user with two rows', () => {
    const o = healthy();
    const check = checkNoDoubleBuyer({ ...o, mysqlRows: [{ userId: 'user-0', rows: 2 }, ...o.mysqlRows.slice(1)] });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('user-0 × 2');
  });

  it('reported-once-per-user: a user told "purchased" twice', () => {
    const o = healthy();
    const check = checkReportedOncePerUser({ ...o, reported: { ...o.reported, repeatPurchasers: [{ userId: 'user-7', times: 2 }] } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('user-7 × 2');
    expect(checkReportedOncePerUser({ ...o, reported: { ...o.reported, repeatPurchasers: [] } }).ok).toBe(true);
  });

  it('reported-matches-data: a purchase reported but not stored', () => {
    const check = checkReportedMatchesData({ ...healthy(), reported: { purchased: 101, errors: 0, lockTimeouts: 0, notStarted: 0 } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 reported but not stored');
  });
});
