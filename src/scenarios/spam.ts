// The v3 spam scenario: one ticket per person. N users each fire K purchases at once, all behind
// one barrier (N × K attempts; a user's K requests are dispatched back to back, as a user hammering
// the buy button would send them). `--users 1 --requests-per-user 1000` is the seed's "same id,
// endless requests". Afterwards the stores are read back: one row per user, no leaked seat, and
// no user told "purchased" twice.
import { reportedOf } from './reported-checks.js';
import { checkSale } from './sale-checks.js';
import type { SaleCheckName } from './sale-checks.js';
import { BuyerAnswers, buyerId } from './sale.js';
import { singleBurst } from './scenario.js';
import type { ScenarioDefinition } from './scenario.js';

/** The checks of a spam run, in the order they are shown. */
const SPAM_CHECKS: readonly SaleCheckName[] = [
  'no-double-buyer',
  'index-agrees',
  'conservation',
  'exact-sell-out',
  'no-oversell',
  'reported-once-per-user',
  'reported-matches-data',
];

export const spamScenario: ScenarioDefinition = {
  name: 'spam',
  summary: 'each user fires many purchases at once; one ticket per person (v3)',
  needs: ['redis', 'mysql'],
  async prepare({ target, run }) {
    const perUser = run.requestsPerUser ?? 1;
    const sale = await target.openSale(run.stock);
    const answers = new BuyerAnswers(run.users);
    return {
      phases: singleBurst(
        run.users * perUser,
        { operation: 'purchase', send: (index) => sale.purchase(buyerId(Math.floor(index / perUser))) },
        (index, outcome) => answers.answered(Math.floor(index / perUser), outcome),
      ),
      check: async (counts) =>
        checkSale(
          {
            initialStock: run.stock,
            demand: run.users,
            ...(await sale.readBack()),
            reported: { ...reportedOf(counts), repeatPurchasers: answers.repeats(), answers },
          },
          SPAM_CHECKS,
        ),
    };
  },
};
