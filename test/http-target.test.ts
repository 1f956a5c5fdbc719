// Whole runs against a service over HTTP (--target), the shop of shop-server.ts: a correct shop
// holds every check under oversell, spam and cancel-storm; each flaw planted in it is caught by the
// check named for it; answers that never come are counted unknown, not held against it.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import type { RawFlags } from '../src/config/config.js';
import { parseTargetFile } from '../src/config/target-file/index.js';
import type { RunResult } from '../src/result.js';
import { startRun } from '../src/runner/run.js';
import { openHttpTarget } from '../src/targets/http/http-target.js';
import { startShop } from './shop-server.js';
import type { Flaw } from './shop-server.js';
import { shopTarget } from './shop-server.js';

const shops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(shops.splice(0).map((close) => close()));
});

/** Runs `flags` against a shop with `flaw`; the result. */
/** The Idempotency-Key headers the last shop started was sent. */
let lastKeys: string[] = [];

async function runAgainst(flaw: Flaw, flags: RawFlags, timeoutMs?: number, drain?: { timeoutMs: number; settleMs: number }): Promise<RunResult> {
  const workload = flags.rate === undefined ? { users: 200, stock: 50 } : {};
  const shop = await startShop(flaw);
  lastKeys = shop.idempotencyKeys;
  shops.push(shop.close);
  const file = parseTargetFile(shopTarget(shop.url, timeoutMs, drain), '--target shop.json');
  const config = loadConfig({ scenario: 'oversell', ...workload, json: true, target: 'shop.json', ...flags }, {});
  return startRun(config, undefined, (context) => openHttpTarget(context, file, 'shop.json')).result;
}

const failed = (result: RunResult) => result.checks.filter((check) => !check.ok && check.skipped === undefined).map((check) => check.name);

describe('a correct service over HTTP', () => {
  it.each([
    ['oversell', {}],
    ['spam', { scenario: 'spam', users: 50, requestsPerUser: 5 }],
    ['cancel-storm', { scenario: 'cancel-storm', users: 100, cancelRatio: 0.5, cancelDupes: 2, rebuyers: 50 }],
  ] as const)('holds every check under %s', async (_name, flags) => {
    const result = await runAgainst('correct', flags);
    expect(failed(result)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.strategy).toBe('test-shop');
    expect(result.target).toMatchObject({ name: 'test-shop', file: 'shop.json', unknown: [], rules: expect.arrayContaining([expect.objectContaining({ operation: 'purchase', when: 'status 410', is: 'sold-out' })]) });
    // Every reply is counted under the rule that read it.
    const byRule = (is: string) => result.target!.rules.filter((rule) => rule.is === is).reduce((sum, rule) => sum + rule.count, 0);
    expect(byRule('sold-out')).toBe(result.counts.soldOut);
    expect(byRule('purchased')).toBe(result.counts.purchased + result.counts.rebought);
    expect(result.checks.filter((check) => check.skipped !== undefined)).toEqual([]);
    expect(result.command).toMatch(/ run \S+ .*--target shop\.json/);
    expect(result.command).not.toMatch(/--strategy|--infra|--seed|--pool-size/);
    // {attempt}: one per request, never the same twice, and no other run's.
    expect(new Set(lastKeys).size).toBe(lastKeys.length);
    expect(lastKeys.every((key) => key.startsWith(`${result.runId}-`))).toBe(true);
  });
});

describe('a service that writes behind', () => {
  it('is drained before the checks read it: its records catch up with every purchase it acknowledged', async () => {
    // settleMs far above the shop's 50 ms lag: only records accounting for every acknowledged purchase end the drain.
    const result = await runAgainst('writes-behind', { scenario: 'write-behind', users: 200, stock: 50 }, undefined, { timeoutMs: 30_000, settleMs: 20_000 });
    expect(failed(result)).toEqual([]);
    expect(result.counts.purchased).toBe(50);
    expect(result.checks.find((check) => check.name === 'reported-matches-data')!.observed).toBe('told purchased 50; rows 50');
    const [drain, ...more] = result.target!.drains!;
    expect(more).toEqual([]);
    expect(drain).toMatchObject({ ended: 'caught-up', acknowledged: 50, records: 50 });
    expect(drain!.curve.at(-1)!.rows).toBe(50);
  });

  it('says when a drain ended because the records stopped changing short of the purchases acknowledged', async () => {
    // Every tenth acknowledged purchase is never stored: the records can never catch up.
    const result = await runAgainst('forgets-order', { scenario: 'write-behind', users: 200, stock: 50 }, undefined, { timeoutMs: 30_000, settleMs: 200 });
    expect(result.target!.drains).toEqual([expect.objectContaining({ ended: 'settled', acknowledged: 50, records: 45 })]);
    expect(failed(result)).toContain('reported-matches-data');
  });
});

describe('an open model against a service over HTTP', () => {
  it('sends the arrivals at their rate and checks the same stores', async () => {
    const result = await runAgainst('correct', { rate: 200, duration: 1, stock: 1000 });
    expect(result.load).toMatchObject({ model: 'rate', rate: 200, planned: 200, dropped: 0 });
    expect(result.counts).toMatchObject({ purchased: 200, errors: 0, unknown: 0 });
    expect(failed(result)).toEqual([]);
  });
});

describe('a flawed service over HTTP is caught', () => {
  it('a lost update: no-oversell and conservation, with the numbers', async () => {
    const result = await runAgainst('lost-update', {});
    expect(failed(result)).toEqual(expect.arrayContaining(['no-oversell', 'conservation']));
    expect(result.checks.find((check) => check.name === 'no-oversell')!.detail).toMatch(/^oversold by \d+/);
  });

  it('a seat taken and the order not stored: conservation (and exact-sell-out)', async () => {
    const result = await runAgainst('seat-without-order', {});
    expect(failed(result)).toContain('conservation');
    expect(result.counts.errors).toBeGreaterThan(0);
  });

  it('an acknowledged purchase with no record: reported-matches-data names the buyers', async () => {
    const result = await runAgainst('forgets-order', {});
    expect(failed(result)).toContain('reported-matches-data');
    expect(result.checks.find((check) => check.name === 'reported-matches-data')!.detail).toMatch(new RegExp(`^5 acknowledged purchases have no record \\(u${result.runId}-\\d+, `));
  });

  it('a double buyer: no-double-buyer under spam', async () => {
    const result = await runAgainst('double-buyer', { scenario: 'spam', users: 20, requestsPerUser: 5 });
    expect(failed(result)).toContain('no-double-buyer');
  });

  it('a ghost record for a buyer told sold out: reported-matches-data', async () => {
    const result = await runAgainst('ghost-record', {});
    expect(failed(result)).toContain('reported-matches-data');
    // The users as the service names them, to look up in its stores (u{run}-{i}).
    expect(result.checks.find((check) => check.name === 'reported-matches-data')!.detail).toMatch(new RegExp(`^15 records for users told sold-out \\(u${result.runId}-59, `));
  });

  it('counts each unknown answer of a cancel storm once, as a purchase or as a cancel', async () => {
    const result = await runAgainst('dropped-answer', { scenario: 'cancel-storm', users: 100, cancelRatio: 0.5, cancelDupes: 1, rebuyers: 50 }, 300);
    expect(result.counts.unknown).toBeGreaterThan(0);
    const check = result.checks.find((c) => c.name === 'reported-matches-data')!;
    expect(check.observed).toMatch(new RegExp(`; ${result.counts.unknown} answers unknown$`));
  });

  it('answers that never come are unknown, and the orders they made are not held against it', async () => {
    const result = await runAgainst('dropped-answer', {}, 300);
    expect(result.counts.unknown).toBe(5);
    expect(result.target!.unknown).toEqual([{ why: 'no answer within 300 ms', count: 5 }]);
    expect(failed(result)).toEqual([]);
    expect(result.checks.find((check) => check.name === 'reported-matches-data')!.observed).toBe('told purchased 45; rows 50; 5 answers unknown');
  });
});
