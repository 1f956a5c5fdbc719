// clean's text: a table of the runs it takes with totals, the runs it kept, the services it skipped
// or that failed, and what it deleted or, in a dry run, that it deleted nothing.
import { describe, expect, it } from 'vitest';
import type { CleanReport } from '../engine/leftovers/clean.js';
import { formatAge, formatClean } from './clean-format.js';

const NOW = Date.parse('2026-12-01T14:00:00Z');

const report: CleanReport = {
  dryRun: true,
  olderThan: '1h',
  cutoff: '2026-12-01T13:00:00.000Z',
  runs: [
    {
      runId: 'mx3abcde-0001',
      startedAt: '2026-11-29T11:30:00.000Z',
      sale: 'concert-mx3abcde-0001',
      redisKeys: ['ticketsim:{concert-mx3abcde-0001}:buyers', 'ticketsim:{concert-mx3abcde-0001}:stock'],
      mysqlRows: 12_000,
      fenceRows: 1,
      tables: [],
      topics: [],
      groups: [],
    },
    {
      runId: 'mx4n0hrn-e86f',
      startedAt: '2026-12-01T11:52:26.000Z',
      sale: 'concert-mx4n0hrn-e86f',
      redisKeys: [],
      mysqlRows: 500,
      fenceRows: 0,
      tables: [],
      topics: ['ticketsim.sales.mx4n0hrn-e86f', 'ticketsim.sales.mx4n0hrn-e86f.dlq'],
      groups: ['ticketsim-workers-mx4n0hrn-e86f'],
    },
  ],
  younger: 3,
  inUse: 0,
  totals: { runs: 2, redisKeys: 2, mysqlRows: 12_500, fenceRows: 1, tables: 0, topics: 2, groups: 1 },
  services: [
    { service: 'redis', address: '127.0.0.1:6379', status: 'listed' },
    { service: 'mysql', address: '127.0.0.1:3306', status: 'listed' },
    { service: 'kafka', address: '127.0.0.1:9092', status: 'unreachable', error: 'cannot connect (Connection error: connect ECONNREFUSED 127.0.0.1:9092)' },
  ],
  ok: true,
};

describe('formatClean', () => {
  it('lists the runs a dry run would delete, the ones it keeps and the service it skipped', () => {
    expect(formatClean(report, NOW).split('\n')).toEqual([
      'ticketsim clean · runs that started over 1h ago (before 2026-12-01 13:00:00 UTC) · dry run',
      'run id         started (UTC)          age  redis keys  mysql rows  fence rows  tables  topics  groups',
      'mx3abcde-0001  2026-11-29 11:30:00  2d 2h           2      12,000           1       0       0       0',
      'mx4n0hrn-e86f  2026-12-01 11:52:26  2h 7m           0         500           0       0       2       1',
      '2 runs                                              2      12,500           1       0       2       1',
      'kept: 3 runs that started within 1h (--older-than 0s takes them too)',
      'kafka at 127.0.0.1:9092: cannot connect (Connection error: connect ECONNREFUSED 127.0.0.1:9092); skipped',
      'dry run: nothing deleted (without --dry-run, the runs above are deleted)',
    ]);
  });

  it('says what it deleted, and which service failed and why', () => {
    const done: CleanReport = {
      ...report,
      dryRun: false,
      olderThan: '0s',
      only: ['mx4n0hrn-e86f'],
      younger: 0,
      runs: report.runs.slice(1),
      deleted: { redisKeys: 0, mysqlRows: 500, fenceRows: 0, tables: 0, topics: 1, groups: 0 },
      services: [...report.services.slice(0, 2), { service: 'kafka', address: '127.0.0.1:9092', status: 'failed', error: 'could not delete topic x (boom)' }],
      ok: false,
    };
    const lines = formatClean(done, NOW).split('\n');
    expect(lines[0]).toBe('ticketsim clean · runs that started before 2026-12-01 13:00:00 UTC · only runs mx4n0hrn-e86f');
    expect(lines.slice(-2)).toEqual([
      'kafka at 127.0.0.1:9092: failed: could not delete topic x (boom)',
      'deleted: 0 Redis keys · 500 purchases rows · 0 fence rows · 0 tables · 1 topic · 0 groups',
    ]);
  });

  it('says which runs it keeps because they are still going on', () => {
    const lines = formatClean({ ...report, inUse: 1 }, NOW).split('\n');
    expect(lines).toContain('kept: 1 run still going on (a consumer group of its has a live member: a server or a run writing behind); stop it first');
  });

  it('says when there is nothing to clean, and where it looked', () => {
    const empty: CleanReport = { ...report, runs: [], younger: 1, totals: { runs: 0, redisKeys: 0, mysqlRows: 0, fenceRows: 0, tables: 0, topics: 0, groups: 0 } };
    expect(formatClean(empty, NOW).split('\n').slice(1)).toEqual([
      'nothing to clean: no such run left anything in redis and mysql',
      'kept: 1 run that started within 1h (--older-than 0s takes it too)',
      'kafka at 127.0.0.1:9092: cannot connect (Connection error: connect ECONNREFUSED 127.0.0.1:9092); skipped',
      'dry run: nothing to delete',
    ]);
  });
});

describe('formatAge', () => {
  it('says an age in its two largest units', () => {
    expect([0, 45_000, 12 * 60_000, 4 * 3_600_000 + 12 * 60_000 + 5_000, 3 * 86_400_000 + 2 * 3_600_000, 86_400_000 + 30_000].map(formatAge)).toEqual([
      '0s',
      '45s',
      '12m',
      '4h 12m',
      '3d 2h',
      '1d',
    ]);
  });
});
