// Tests of reading the workload options by their table: defaults per scenario, refusals where an
// option does not apply, the options it needs, and which options apply to a run.
import { describe, expect, it } from 'vitest';
import { BEHIND_ONLY_OPTIONS, appliedOptions, defaultValues, readOptionValues } from './option-values.js';
import type { OptionContext } from './option-values.js';
import type { OptionFlags } from './workload-options.js';

/** The values and problems of these flags for a run of this scenario and write mode. */
function read(flags: OptionFlags, context: OptionContext = { scenario: 'oversell', write: 'sync' }) {
  const problems: string[] = [];
  return { values: readOptionValues(flags, context, problems), problems };
}

describe('readOptionValues', () => {
  it('defaults each option for the scenario, and one taken from another from its value', () => {
    expect(read({}).values).toMatchObject({ users: 1000, stock: 100, seed: 1, poolSize: 10, slowSqlMs: 500, requestsPerUser: undefined, concurrency: undefined });
    expect(read({}, { scenario: 'spam', write: 'sync' }).values).toMatchObject({ users: 100, requestsPerUser: 20 });
    expect(read({ users: 40 }, { scenario: 'cancel-storm', write: 'sync' }).values).toMatchObject({ cancelRatio: 0.5, cancelDupes: 3, rebuyers: 40 });
    expect(read({ workers: 3 }, { scenario: 'oversell', write: 'behind' }).values).toMatchObject({ workers: 3, partitions: 3, keepTopic: false });
  });

  it('refuses an option where it does not apply, one line each, without checking its value', () => {
    expect(read({ requestsPerUser: 0 }).problems).toEqual(['--requests-per-user applies to the spam scenario only, not oversell']);
    expect(read({ workers: 0 }).problems).toEqual(['--workers applies to --write behind only']);
    expect(read({ rate: 5, duration: 1 }, { scenario: 'cancel-storm', write: 'sync' }).problems).toEqual(['--rate applies to single-phase scenarios, not cancel-storm']);
    expect(read({ users: 5, rate: 5, duration: 1 }).problems).toEqual(['with --rate, every arrival is a new buyer: --users does not apply']);
  });

  it('names an option given without the one it goes with', () => {
    expect(read({ rate: 5 }).problems).toEqual(['--rate needs --duration (seconds)']);
    expect(read({ ramp: 5 }).problems).toEqual(['--ramp goes with --rate (ramping from --ramp to --rate)']);
    expect(read({ rate: 5, duration: 2, ramp: 1 }).problems).toEqual([]);
  });

  it('checks each value against its kind, every problem at once', () => {
    expect(read({ users: 0, stock: 1.5, concurrency: -1 }).problems).toEqual([
      '--users must be a whole number from 1 to 10000000 (got 0)',
      '--stock must be a whole number from 1 to 10000000 (got 1.5)',
      '--concurrency must be a whole number from 1 to 100000 (got -1)',
    ]);
  });

  it('never makes a bad value a second problem of an option defaulted from it', () => {
    expect(read({ workers: 0 }, { scenario: 'oversell', write: 'behind' }).problems).toEqual(['--workers must be a whole number from 1 to 16 (got 0)']);
  });
});

describe('defaultValues', () => {
  it('is what an empty command line gives', () => {
    expect(defaultValues('write-behind')).toEqual(read({}, { scenario: 'write-behind', write: 'behind' }).values);
    expect(defaultValues('cancel-storm')).toMatchObject({ users: 1000, rebuyers: 1000 });
  });
});

describe('appliedOptions', () => {
  const keys = (flags: OptionFlags, context: OptionContext) => appliedOptions(read(flags, context).values, context).map(({ key }) => key);

  it('lists the options of the run: its scenario, its write mode, and the open model only when set', () => {
    expect(keys({}, { scenario: 'oversell', write: 'sync' })).toEqual(['users', 'stock', 'seed', 'poolSize', 'insertGroup', 'concurrency', 'maxInFlight', 'slowSqlMs']);
    expect(keys({}, { scenario: 'spam', write: 'sync' })).toContain('requestsPerUser');
    expect(keys({ rate: 10, duration: 2 }, { scenario: 'oversell', write: 'sync' }).slice(0, 4)).toEqual(['rate', 'duration', 'ramp', 'stock']);
    expect(keys({}, { scenario: 'write-behind', write: 'behind' })).toEqual(expect.arrayContaining([...BEHIND_ONLY_OPTIONS]));
  });

  it('says which values are the defaults of the run', () => {
    const context: OptionContext = { scenario: 'oversell', write: 'behind' };
    const applied = appliedOptions(read({ workers: 2, batchSize: 50 }, context).values, context);
    const changed = applied.filter(({ isDefault }) => !isDefault).map(({ key }) => key);
    // --partitions follows --workers: at its default, one per worker.
    expect(changed).toEqual(['workers', 'batchSize']);
  });
});
