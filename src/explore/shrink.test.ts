// Tests of the shrinker: whatever failing schedule a random search finds, the shrunk one still
// breaks the same check when replayed, is no bigger, and is a fixpoint (shrinking it again gives
// it back unchanged).
import { describe, expect, it } from 'vitest';
import { replayChooser } from './choosers.js';
import { workloadRunner } from './explored-run.js';
import { decisionsOf, preemptionsOf } from './schedule-figures.js';
import { searchSchedules } from './search.js';
import { shrinkSchedule } from './shrink.js';

const runWorkload = workloadRunner();

describe('shrinkSchedule', () => {
  it.each([
    ['oversell', 'naive', 3, 1, 1],
    ['oversell', 'naive', 3, 2, 5],
    ['spam', 'precheck', 2, 4, 2],
    ['cancel-storm', 'naive', 2, 2, 3],
  ])('%s %s, %i buyers, %i seats (seed %i): the shrunk schedule fails alike, no bigger, and shrinks to itself', async (scenario, strategy, buyers, stock, seed) => {
    const workload = { scenario, strategy, buyers, stock, requestsPerUser: scenario === 'spam' ? 2 : 1, seed };
    const outcome = await searchSchedules(runWorkload, workload, { kind: 'random', budget: 200 });
    const run = outcome.failing!.run;
    const check = run.broken!.name;
    const { shrunk } = await shrinkSchedule(runWorkload, { workload, decisions: decisionsOf(run.steps), run });

    const replayed = await runWorkload(shrunk.workload, replayChooser(shrunk.decisions));
    expect(replayed.broken?.name).toBe(check);
    expect(replayed.steps.map((step) => step.label)).toEqual(shrunk.run.steps.map((step) => step.label));
    expect(preemptionsOf(shrunk.run.steps)).toBeLessThanOrEqual(preemptionsOf(run.steps));

    const again = await shrinkSchedule(runWorkload, shrunk);
    expect({ workload: again.shrunk.workload, decisions: again.shrunk.decisions }).toEqual({ workload: shrunk.workload, decisions: shrunk.decisions });
  }, 60_000);
});

describe('shrinking the workload', () => {
  it('takes buyers and seats away while the check still breaks: 4 naive buyers for 3 seats end as 2 for 1', async () => {
    const workload = { scenario: 'oversell', strategy: 'naive', buyers: 4, stock: 3, requestsPerUser: 1, seed: 1 };
    const outcome = await searchSchedules(runWorkload, workload, { kind: 'random', budget: 200 });
    const run = outcome.failing!.run;
    const { shrunk } = await shrinkSchedule(runWorkload, { workload, decisions: decisionsOf(run.steps), run });
    expect({ buyers: shrunk.workload.buyers, stock: shrunk.workload.stock, broken: shrunk.run.broken?.name }).toEqual({ buyers: 2, stock: 1, broken: 'no-oversell' });
    expect(preemptionsOf(shrunk.run.steps)).toBe(1);
  }, 60_000);
});

describe('searching a smaller sale anew', () => {
  it('finds the race with a buyer and a seat fewer where one change at a time cannot (3 naive buyers for 2 seats end as 2 for 1)', async () => {
    const workload = { scenario: 'oversell', strategy: 'naive', buyers: 3, stock: 2, requestsPerUser: 1, seed: 1 };
    const outcome = await searchSchedules(runWorkload, workload, { kind: 'dfs', budget: 100, preemptions: 2 });
    const run = outcome.failing!.run;
    const { shrunk } = await shrinkSchedule(runWorkload, { workload, decisions: decisionsOf(run.steps), run });
    expect({ buyers: shrunk.workload.buyers, stock: shrunk.workload.stock, broken: shrunk.run.broken?.name }).toEqual({ buyers: 2, stock: 1, broken: 'no-oversell' });
    const replayed = await runWorkload(shrunk.workload, replayChooser(shrunk.decisions));
    expect(replayed.broken?.name).toBe('no-oversell');
  }, 60_000);
});
