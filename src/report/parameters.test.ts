// Tests of the report's parameters: every option the run applied, labelled and shown as the
// options table says, in its order; an option unset shown by what that means, or not at all.
import { describe, expect, it } from 'vitest';
import { optionOf } from '../config/workload-options.js';
import { behindResult, passingResult, rateResult } from './fixtures.js';
import { parameterRows, shownValue } from './parameters.js';

describe('parameterRows', () => {
  it('lists the engine axes, the workload, the attempts, then how the run went', () => {
    expect(parameterRows(passingResult).map(([label]) => label)).toEqual([
      'Scenario', 'Strategy', 'Write', 'Users', 'Stock', 'Attempts', 'Seed', 'Pool size', 'Concurrency', 'Max in flight', 'Slow SQL',
    ]);
  });

  it('shows the open model in place of the users, and leaves out a ramp not set', () => {
    const rows = new Map(parameterRows(rateResult));
    expect(rows.get('Rate')).toBe('2,000/s');
    expect(rows.get('Duration')).toBe('3s');
    expect(rows.get('Max in flight')).toBe('200');
    expect(rows.has('Users')).toBe(false);
    expect(rows.has('Ramp from')).toBe(false);
  });

  it('shows the write-behind options of a run writing behind, last', () => {
    expect(parameterRows(behindResult).slice(-7)).toEqual([
      ['Workers', '2'], ['Partitions', '2'], ['Redelivered', '50%'], ['Drain timeout', '30s'], ['Batch size', '500'], ['Writes in flight', '4'], ['Keep topic', 'yes'],
    ]);
  });
});

describe('shownValue', () => {
  it('shows each kind and unit in human terms', () => {
    expect(shownValue(optionOf('cancelRatio'), 0.25)).toBe('25%');
    expect(shownValue(optionOf('slowSqlMs'), 1500)).toBe('1.5s');
    expect(shownValue(optionOf('seed'), 12345)).toBe('12345');
    expect(shownValue(optionOf('users'), 12345)).toBe('12,345');
    expect(shownValue(optionOf('keepTopic'), false)).toBe('no');
    expect(shownValue(optionOf('concurrency'), null)).toBe('unlimited');
    expect(shownValue(optionOf('ramp'), null)).toBeUndefined();
  });
});
