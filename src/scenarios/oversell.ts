// The v2 oversell scenario: N distinct buyers race for `stock` seats, each trying once.
// Afterwards the Redis stock and buyer set and the MySQL rows are read back and checked.
import { saleKeys } from '../engine/redis/keys.js';
import { checkSale } from './sale-checks.js';
import type { ScenarioDefinition } from './scenario.js';

/** The user id of buyer number `index`. */
export function buyerId(index: number): string {
  return `user-${index}`;
}

export const oversellScenario: ScenarioDefinition = {
  name: 'oversell',
  summary: 'N buyers race for the seats at once; nothing may be sold twice (v2)',
  needs: ['redis', 'mysql'],
  async prepare({ infra, strategy, runId, users, stock }) {
    const sale = `concert-${runId}`;
    await infra.inventory.createSale(sale, stock);
    const keys = saleKeys(sale);
    return {
      total: users,
      attempt: async (index) => (await strategy.purchase(sale, buyerId(index))).kind,
      check: async (counts) => {
        const [redisSide, mysqlRows] = await Promise.all([infra.inventory.inspect(sale), infra.ledger.purchases(sale)]);
        return checkSale({
          initialStock: stock,
          demand: users,
          remainingStock: redisSide.stock,
          redisBuyers: redisSide.buyers,
          mysqlRows,
          reported: { purchased: counts.purchased, errors: counts.errors, lockTimeouts: counts.lockTimeout, notStarted: counts.notStarted },
        });
      },
      data: { sale, redisKeys: [keys.stock, keys.buyers], mysqlTicketName: sale },
    };
  },
};
