// Tests of the workload options' --help, each worded from its entry of the table: where it applies,
// what it sets, and its default (per scenario, taken from another option, or what unset means).
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { OPTION_KEYS, optionOf } from '../config/workload-options.js';
import { flagOf } from '../config/workload-option.js';
import { knownOptions } from './known-options.js';
import { optionHelp, withWorkloadOptions } from './run-options.js';

describe('optionHelp', () => {
  it('names the scope, the text and the default', () => {
    expect(optionHelp(optionOf('users'))).toBe('virtual buyers, each with its own user id [default: 1000 (spam 100, write-behind 10000)]');
    expect(optionHelp(optionOf('requestsPerUser'))).toBe('spam: purchases each user fires at once [default: 20]');
    expect(optionHelp(optionOf('rebuyers'))).toBe('cancel-storm: new buyers waiting in line for the freed seats [default: --users]');
    expect(optionHelp(optionOf('drainTimeout'))).toBe('behind: seconds to wait for the workers to catch up after each phase [default: 30]');
    expect(optionHelp(optionOf('concurrency'))).toBe('max attempts in flight (a closed model of N clients) [default: unlimited]');
  });

  it('leaves out a flag off by default and an option with no default', () => {
    expect(optionHelp(optionOf('keepTopic'))).toBe("behind: keep the run's topic and consumer group for inspection");
    expect(optionHelp(optionOf('rate'))).toBe('open model: start attempts at this many per second, whatever the replies (each a new buyer)');
  });
});

describe('withWorkloadOptions', () => {
  it('declares every option of the table, a flag as taking no value', () => {
    const known = knownOptions(withWorkloadOptions(yargs([]), { report: 'r.md', json: 'JSON' }) as never);
    for (const key of OPTION_KEYS) {
      expect(known.find((option) => option.name === flagOf(key)), key).toMatchObject({ boolean: optionOf(key).kind.type === 'flag' });
    }
  });
});
