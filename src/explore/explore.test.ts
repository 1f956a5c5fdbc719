// The acceptance of `ticketsim explore` (ARCHITECTURE.md, "Explored runs"), on the in-process
// engine: dfs finds naive's oversell within 10 runs and tells it in at most 6 steps with one
// preemption; pct finds precheck's leaked seat; dfs goes through every lua schedule with at most 2
// preemptions and finds nothing, and the same search of naive fails; a planted non-atomic lua is
// found; a token replays its schedule step for step.
import { describe, expect, it } from 'vitest';
import { workerLauncher } from '../cli/workers.js';
import { exploreOptions } from '../config/explore-options.js';
import { replayChooser } from './choosers.js';
import type { ExploreFlags } from '../config/explore-options.js';
import { explore, replay } from './explore.js';
import { exploreConfig, runSchedule, workloadRunner } from './explored-run.js';
import type { RunWorkload } from './explored-run.js';
import { searchSchedules } from './search.js';

const search = (flags: ExploreFlags) => {
  const { workload, search: how } = exploreOptions(flags);
  return explore(workload, how);
};

describe('explore', () => {
  it('finds naive\'s oversell of 2 buyers and 1 seat within 10 dfs runs: 6 steps shown, 1 preemption, replayed alike', async () => {
    const result = await search({ scenario: 'oversell', strategy: 'naive', buyers: 2, stock: 1, search: 'dfs' });
    const failure = result.failure!;
    expect(result.ok).toBe(false);
    expect(failure.foundAt.run).toBeLessThanOrEqual(10);
    expect(failure.broken?.name).toBe('no-oversell');
    expect(failure.preemptions).toBe(1);
    const shown = failure.timeline.filter((step) => step.shown);
    expect(shown.length).toBeLessThanOrEqual(6);
    // The race itself: both read the one seat before either writes.
    expect(shown.slice(0, 2).map((step) => [step.label, step.result])).toEqual([['GET stock', '1'], ['GET stock', '1']]);
    expect(shown[1]!.preempted).toBe(shown[0]!.actor);

    const again = await replay(failure.token);
    expect(again.timeline).toEqual(failure.timeline);
    expect(again.broken?.name).toBe('no-oversell');
    expect(again.token).toBe(failure.token);
  });

  it('finds precheck\'s leaked seat when one buyer sends 2 requests, with pct\'s default budget', async () => {
    const result = await search({ scenario: 'spam', strategy: 'precheck', buyers: 1, requestsPerUser: 2, search: 'pct' });
    expect(result.failure?.broken?.name).toBe('conservation');
    // Both requests passed the look-up before the lock, before either added the buyer.
    const looks = result.failure!.timeline.filter((step) => step.label.startsWith('SISMEMBER'));
    expect(looks.map((step) => step.result)).toEqual(['false', 'false']);
  });

  it('goes through every lua schedule of 3 buyers and 1 seat with at most 2 preemptions and finds nothing; naive fails there', async () => {
    const lua = await search({ scenario: 'oversell', strategy: 'lua', buyers: 3, stock: 1, search: 'dfs', preemptions: 2 });
    expect({ ok: lua.ok, exhausted: lua.exhausted, failure: lua.failure }).toEqual({ ok: true, exhausted: true, failure: undefined });
    expect(lua.runs).toBeGreaterThan(1);
    expect(lua.distinct).toBe(lua.runs);
    const naive = await search({ scenario: 'oversell', strategy: 'naive', buyers: 3, stock: 1, search: 'dfs', preemptions: 2 });
    expect(naive.failure?.broken?.name).toBe('no-oversell');
  });

  it('finds the race of a lua whose purchase script was split in two (planted)', async () => {
    const { workload, search: how } = exploreOptions({ scenario: 'oversell', strategy: 'lua', buyers: 2, stock: 1, search: 'dfs' });
    const planted: RunWorkload = (w, chooser) => {
      const config = exploreConfig(w);
      return runSchedule({ ...config, run: { ...config.run, plants: ['split-reserve'] } }, chooser);
    };
    const outcome = await searchSchedules(planted, workload, how);
    expect(outcome.failing?.run.broken?.name).toBe('no-oversell');
    expect(outcome.failing?.run.steps.filter((step) => step.label.startsWith('EVALSHA purchase (planted: look)')).map((step) => step.result)).toEqual(['reserved', 'reserved']);
    expect((await searchSchedules(workloadRunner(), workload, how)).failing).toBeUndefined();
  });

  it('explores writing behind: the in-process worker is an actor, its fetches, INSERTs and commits steps; lua holds', async () => {
    const { workload, search: how } = exploreOptions({ scenario: 'write-behind', strategy: 'lua', buyers: 2, search: 'dfs', budget: 30 });
    const runWorkload = workloadRunner(workerLauncher());
    const outcome = await searchSchedules(runWorkload, workload, how);
    expect({ runs: outcome.runs, failing: outcome.failing }).toEqual({ runs: 30, failing: undefined });
    const run = await runWorkload(workload, replayChooser([]));
    const worker = run.actors.find((actor) => actor.name === 'worker 1')!;
    const steps = run.steps.filter((step) => step.actor === worker.id).map((step) => `${step.store} ${step.label}`);
    expect(steps).toEqual(expect.arrayContaining(['Kafka fetch', 'MySQL INSERT purchases 2', 'Kafka commit offset 1']));
    expect(run.steps.filter((step) => step.label === 'produce events 1')).toHaveLength(2);
  });

  it('says it ran out of budget rather than that the space is exhausted', async () => {
    const result = await search({ scenario: 'oversell', strategy: 'lua', buyers: 3, stock: 1, search: 'dfs', budget: 3 });
    expect({ runs: result.runs, exhausted: result.exhausted, ok: result.ok }).toEqual({ runs: 3, exhausted: false, ok: true });
  });
});
