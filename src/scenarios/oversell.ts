// The v2 oversell scenario: N distinct buyers race for `stock` seats, each trying once.
// Afterwards the target's stores (stock, buyer index, records) are read back and checked.
import { reportedOf } from './reported-checks.js';
import { checkSale } from './sale-checks.js';
import { BuyerAnswers, buyerId } from './sale.js';
import { singleBurst } from './scenario.js';
import type { ScenarioDefinition } from './scenario.js';

export const oversellScenario: ScenarioDefinition = {
  name: 'oversell',
  summary: 'N buyers race for the seats at once; nothing may be sold twice (v2)',
  needs: ['redis', 'mysql'],
  async prepare({ target, run }) {
    const sale = await target.openSale(run.stock);
    const answers = new BuyerAnswers(run.users);
    return {
      phases: singleBurst(
        run.users,
        { operation: 'purchase', send: (index) => sale.purchase(buyerId(index)) },
        (index, outcome) => answers.answered(index, outcome),
      ),
      check: async (counts) =>
        checkSale({
          initialStock: run.stock,
          demand: run.users,
          ...(await sale.readBack()),
          reported: { ...reportedOf(counts), answers },
        }),
    };
  },
};
