import { describe, expect, it } from 'vitest';
import { checkCancelsHonouredOnce, checkFreedSeatsResold, checkNoOverStocking, checkNoOversellThroughout } from './storm-checks.js';
import type { StormObservation } from './storm-checks.js';

const users = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

/** A healthy storm: 100 seats sold, 50 cancelled (and deleted), 50 re-bought by the line. */
function healthy(): StormObservation & { index: readonly string[] } {
  const holders = [...users('user', 50), ...users('rebuyer', 50)];
  return {
    initialStock: 100,
    demand: 1000,
    names: { records: 'MySQL', stock: 'Redis', index: 'Redis' },
    stock: 0,
    index: holders,
    records: holders.map((userId) => ({ userId, rows: 1 })),
    reported: { purchased: 100, errors: 0, lockTimeouts: 0, notStarted: 0 },
    storm: {
      cancellerRowsBefore: 50,
      cancellerRowsAfter: 0,
      cancelledReported: 50,
      repeatCancels: [],
      unsoldBefore: 0,
      rebuyers: 1000,
      resold: 50,
      failures: 0,
    },
  };
}

describe('storm checks on a healthy storm', () => {
  it('all hold', () => {
    const o = healthy();
    expect([checkNoOverStocking(o), checkCancelsHonouredOnce(o), checkFreedSeatsResold(o)].filter((c) => !c.ok)).toEqual([]);
  });
});

describe('each storm check fails on its planted violation', () => {
  it('no-over-stocking: seats given back for cancels of nothing', () => {
    const check = checkNoOverStocking({ ...healthy(), stock: 150, seatsBeforeStorm: 100 });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('over-stocked by 150 seats (all in the storm)');
    expect(checkNoOverStocking({ ...healthy(), stock: 150, seatsBeforeStorm: 120 }).detail).toBe('over-stocked by 150 seats (130 of them in the storm)');
    const naive = checkNoOverStocking({ ...healthy(), stock: 2097, records: users('user', 1500).map((userId) => ({ userId, rows: 1 })), seatsBeforeStorm: 1099 });
    expect([naive.observed, naive.detail]).toEqual(['left 2,097 + rows 1,500 = 3,597', 'over-stocked by 3,497 seats (2,498 of them in the storm)']);
    expect(check.observed).toBe('left 150 + rows 100 = 250');
  });

  it('no-oversell: an oversell of the sell-out that the storm\'s cancels later hid', () => {
    const o = healthy();
    expect(checkNoOversellThroughout(o, o).ok).toBe(true);
    const oversold = { names: o.names, stock: -1, index: [...o.index, 'user-x'], records: [...o.records, { userId: 'user-x', rows: 1 }] };
    const check = checkNoOversellThroughout(o, oversold);
    expect(check.ok).toBe(false);
    expect(check.name).toBe('no-oversell');
    expect(check.observed).toBe('after the sell-out: rows sold 101, stock left -1');
    expect(check.detail).toBe("after the sell-out: oversold by 1; Redis stock is -1 (the storm's cancels later hid it)");
    expect(checkNoOversellThroughout({ ...o, stock: -2 }, oversold).detail).toMatch(/; after the storm: Redis stock is -2$/);
  });

  it('no-over-stocking: a row deleted without its seat coming back', () => {
    const o = healthy();
    const check = checkNoOverStocking({ ...o, records: o.records.slice(1) });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 seat leaked');
  });

  it('cancels-honoured-once: duplicate cancels each told "cancelled"', () => {
    const o = healthy();
    const check = checkCancelsHonouredOnce({ ...o, storm: { ...o.storm, cancelledReported: 150, repeatCancels: [{ userId: 'user-0', times: 3 }] } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('100 cancels honoured with no row deleted; 1 user told cancelled more than once (user-0 3 times)');
    expect(check.observed).toBe('told cancelled 150, rows deleted 50');
  });

  it('cancels-honoured-once: a row deleted that no cancel was told of', () => {
    const o = healthy();
    const check = checkCancelsHonouredOnce({ ...o, storm: { ...o.storm, cancelledReported: 49 } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 row deleted with no cancel honoured');
  });

  it('freed-seats-resold: freed seats left in stock while the line went without', () => {
    const o = healthy();
    const check = checkFreedSeatsResold({ ...o, stock: 20, storm: { ...o.storm, resold: 30 } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('20 seats left in stock while 970 re-buyers went without (50 freed)');
    expect([check.expected, check.observed]).toEqual(['resold ≥ 50', 're-buyers hold 30']);
    const leaked = checkFreedSeatsResold({ ...o, stock: 0, storm: { ...o.storm, resold: 36 } });
    expect(leaked.detail).toBe('14 seats not resold, 0 left in stock while 964 re-buyers went without (50 freed)');
  });

  it('freed-seats-resold: a shortfall failures explain holds, and says so', () => {
    const o = healthy();
    const check = checkFreedSeatsResold({ ...o, stock: 3, storm: { ...o.storm, resold: 47, failures: 5 } });
    expect(check.ok).toBe(true);
    expect(check.detail).toBe('3 unsold, explained by 5 failed storm operations (50 freed)');
  });

  it('freed-seats-resold: with fewer re-buyers than freed seats, only they can buy', () => {
    const o = healthy();
    const check = checkFreedSeatsResold({ ...o, stock: 40, storm: { ...o.storm, rebuyers: 10, resold: 10 } });
    expect(check.ok).toBe(true);
    expect(check.detail).toBe('all 10 re-buyers served (50 freed)');
  });

  it('freed-seats-resold: after an oversold sell-out no seat was free, and the detail says why', () => {
    const o = healthy();
    // The cancel-storm of naive: 1,000 sold of 100, 500 rows deleted, the line holds 1,000 rows.
    const check = checkFreedSeatsResold({
      ...o,
      stock: 2097,
      storm: { ...o.storm, cancellerRowsBefore: 1000, cancellerRowsAfter: 500, unsoldBefore: -900, rebuyers: 1000, resold: 1000 },
    });
    expect(check.ok).toBe(true);
    expect([check.expected, check.observed]).toEqual(['resold ≥ 0', 're-buyers hold 1,000']);
    expect(check.detail).toBe('none to resell (500 freed − 900 oversold in the sell-out); re-buyers hold 1,000 seats that were never free');
  });

  it('freed-seats-resold: seats never sold in the sell-out count as seats to resell', () => {
    const o = healthy();
    const check = checkFreedSeatsResold({ ...o, stock: 0, storm: { ...o.storm, unsoldBefore: 10, resold: 60 } });
    expect(check.ok).toBe(true);
    expect(check.detail).toBe('all 60 resold (50 freed + 10 never sold)');
  });
});

describe('a storm with answers that did not say what happened', () => {
  it('cancels-honoured-once: a cancel answered unknown may have deleted a row, and no more than those may have', () => {
    const o = healthy();
    // 44 told cancelled, 6 answered unknown, 50 rows deleted: the unknown ones did.
    const within = checkCancelsHonouredOnce({ ...o, storm: { ...o.storm, cancelledReported: 44, unknownCancels: 6 } });
    expect(within).toMatchObject({ ok: true, expected: 'cancelled ≤ deleted ≤ cancelled + unknown', detail: '6 of the unknown cancels deleted a row' });
    const beyond = checkCancelsHonouredOnce({ ...o, storm: { ...o.storm, cancelledReported: 44, unknownCancels: 4 } });
    expect(beyond).toMatchObject({ ok: false, detail: '2 rows deleted with no cancel honoured (beyond 4 cancels answered unknown)' });
    // An unknown cancel never explains a cancel told honoured that deleted nothing.
    expect(checkCancelsHonouredOnce({ ...o, storm: { ...o.storm, cancellerRowsAfter: 1, unknownCancels: 5 } }).ok).toBe(false);
  });

  it('freed-seats-resold: seats the sell-out\'s unknown purchases took late were never the line\'s to buy', () => {
    const o = healthy();
    // The sell-out was read with 60 seats unsold; its purchases answered unknown then took them.
    const storm = { ...o.storm, cancellerRowsBefore: 6, unsoldBefore: 60, resold: 6, lateRows: 60 };
    const check = checkFreedSeatsResold({ ...o, storm });
    expect(check).toMatchObject({ ok: true, detail: 'all 6 resold (6 freed + 60 never sold − 60 taken late by the sell-out\'s unknown purchases)' });
    expect(checkFreedSeatsResold({ ...o, storm: { ...storm, lateRows: 0 } }).ok).toBe(false);
  });
});
