// clean's plan: names grouped by the run they were made for, only runs old enough (and named) taken,
// and every look-alike left out, so nothing but a run's own names can be deleted.
import { describe, expect, it } from 'vitest';
import { newRunId, runNames } from '../run-names.js';
import { planClean, totalsOf } from './plan.js';
import type { Found } from './plan.js';

const NOW = Date.UTC(2025, 11, 1, 14, 0, 0);
const HOUR = 3_600_000;
const OLD = newRunId(NOW - 3 * HOUR);
const OLDER = newRunId(NOW - 26 * HOUR);
const YOUNG = newRunId(NOW - 60_000);

/** Everything each run left, and the look-alikes beside them. */
function found(): Found {
  const [old, older, young] = [runNames(OLD), runNames(OLDER), runNames(YOUNG)];
  return {
    redis: {
      keys: [old.keys.stock, old.keys.buyers, young.keys.stock, older.keys.fenceSeen, 'shop:{x}:stock', 'ticketsim:{concert-finals}:stock', `ticketsim:{${old.sale}}:stock-copy`],
    },
    mysql: {
      rows: [
        { sale: old.sale, rows: 100 },
        { sale: young.sale, rows: 5 },
        { sale: older.sale, rows: 1_000 },
        { sale: 'concert-finals', rows: 7 },
        { sale: `${old.sale}-finals`, rows: 3 },
      ],
      fences: [older.sale, 'concert-finals'],
      tables: [older.plainTable.name, 'purchases_plain_it_4242p3fa9c1'],
    },
    kafka: { topics: [old.dlqTopic, old.topic, 'ticketsim.sales.production', `${old.topic}.production`], groups: [old.group, 'ticketsim-workers-production'] },
  };
}

describe('planClean', () => {
  it('keeps a run still going on (a group of its with a live member), however old, even when named', () => {
    const base = found();
    const live: Found = { ...base, kafka: { ...base.kafka!, liveGroups: [runNames(OLD).group] } };
    const plan = planClean(live, { nowMs: NOW, olderThanMs: HOUR });
    expect(plan.runs.map((run) => run.runId)).toEqual([OLDER]);
    expect(plan.inUse).toBe(1);
    expect(planClean(live, { nowMs: NOW, olderThanMs: 0, only: [OLD] })).toMatchObject({ runs: [], inUse: 1, younger: 0 });
  });

  it('groups each run\'s names, oldest run first, and leaves younger runs and look-alikes out', () => {
    const [old, older] = [runNames(OLD), runNames(OLDER)];
    const plan = planClean(found(), { nowMs: NOW, olderThanMs: HOUR });
    expect(plan.cutoffMs).toBe(NOW - HOUR);
    expect(plan.younger).toBe(1);
    expect(plan.runs).toEqual([
      {
        runId: OLDER,
        startedAt: new Date(NOW - 26 * HOUR).toISOString(),
        sale: older.sale,
        redisKeys: [older.keys.fenceSeen],
        mysqlRows: 1_000,
        fenceRows: 1,
        tables: [older.plainTable.name],
        topics: [],
        groups: [],
      },
      {
        runId: OLD,
        startedAt: new Date(NOW - 3 * HOUR).toISOString(),
        sale: old.sale,
        redisKeys: [old.keys.buyers, old.keys.stock],
        mysqlRows: 100,
        fenceRows: 0,
        tables: [],
        topics: [old.topic, old.dlqTopic],
        groups: [old.group],
      },
    ]);
    expect(totalsOf(plan.runs)).toEqual({ runs: 2, redisKeys: 3, mysqlRows: 1_100, fenceRows: 1, tables: 1, topics: 2, groups: 1 });
  });

  it('takes every run with --older-than 0s, a run of this very millisecond too', () => {
    const now = newRunId(NOW);
    const plan = planClean({ ...found(), kafka: { topics: [runNames(now).topic], groups: [] } }, { nowMs: NOW, olderThanMs: 0 });
    expect(plan.runs.map((run) => run.runId)).toEqual([OLDER, OLD, YOUNG, now]);
    expect(plan.younger).toBe(0);
  });

  it('takes only the named runs with --run, and counts only them as kept', () => {
    expect(planClean(found(), { nowMs: NOW, olderThanMs: 0, only: [OLD] }).runs.map((run) => run.runId)).toEqual([OLD]);
    expect(planClean(found(), { nowMs: NOW, olderThanMs: HOUR, only: [YOUNG, OLD] })).toMatchObject({ runs: [{ runId: OLD }], younger: 1 });
    expect(planClean(found(), { nowMs: NOW, olderThanMs: 0, only: [newRunId(NOW)] })).toEqual({ cutoffMs: NOW, runs: [], younger: 0, inUse: 0 });
  });

  it('never names a look-alike, whatever the age', () => {
    const listed = planClean(found(), { nowMs: NOW, olderThanMs: 0 }).runs.flatMap((run) => [run.sale, ...run.redisKeys, ...run.tables, ...run.topics, ...run.groups]);
    for (const lookAlike of ['shop:{x}:stock', 'ticketsim:{concert-finals}:stock', `ticketsim:{${runNames(OLD).sale}}:stock-copy`, 'concert-finals', `${runNames(OLD).sale}-finals`, 'purchases_plain_it_4242p3fa9c1', 'ticketsim.sales.production', 'ticketsim-workers-production']) {
      expect(listed).not.toContain(lookAlike);
    }
  });

  it('finds nothing in stores that hold nothing, or were not reached', () => {
    expect(planClean({}, { nowMs: NOW, olderThanMs: 0 })).toEqual({ cutoffMs: NOW, runs: [], younger: 0, inUse: 0 });
  });
});
