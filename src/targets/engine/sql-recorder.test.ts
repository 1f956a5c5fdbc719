import { describe, expect, it } from 'vitest';
import type { StatementTiming } from '../../engine/ports.js';
import { SqlRecorder } from './sql-recorder.js';

const SOURCES = { wait: 'test clock', exec: 'test clock' };
const insert = (startUs: number, waitUs: number, execUs: number, ok = true): StatementTiming => ({ kind: 'insert', startUs, waitUs, execUs, ok });

describe('SqlRecorder', () => {
  it('keeps the pool wait and the execution apart, per statement kind', () => {
    const sql = new SqlRecorder(500);
    for (let i = 1; i <= 100; i++) sql.record(insert(0, i * 1000, 2000));
    sql.record({ kind: 'select', startUs: 0, waitUs: 10, execUs: 40_000, ok: true });
    const summary = sql.summary(0, SOURCES)!;
    expect(summary.statements.insert!.count).toBe(100);
    expect(summary.statements.insert!.wait.max).toBeGreaterThanOrEqual(99_900);
    expect(summary.statements.insert!.exec.max).toBeLessThanOrEqual(2002);
    expect(summary.statements.insert!.total.min).toBeGreaterThanOrEqual(2999);
    expect(summary.statements.select!.exec.p50).toBeGreaterThanOrEqual(39_900);
    expect(summary.slow.count).toBe(0);
    expect(summary.sources).toBe(SOURCES);
  });

  it('lists statements over the threshold with how much of their time was waiting', () => {
    const sql = new SqlRecorder(500);
    sql.record(insert(1_000, 900_000, 1_000)); // slow, waiting
    sql.record(insert(2_000, 100, 700_000)); // slow, executing
    sql.record(insert(3_000, 1_000, 1_000)); // fast
    const { slow } = sql.summary(1_000, SOURCES)!;
    expect(slow.count).toBe(2);
    expect(slow.mostlyWaiting).toBe(1);
    expect(slow.waitShare).toBeCloseTo(900_100 / 1_601_100, 3);
    expect(slow.slowest.map((s) => [s.totalUs, s.waitUs, s.execUs, s.atMs])).toEqual([
      [901_000, 900_000, 1_000, 0],
      [700_100, 100, 700_000, 1],
    ]);
  });

  it('keeps only the ten slowest, slowest first, and counts failures', () => {
    const sql = new SqlRecorder(1);
    for (let i = 1; i <= 50; i++) sql.record(insert(0, i * 10_000, 0, i % 10 !== 0));
    const summary = sql.summary(0, SOURCES)!;
    expect(summary.slow.count).toBe(50);
    expect(summary.slow.slowest.map((s) => s.waitUs)).toEqual(Array.from({ length: 10 }, (_, i) => (50 - i) * 10_000));
    expect(summary.statements.insert!.failed).toBe(5);
  });

  it('does not count a statement that never had a connection as executed', () => {
    const sql = new SqlRecorder(500);
    sql.record(insert(0, 2_000, 0, false)); // refused: ECONNREFUSED while connecting
    sql.record(insert(0, 100, 900));
    const insertTiming = sql.summary(0, SOURCES)!.statements.insert!;
    expect([insertTiming.count, insertTiming.failed, insertTiming.wait.count, insertTiming.exec.count]).toEqual([2, 1, 2, 1]);
  });

  it('has nothing to say before a statement ran, or when statements only read, and a live view after', () => {
    const sql = new SqlRecorder(500);
    expect(sql.live()).toBeUndefined();
    expect(sql.summary(0, SOURCES)).toBeUndefined();
    sql.record({ kind: 'select', startUs: 0, waitUs: 10, execUs: 100, ok: true });
    expect(sql.summary(0, SOURCES)).toBeUndefined();
    expect(sql.live()).toBeUndefined();
    sql.record(insert(0, 600_000, 1_000));
    expect(sql.live()).toMatchObject({ statements: 2, slow: 1, thresholdMs: 500 });
  });
});
