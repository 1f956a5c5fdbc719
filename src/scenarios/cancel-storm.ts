// The v4 cancel-storm scenario. Phase 1 (`sell-out`): --users buyers race for --stock seats, one
// attempt each. Phase 2 (`storm`), released behind its own barrier: a fraction of the buyers
// (--cancel-ratio) cancel, each cancel fired --cancel-dupes times at once; as many users who never
// bought cancel too (bogus cancels); and at the same moment a waiting line of --rebuyers new buyers
// tries to buy the seats being freed: told "sold out" while cancels are under way, a re-buyer waits
// in line watching the stock and buys again when a seat is back. Afterwards the stores are read
// back: no seat created, one deleted row per honoured cancel, freed seats resold.
import type { Clock, UserId } from '../engine/ports.js';
import type { PhaseResult, RunCounts } from '../result.js';
import { checkReportedMatchesData } from './reported-checks.js';
import { checkIndexAgrees, checkNoDoubleBuyer } from './sale-checks.js';
import { soldRows } from './sale-observation.js';
import type { SaleObservation } from './sale-observation.js';
import { bogusCancellerId, buyerId, buyerIndex, rebuyerId } from './sale.js';
import type { Act, Phase, ScenarioDefinition } from './scenario.js';
import type { SaleReadBack, TargetSale } from './target.js';
import { checkCancelsHonouredOnce, checkFreedSeatsResold, checkNoOverStocking, checkNoOversellThroughout } from './storm-checks.js';
import type { StormObservation } from './storm-checks.js';

/**
 * How often a re-buyer in line looks at the stock (a plain read, as a waiting-room page polls
 * availability): after 20 ms, doubling up to 200 ms. Re-buyers buy only when a seat is back: a line
 * that retried the purchase itself kept a thousand requests queued on a lock strategy's lock,
 * starving the very cancels it waited for (measured: a 13 s dcl storm with lock timeouts).
 */
const POLL_PAUSE_MS = { first: 20, max: 200 };

/** Who does what in the storm, decided from the data the sell-out left. */
interface StormPlan {
  /** Buyers who cancel (each fired `dupes` times). */
  cancellers: UserId[];
  /** Users who never bought and cancel anyway. */
  bogus: UserId[];
  /** New buyers in the waiting line. */
  rebuyers: UserId[];
}

/** The first `ratio` of the buyers (in buyer-number order, so a seed picks the same ones). */
function chooseCancellers(rows: SaleReadBack['records'], ratio: number): UserId[] {
  const order = (user: UserId) => buyerIndex(user) ?? Number.MAX_SAFE_INTEGER;
  const buyers = rows.map((row) => row.userId).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return buyers.slice(0, Math.round(buyers.length * ratio));
}

/**
 * Attempts in one order: each kind spread evenly over the whole range, so cancels, duplicates,
 * bogus cancels and re-buyers are all among the first dispatched.
 */
function interleave<T>(groups: readonly (readonly T[])[]): T[] {
  const placed = groups.flatMap((group) => group.map((item, i) => ({ item, at: (i + 0.5) / group.length })));
  return placed.sort((a, b) => a.at - b.at).map(({ item }) => item);
}

/** How many times each user was told a given outcome; only repeats matter. */
class Tally {
  private readonly times = new Map<UserId, number>();

  add(user: UserId): void {
    this.times.set(user, (this.times.get(user) ?? 0) + 1);
  }

  repeats(): { userId: UserId; times: number }[] {
    return [...this.times].filter(([, times]) => times > 1).map(([userId, times]) => ({ userId, times }));
  }
}

/**
 * The storm's order: every cancel interleaved with at most half the in-flight cap of re-buyers, the
 * other re-buyers after the last cancel. A re-buyer in line holds its slot until every cancel has
 * finished; with more re-buyers than the cap ahead of a cancel, the line filled every slot and the
 * cancels it waited for never started (a run that never ended).
 */
function stormOrder<T>(cancels: readonly T[], rebuys: readonly T[], cap: number): T[] {
  const racing = Math.min(rebuys.length, Math.floor(cap / 2));
  return [...interleave([cancels, rebuys.slice(0, racing)]), ...rebuys.slice(racing)];
}

/** The storm phase over a plan: its attempts, and what the checks need to know of it afterwards. */
function stormPhase(plan: StormPlan, dupes: number, sale: TargetSale, clock: Clock, cap: number) {
  const told = new Tally();
  /** Cancels answered unknown: each may have given a seat back. */
  const unknownCancels = { count: 0 };
  let cancelsLeft = plan.cancellers.length * dupes + plan.bogus.length;
  const cancel = async (user: UserId, act: Act): Promise<void> => {
    const outcome = await act('cancel', () => sale.cancel(user));
    if (outcome?.kind === 'cancelled') told.add(user);
    if (outcome?.kind === 'unknown') unknownCancels.count += 1;
    cancelsLeft -= 1;
  };
  /**
   * Waits in line until the sale shows a seat or every cancel has finished; a target that cannot
   * say the seats left is asked again by buying after one pause.
   */
  const waitForSeat = async (): Promise<void> => {
    for (let polls = 0; cancelsLeft > 0; polls += 1) {
      await clock.sleep(Math.min(POLL_PAUSE_MS.max, POLL_PAUSE_MS.first * 2 ** polls) + (polls % 5));
      if (sale.seatsLeft === undefined || (await sale.seatsLeft()) > 0) return;
    }
  };
  // Only a "sold out" given after every cancel finished is final, so no freed seat is missed.
  const rebuy = async (user: UserId, act: Act): Promise<void> => {
    for (;;) {
      const cancelsPending = cancelsLeft > 0;
      const outcome = await act('purchase', () => sale.purchase(user));
      if (outcome?.kind !== 'sold-out' || !cancelsPending) return;
      await waitForSeat();
    }
  };
  const cancels = interleave<(act: Act) => Promise<void>>([
    plan.cancellers.flatMap((user) => Array.from({ length: dupes }, () => (act: Act) => cancel(user, act))),
    plan.bogus.map((user) => (act: Act) => cancel(user, act)),
  ]);
  const tasks = stormOrder(cancels, plan.rebuyers.map((user) => (act: Act) => rebuy(user, act)), cap);
  const phase: Phase = {
    name: 'storm',
    total: tasks.length,
    attempt: (index, act) => tasks[index]!(act),
    countAs: { purchased: 'rebought' },
  };
  return { phase, told, unknownCancels };
}

export const cancelStormScenario: ScenarioDefinition = {
  name: 'cancel-storm',
  summary: 'sell out, then duplicate and bogus cancels race a line of re-buyers; no seat may be created (v4)',
  needs: ['redis', 'mysql'],
  async prepare({ target, run, maxInFlight }) {
    const sale = await target.openSale(run.stock);
    const dupes = run.cancelDupes ?? 1;
    let before: SaleReadBack | undefined;
    let plan: StormPlan | undefined;
    let told: Tally | undefined;
    let unknownCancels = { count: 0 };

    const sellOut = async (): Promise<Phase> => ({
      name: 'sell-out',
      total: run.users,
      attempt: async (index, act) => {
        await act('sell-out', () => sale.purchase(buyerId(index)));
      },
    });

    const storm = async (): Promise<Phase> => {
      before = await sale.readBack();
      const cancellers = chooseCancellers(before.records, run.cancelRatio ?? 0);
      plan = {
        cancellers,
        bogus: Array.from({ length: cancellers.length }, (_, i) => bogusCancellerId(i)),
        rebuyers: Array.from({ length: run.rebuyers ?? 0 }, (_, i) => rebuyerId(i)),
      };
      const built = stormPhase(plan, dupes, sale, target.clock, maxInFlight);
      told = built.told;
      unknownCancels = built.unknownCancels;
      return built.phase;
    };

    const check = async (counts: RunCounts, phases: readonly PhaseResult[]) => {
      const after = await sale.readBack();
      const base: SaleObservation = {
        initialStock: run.stock,
        demand: run.users,
        ...after,
        reported: {
          // What the stores should hold by the runner's count: bought, bought again, minus cancelled.
          purchased: counts.purchased + counts.rebought - counts.cancelled,
          purchasedTerms: [
            ['purchased', counts.purchased],
            ['re-bought', counts.rebought],
            ['cancelled', -counts.cancelled],
          ],
          errors: counts.errors,
          lockTimeouts: counts.lockTimeout,
          notStarted: counts.notStarted,
          rejected: counts.rejected,
          // An unknown purchase may have bought a seat; an unknown cancel may have given one back.
          unknown: { purchases: counts.unknown - unknownCancels.count, cancels: unknownCancels.count },
        },
      };
      const seatsBeforeStorm = typeof before?.stock === 'number' ? before.stock + soldRows(before) : before?.stock === 'missing' ? soldRows(before) : undefined;
      const checks = [checkNoOverStocking({ ...base, seatsBeforeStorm }), checkNoOversellThroughout(base, before), checkIndexAgrees(base), checkNoDoubleBuyer(base)];
      // A run stopped during the sell-out never had a storm to check.
      if (before !== undefined && plan !== undefined && told !== undefined) {
        const stormCounts = phases.find((phase) => phase.name === 'storm')?.counts ?? counts;
        checks.push(...stormChecks(base, before, after, plan, told, unknownCancels.count, stormCounts));
      }
      checks.push(checkReportedMatchesData(base));
      return checks;
    };

    return { phases: [sellOut, storm], check };
  },
};

/** The storm's own checks, from the rows before and after it and the storm phase's counts. */
function stormChecks(base: SaleObservation, before: SaleReadBack, after: SaleReadBack, plan: StormPlan, told: Tally, unknownCancels: number, counts: RunCounts) {
  const cancelling = new Set([...plan.cancellers, ...plan.bogus]);
  const rowsOf = (sale: SaleReadBack, users: ReadonlySet<UserId>) => sale.records.filter((row) => users.has(row.userId)).reduce((sum, row) => sum + row.rows, 0);
  const rebuyers = new Set(plan.rebuyers);
  // Rows of the other sell-out buyers that appeared during the storm: purchases answered unknown
  // that the service finished after the sell-out was read. They took seats the storm did not free.
  const othersRows = (sale: SaleReadBack) => soldRows(sale) - rowsOf(sale, cancelling) - rowsOf(sale, rebuyers);
  const observation: StormObservation = {
    ...base,
    storm: {
      cancellerRowsBefore: rowsOf(before, cancelling),
      cancellerRowsAfter: rowsOf(after, cancelling),
      cancelledReported: counts.cancelled,
      unknownCancels,
      repeatCancels: told.repeats(),
      unsoldBefore: base.initialStock - soldRows(before),
      lateRows: Math.max(0, othersRows(after) - othersRows(before)),
      rebuyers: plan.rebuyers.length,
      resold: rowsOf(after, rebuyers),
      failures: counts.errors + counts.lockTimeout + counts.rejected + counts.unknown,
    },
  };
  return [checkCancelsHonouredOnce(observation), checkFreedSeatsResold(observation)];
}
