// clean's options: ages as people write them (and what a mistyped one was meant to be), the
// default age (an hour, or none when runs are named), --run ids checked, every problem at once.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { CLEAN_DEFAULTS, loadCleanConfig, parseAge } from './clean-config.js';

/** Run ids are `<8 base-36>-<4 hex>`; `concert-<id>` names the run `<id>` (run-names.ts does this for real). */
const runIdOf = (given: string) => (/^[0-9a-z]{8}-[0-9a-f]{4}$/.test(given) ? given : /^concert-([0-9a-z]{8}-[0-9a-f]{4})$/.exec(given)?.[1]);

function age(given: string): number | string {
  const problems: string[] = [];
  return parseAge(given, '--older-than', problems) ?? problems.join('; ');
}

function problemsOf(flags: Parameters<typeof loadCleanConfig>[0]): readonly string[] {
  try {
    loadCleanConfig(flags, {}, runIdOf);
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
  return [];
}

describe('--older-than', () => {
  it('takes a whole number of seconds, minutes, hours or days', () => {
    expect([age('0s'), age('45s'), age('30m'), age('1h'), age('2d'), age('3650d')]).toEqual([0, 45_000, 1_800_000, 3_600_000, 172_800_000, 3650 * 86_400_000]);
  });

  it('says what a mistyped age was meant to be, where that is clear', () => {
    expect(age('2days')).toBe('--older-than "2days" is not an age like 0s, 30m, 1h or 2d; did you mean 2d?');
    expect(age('1hr')).toBe('--older-than "1hr" is not an age like 0s, 30m, 1h or 2d; did you mean 1h?');
    expect(age('30 min')).toMatch(/did you mean 30m\?$/);
    expect(age('1H')).toMatch(/did you mean 1h\?$/);
    expect(age('1.5h')).toMatch(/did you mean 90m\?$/);
    expect(age('5')).toBe('--older-than "5" needs a unit: 5s, 5m, 5h or 5d');
    expect(age('1w')).toBe('--older-than "1w" is not an age like 0s, 30m, 1h or 2d');
    expect(age('-1h')).toBe('--older-than "-1h" is not an age like 0s, 30m, 1h or 2d');
    expect(age('3651d')).toBe('--older-than "3651d" is too long; at most 3650d');
  });
});

describe('clean config', () => {
  it('defaults to runs over an hour old, listing and deleting', () => {
    const config = loadCleanConfig({}, {}, runIdOf);
    expect(config).toMatchObject({ olderThan: CLEAN_DEFAULTS.olderThan, olderThanMs: 3_600_000, only: undefined, dryRun: false, json: false });
    expect(config.services.redis.url).toBe('redis://127.0.0.1:6379');
  });

  it('takes the runs named with --run whatever their age, unless --older-than says otherwise', () => {
    expect(loadCleanConfig({ run: 'mx4n0hrn-e86f, mx4n0hrs-0001' }, {}, runIdOf)).toMatchObject({ only: ['mx4n0hrn-e86f', 'mx4n0hrs-0001'], olderThanMs: 0 });
    expect(loadCleanConfig({ run: 'mx4n0hrn-e86f', olderThan: '2d' }, {}, runIdOf)).toMatchObject({ olderThanMs: 172_800_000 });
  });

  it('refuses what is not a run id, naming the run a name belongs to, with every other problem at once', () => {
    expect(problemsOf({ run: 'concert-mx4n0hrn-e86f,finals', olderThan: '1hr', redisUrl: 'http://x' })).toEqual([
      '--redis-url: "http://x" must start with redis://',
      '--run "concert-mx4n0hrn-e86f" is not a run id (a result\'s runId, like mx4n0hrn-e86f); did you mean mx4n0hrn-e86f?',
      '--run "finals" is not a run id (a result\'s runId, like mx4n0hrn-e86f)',
      '--older-than "1hr" is not an age like 0s, 30m, 1h or 2d; did you mean 1h?',
    ]);
    expect(problemsOf({ run: ' , ' })).toEqual(['--run needs run ids, comma-separated']);
  });

  it('holds the services to loopback as every command does', () => {
    expect(problemsOf({ mysqlUrl: 'mysql://root@10.0.0.5:3306/ticketsim' })).toEqual([expect.stringMatching(/^10\.0\.0\.5 is not a loopback address/)]);
  });
});
