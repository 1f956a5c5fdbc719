import { describe, expect, it } from 'vitest';
import { checkBehind, checkDrained, checkNoGhostRow, checkNoLostWrite, checkWorkerAccounted } from './behind-checks.js';
import type { BehindObservation } from './behind-checks.js';

/** A clean write-behind run: 3 purchases acknowledged, one cancelled, 2 rows, 4 events delivered once. */
function healthy(): BehindObservation {
  return {
    rows: [
      { userId: 'user-1', rows: 1 },
      { userId: 'user-3', rows: 1 },
    ],
    net: new Map([
      ['user-1', 1],
      ['user-2', 0],
      ['user-3', 1],
    ]),
    published: 4,
    redelivered: 0,
    worker: { delivered: 4, inserted: 3, skipped: 0, deleted: 1, absent: 0, deadLettered: 0, statements: 3, commits: 1 },
    drained: true,
    lagRecords: 0,
    drainTimeoutMs: 30_000,
  };
}

describe('write-behind checks', () => {
  it('all hold on a clean run', () => {
    expect(checkBehind(healthy()).filter((c) => !c.ok)).toEqual([]);
  });

  it('drained: records still behind after the timeout', () => {
    const check = checkDrained({ ...healthy(), drained: false, lagRecords: 120 });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('120 records still behind after 30 s');
    expect(check.observed).toBe('120 records behind');
    expect(checkDrained({ ...healthy(), drained: false, lagRecords: 7, drainError: 'kafka 127.0.0.1:9092: Connection error' }).detail).toBe(
      '7 records still behind after 30 s (the log last said: kafka 127.0.0.1:9092: Connection error)',
    );
    expect(checkDrained({ ...healthy(), drained: false, lagRecords: 1000, drainWaitingFor: 'MySQL at 127.0.0.1:3306 (Connection lost)' }).detail).toBe(
      '1,000 records still behind after 30 s; the workers were waiting for MySQL at 127.0.0.1:3306 (Connection lost)',
    );
  });

  it('no-lost-write: an acknowledged purchase with no row', () => {
    const o = healthy();
    const check = checkNoLostWrite({ ...o, rows: o.rows.slice(1) });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 acknowledged purchase with no row (user-1)');
    expect(check.observed).toBe('1 of 2 acked have a row');
  });

  it('no-ghost-row: a row nobody acknowledged, and a row whose purchase was cancelled', () => {
    const o = healthy();
    const check = checkNoGhostRow({ ...o, rows: [...o.rows, { userId: 'stranger', rows: 1 }, { userId: 'user-2', rows: 1 }] });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('2 rows no acknowledged purchase explains (stranger, user-2)');
  });

  it('worker-accounted: a delivered record neither written nor skipped', () => {
    const o = healthy();
    const check = checkWorkerAccounted({ ...o, worker: { ...o.worker, inserted: 2 } });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 delivered record unaccounted for');
    expect(check.observed).toBe('accounted 3 = delivered 4; sent 4');
  });

  it('worker-accounted: records sent but never delivered', () => {
    const o = healthy();
    const check = checkWorkerAccounted({ ...o, redelivered: 2 });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('2 sent records never delivered');
  });

  it('worker-accounted: redelivery delivers more than was sent, which is fine', () => {
    const o = healthy();
    expect(checkWorkerAccounted({ ...o, worker: { ...o.worker, delivered: 6, skipped: 2 } }).ok).toBe(true);
  });
});
