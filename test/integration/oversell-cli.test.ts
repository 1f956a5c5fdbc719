// `ticketsim run oversell` end to end, as a user runs it: the built CLI in a child process, against
// the real Redis + MariaDB and the in-process infrastructure. The data is then read back directly
// from the stores, independently of ticketsim, to confirm what the result JSON claims.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/result.js';
import { formatCount, formatMicros } from '../../src/report/format.js';
import { connectionOptions, ensureSchema } from '../../src/engine/mysql/connect.js';
import { readSale, removeSale, runScenario } from './cli.js';
import { ownedId } from './owned-names.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('redis', 'mysql');

/** Runs `ticketsim run oversell --json …`. */
const runCli = (...args: string[]) => runScenario('oversell', args);

describe.skipIf(!available)('ticketsim run oversell on real Redis + MariaDB', () => {
  let redis: Redis;
  let mysql: Connection;
  // Outside ticketsim's names (its keys are `ticketsim:{<sale>}:…`), yet still a test's own.
  const foreignKey = `ticketsim-it-foreign:${ownedId()}`;
  const foreignTicket = `it-foreign-${ownedId()}`;

  beforeAll(async () => {
    redis = new Redis(servicesConfig.redis.url);
    // On a fresh server this file may run before anything else has created the database.
    const target = { ...servicesConfig.mysql, connectTimeoutMs: 2000 };
    await ensureSchema(target);
    mysql = await createConnection({ ...connectionOptions(target), database: servicesConfig.mysql.database });
    // Data ticketsim did not create; it must survive every run.
    await redis.set(foreignKey, 'keep me');
    await mysql.query('INSERT INTO purchases (user_id, ticket_name) VALUES (?, ?)', ['user-1', foreignTicket]);
  });

  afterAll(async () => {
    expect(await redis.get(foreignKey)).toBe('keep me');
    const [rows] = await mysql.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM purchases WHERE ticket_name = ?', [foreignTicket]);
    expect(rows[0]!.n).toBe(1);
    await redis.del(foreignKey);
    await mysql.query('DELETE FROM purchases WHERE ticket_name = ?', [foreignTicket]);
    redis.disconnect();
    await mysql.end();
  });

  /** Reads the run's data straight from the stores and removes it. */
  async function readBackAndClean(result: RunResult) {
    const { stock, buyers, rows } = await readSale(redis, mysql, result);
    await removeSale(redis, mysql, result);
    return { stock, buyers, rows };
  }

  it.each(['lua', 'lock'])('%s sells exactly the stock to 1,000 buyers, every check passing', async (strategy) => {
    const { code, result } = await runCli('--users', '1000', '--infra', 'real', '--strategy', strategy);
    expect(code).toBe(0);
    expect(result.infra).toBe('real');
    expect(result.counts).toMatchObject({ attempts: 1000, purchased: 100, errors: 0 });
    // Late lock waiters may give up (a lock timeout) after the seats are gone; never before.
    expect(result.counts.soldOut + result.counts.lockTimeout).toBe(900);
    expect(result.checks.every((c) => c.ok)).toBe(true);
    expect(await readBackAndClean(result)).toEqual({ stock: 0, buyers: 100, rows: 100 });
  });

  it('naive is caught overselling and exits 1', async () => {
    const { code, result } = await runCli('--users', '1000', '--infra', 'real', '--strategy', 'naive');
    const data = await readBackAndClean(result);
    expect(code).toBe(1);
    const noOversell = result.checks.find((c) => c.name === 'no-oversell')!;
    expect(noOversell.ok).toBe(false);
    expect(noOversell.detail).toBe(`oversold by ${(data.rows - 100).toLocaleString('en-US')}`);
    expect(data.rows).toBeGreaterThan(100);
  });

  it('runs never see each other: two concurrent runs each sell their own 100', async () => {
    const [a, b] = await Promise.all([runCli('--users', '300', '--infra', 'real'), runCli('--users', '300', '--infra', 'real')]);
    expect(a.result.runId).not.toBe(b.result.runId);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(await readBackAndClean(a.result)).toEqual({ stock: 0, buyers: 100, rows: 100 });
    expect(await readBackAndClean(b.result)).toEqual({ stock: 0, buyers: 100, rows: 100 });
  });

  it('a pool larger than max_connections yields counted "Too many connections" errors, not a crash', async () => {
    const [[server]] = await mysql.query<RowDataPacket[]>('SELECT @@max_connections AS max');
    const poolSize = Number(server!.max) + 200;
    const { result } = await runCli('--users', '1000', '--stock', '1000', '--infra', 'real', '--pool-size', String(poolSize));
    await readBackAndClean(result);
    expect(result.counts.errors).toBeGreaterThan(0);
    expect(result.errorCauses[0]!.cause).toMatch(/Too many connections/);
    expect(result.counts.attempts).toBe(1000);
    // The seats whose write failed were released again: the stores still agree.
    expect(result.checks.find((c) => c.name === 'index-agrees')!.ok).toBe(true);
  });

  it('a bounded pool has no connection errors', async () => {
    const { result } = await runCli('--users', '1000', '--stock', '1000', '--infra', 'real', '--pool-size', '10');
    await readBackAndClean(result);
    expect(result.counts).toMatchObject({ purchased: 1000, errors: 0 });
  });
});

describe('ticketsim run oversell in-process', () => {
  it.each(['lua', 'lock'])('%s sells exactly the stock', async (strategy) => {
    const { code, result } = await runCli('--users', '1000', '--infra', 'memory', '--strategy', strategy);
    expect(code).toBe(0);
    expect(result.infra).toBe('memory');
    expect(result.counts).toMatchObject({ purchased: 100, soldOut: 900, errors: 0 });
  });

  it('naive oversells and exits 1', async () => {
    const { code, result } = await runCli('--users', '1000', '--infra', 'memory', '--strategy', 'naive');
    expect(code).toBe(1);
    expect(result.checks.find((c) => c.name === 'no-oversell')!.ok).toBe(false);
  });

  it('writes a report whose numbers are the JSON result of the same run', async () => {
    const path = join(tmpdir(), `ticketsim-report-${randomUUID()}.md`);
    const { result } = await runCli('--infra', 'memory', '--report', path);
    const report = await readFile(path, 'utf8');
    await rm(path);
    const embedded = /<details>[\s\S]*?```json\n([\s\S]*?)\n```/.exec(report)?.[1];
    expect(JSON.parse(embedded!)).toEqual(result);
    const purchase = result.latency.purchase!;
    const human = [purchase.min, purchase.mean, purchase.p50, purchase.p90, purchase.p99, purchase.p999, purchase.max].map(formatMicros).join(' | ');
    expect(report).toContain(`| **purchase** | ${formatCount(purchase.count)} | 0 (0%) | ${human} |`);
    expect(report).toContain(`| purchased | ${formatCount(result.counts.purchased)} |`);
    expect(report).toContain(`| sold out | ${formatCount(result.counts.soldOut)} |`);
    expect(report).toContain(`| Node.js | ${result.environment.node} |`);
    expect(report).toContain(`| CPU | ${result.environment.machine.cpuModel} × `);
    expect(report).toContain(result.command);
  });

  it('is reproducible from its seed', async () => {
    const [a, b] = await Promise.all([
      runCli('--infra', 'memory', '--strategy', 'naive', '--seed', '7'),
      runCli('--infra', 'memory', '--strategy', 'naive', '--seed', '7'),
    ]);
    expect(a.result.counts).toEqual(b.result.counts);
    expect(a.result.latency.purchase!.p99).toBe(b.result.latency.purchase!.p99);
  });
});
