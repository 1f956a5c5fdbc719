// Grouped synchronous INSERTs on the real MariaDB (src/engine/mysql/insert-groups.ts): the server
// undoes a multi-row INSERT that meets a duplicate whole (what splitting a group relies on), every
// purchase of a group gets its own exact answer, a failing statement fails its group, and the
// strategies over a grouped ledger still sell exactly the stock. Each test owns its sales.
import { describe, expect, it } from 'vitest';
import { createMysqlLedger } from '../../src/engine/mysql/ledger.js';
import { PURCHASES_TABLE } from '../../src/engine/mysql/tables.js';
import { createRealClock } from '../../src/engine/real-clock.js';
import { createStrategy } from '../../src/engine/strategies/index.js';
import type { StatementTiming } from '../../src/engine/ports.js';
import { ownedId } from './owned-names.js';
import { servicesAvailable } from './services.js';
import { realEngine } from './engine-stores.js';

const available = await servicesAvailable('redis', 'mysql');
const GROUP = 100;
const POOL_SIZE = 10;

describe.skipIf(!available)('grouped INSERTs on the real MariaDB', () => {
  const engine = realEngine('it-groups', { groupRows: GROUP });

  it('a multi-row INSERT that meets a duplicate inserts none of its rows', async () => {
    const sale = engine.newSale();
    await engine.pool.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES (?, ?)`, ['u2', sale]);
    await expect(engine.pool.query(`INSERT INTO ${PURCHASES_TABLE} (user_id, ticket_name) VALUES ?`, [[['u1', sale], ['u2', sale], ['u3', sale]]])).rejects.toMatchObject({
      code: 'ER_DUP_ENTRY',
    });
    expect(await engine.deps.ledger.purchases(sale)).toEqual([{ userId: 'u2', rows: 1 }]);
  });

  it('answers each purchase of concurrent groups exactly: repeats and rows already there are duplicates, one row each', async () => {
    const sale = engine.newSale();
    const timings: StatementTiming[] = [];
    const ledger = createMysqlLedger(engine.pool, { clock: createRealClock(), poolSize: POOL_SIZE, groupRows: GROUP, observer: { statement: (t) => timings.push(t) } });
    for (let i = 0; i < 20; i += 1) expect(await ledger.record(sale, `old-${i}`)).toBe('inserted');
    // 300 new buyers, 50 of them twice, and the 20 that have a row already: all asked in one turn.
    const users = [...Array.from({ length: 300 }, (_, i) => `u${i}`), ...Array.from({ length: 50 }, (_, i) => `u${i * 6}`), ...Array.from({ length: 20 }, (_, i) => `old-${i}`)];
    const writes = await Promise.all(users.map((user) => ledger.record(sale, user)));
    expect(writes.filter((write) => write === 'inserted')).toHaveLength(300);
    expect(writes.filter((write) => write === 'duplicate')).toHaveLength(70);
    expect(writes.slice(350)).toEqual(Array(20).fill('duplicate'));
    const rows = await ledger.purchases(sale);
    expect(rows).toHaveLength(320);
    expect(rows.every((row) => row.rows === 1)).toBe(true);
    // Asked in one turn with ten connections: the first statements carried 37 rows each.
    expect(timings.filter((t) => t.kind === 'insert-many').length).toBeGreaterThanOrEqual(POOL_SIZE);
  });

  it('fails every purchase of a group with its statement\'s failure', async () => {
    const ledger = createMysqlLedger(engine.pool, { clock: createRealClock(), poolSize: POOL_SIZE, groupRows: GROUP, table: { name: `ticketsim_absent_${ownedId().replace(/\W/g, '_')}`, idempotent: false } });
    const writes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => ledger.record('no-sale', `u${i}`)));
    expect(writes.every((write) => write.status === 'rejected' && (write.reason as { code?: string }).code === 'ER_NO_SUCH_TABLE')).toBe(true);
  });

  for (const name of ['lua', 'lock', 'dcl'] as const) {
    it(`${name}: 1,000 buyers on 100 seats over grouped INSERTs: MySQL holds one row per buyer Redis counted`, async () => {
      const sale = engine.newSale();
      await engine.deps.inventory.createSale(sale, 100);
      const strategy = createStrategy(name, engine.deps);
      const outcomes = await Promise.all(Array.from({ length: 1000 }, (_, i) => strategy.purchase(sale, `user-${i}`)));
      const purchased = outcomes.filter((outcome) => outcome.kind === 'purchased').length;
      const rows = await engine.deps.ledger.purchases(sale);
      expect(rows).toHaveLength(purchased);
      expect(rows.every((row) => row.rows === 1)).toBe(true);
      expect(purchased).toBe(100);
    });
  }
});
