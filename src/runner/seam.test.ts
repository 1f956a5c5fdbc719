// Runs whole scenarios against a target that is not the engine, to prove the runner, the scenarios
// and the checks speak only to the sale-target seam: a service that keeps its sales as rows alone
// (no stock counter, no buyer index) gets the checks it can be given, the others shown as skipped,
// never passed; and a planted oversell in it is still caught.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createRealClock } from '../engine/real-clock.js';
import type { CancelOutcome, UserId } from '../engine/ports.js';
import { verdictOf } from '../report/format.js';
import type { SalePurchaseOutcome } from '../scenarios/attempt-outcome.js';
import type { RunTarget, TargetContext, TargetSale } from '../scenarios/target.js';
import { startRun } from './run.js';

/**
 * A service that sells from a row count (no counter, no index). `oversells` skips the stock test;
 * `dropsAnswers` sells to every tenth buyer but loses the answer (a timeout after the write).
 */
function rowsOnlyTarget({ oversells = false, dropsAnswers = false } = {}) {
  return async (context: TargetContext): Promise<RunTarget> => {
    const rows = new Map<UserId, number>();
    let capacity = 0;
    const sale: TargetSale = {
      sale: `rows-only-${context.runId}`,
      async purchase(user): Promise<SalePurchaseOutcome> {
        if (rows.has(user)) return { kind: 'duplicate', caughtBy: 'ledger' };
        if (!oversells && rows.size >= capacity) return { kind: 'sold-out' };
        rows.set(user, 1);
        if (dropsAnswers && rows.size % 10 === 0) return { kind: 'unknown', why: 'no answer within 10 ms' };
        return { kind: 'purchased' };
      },
      async cancel(user): Promise<CancelOutcome> {
        return rows.delete(user) ? { kind: 'cancelled' } : { kind: 'not-purchased' };
      },
      async readBack() {
        return { records: [...rows].map(([userId, n]) => ({ userId, rows: n })), names: { records: 'orders', stock: '', index: '' } };
      },
    };
    return {
      kind: 'memory',
      reason: 'a test target',
      versions: {},
      clock: createRealClock(),
      faultStack: { service: async () => undefined },
      begin: async () => ({}),
      armEngine: () => undefined,
      openSale: async (stock) => {
        capacity = stock;
        return sale;
      },
      quiesce: async () => undefined,
      checks: async () => [],
      live: () => ({ sql: undefined, writeBehind: undefined }),
      summary: async () => ({ data: { sale: sale.sale, stores: [{ store: 'orders', holds: [`rows of ${sale.sale}`] }] } }),
      close: async () => undefined,
    };
  };
}

const config = (scenario: string) => loadConfig({ scenario, strategy: 'lua', infra: 'memory', users: 200, stock: 50, json: true }, {});

describe('a run against a target that keeps rows only', () => {
  it('checks what the rows can tell and shows the rest as skipped, never passed', async () => {
    const result = await startRun(config('oversell'), undefined, rowsOnlyTarget()).result;
    const skipped = result.checks.filter((check) => check.skipped !== undefined);
    expect(skipped.map((check) => [check.name, check.ok, check.skipped])).toEqual([
      ['index-agrees', false, 'the target keeps no second copy of the buyer list'],
      ['conservation', false, 'the target keeps no stock counter'],
    ]);
    expect(result.checks.filter((check) => check.skipped === undefined).every((check) => check.ok)).toBe(true);
    expect(result.ok).toBe(true);
    expect(verdictOf(result).summary).toBe('all 4 checks held, 2 skipped');
    expect(result.data.stores).toEqual([{ store: 'orders', holds: [`rows of ${result.data.sale}`] }]);
  });

  it('still catches a planted oversell', async () => {
    const result = await startRun(config('oversell'), undefined, rowsOnlyTarget({ oversells: true })).result;
    expect(result.ok).toBe(false);
    expect(result.checks.find((check) => check.name === 'no-oversell')).toMatchObject({ ok: false, detail: 'oversold by 150' });
  });

  it('runs a cancel storm whose waiting line cannot ask for the seats left', async () => {
    const result = await startRun(
      loadConfig({ scenario: 'cancel-storm', strategy: 'lua', infra: 'memory', users: 100, stock: 50, cancelRatio: 0.5, rebuyers: 10, json: true }, {}),
      undefined,
      rowsOnlyTarget(),
    ).result;
    expect(result.checks.find((check) => check.name === 'no-over-stocking')?.skipped).toBe('the target keeps no stock counter');
    expect(result.checks.find((check) => check.name === 'freed-seats-resold')).toMatchObject({ ok: true });
    expect(result.ok).toBe(true);
  });

  it('counts lost answers as unknown, and the rows they may have made are not held against it', async () => {
    const result = await startRun(config('oversell'), undefined, rowsOnlyTarget({ dropsAnswers: true })).result;
    expect(result.counts).toMatchObject({ purchased: 45, unknown: 5, soldOut: 150, errors: 0 });
    expect(result.checks.find((check) => check.name === 'reported-matches-data')).toMatchObject({
      ok: true,
      observed: 'told purchased 45; rows 50; 5 answers unknown',
    });
    expect(result.ok).toBe(true);
  });
});
