// Tests of what `ticketsim explore` accepts: the defaults, and every problem at once.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { exploreOptions } from './explore-options.js';

function problems(flags: Parameters<typeof exploreOptions>[0]): readonly string[] {
  try {
    exploreOptions(flags);
    return [];
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
}

describe('exploreOptions', () => {
  it('defaults to 2 buyers, one seat fewer than the buyers in oversell, dfs with at most 2 preemptions, 1,000 runs', () => {
    expect(exploreOptions({ scenario: 'oversell', strategy: 'naive' })).toEqual({
      workload: { scenario: 'oversell', strategy: 'naive', buyers: 2, stock: 1, requestsPerUser: 1, seed: 1 },
      search: { kind: 'dfs', budget: 1000, preemptions: 2 },
    });
  });

  it('gives spam a seat for every request, so only the strategy can stop a repeat; pct has a depth', () => {
    expect(exploreOptions({ scenario: 'spam', strategy: 'precheck', buyers: 1, requestsPerUser: 3, search: 'pct' })).toEqual({
      workload: { scenario: 'spam', strategy: 'precheck', buyers: 1, stock: 3, requestsPerUser: 3, seed: 1 },
      search: { kind: 'pct', budget: 1000, depth: 3 },
    });
  });

  it('names every problem at once', () => {
    expect(problems({ scenario: 'oversel', buyers: 9, search: 'bfs', depth: 2 })).toEqual([
      'scenario "oversel" is not one of oversell, spam, cancel-storm, write-behind; did you mean oversell?',
      '--strategy is required (naive | lock | precheck | dcl | fenced | lua)',
      '--buyers must be a whole number from 1 to 6 (got 9)',
      '--search "bfs" is not one of dfs, pct, random; did you mean dfs?',
      '--depth is pct\'s (--search pct)',
    ]);
    expect(problems({ scenario: 'oversell', strategy: 'lua', requestsPerUser: 2, preemptions: 1, search: 'random' })).toEqual([
      '--requests-per-user is spam\'s: each buyer of another scenario sends one request',
      '--preemptions is dfs\'s (--search dfs)',
    ]);
  });

  it('gives write-behind a seat for every buyer', () => {
    expect(exploreOptions({ scenario: 'write-behind', strategy: 'lua' }).workload).toMatchObject({ buyers: 2, stock: 2 });
  });
});
