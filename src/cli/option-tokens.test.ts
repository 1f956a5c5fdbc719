// Tests of the command-line mistakes yargs would let through quietly.
import { describe, expect, it } from 'vitest';
import { optionTokenProblems } from './option-tokens.js';
import type { KnownOption } from './known-options.js';

const option = (name: string, boolean = false): KnownOption => ({ name, aliases: [], boolean, hidden: false });
const options = [option('users'), option('pool-size'), option('strategy'), option('report'), option('fault'), option('json', true)];
const rules = { repeatable: ['fault'], bare: ['report'] };
const problems = (...argv: string[]) => optionTokenProblems(argv, options, rules);

describe('optionTokenProblems', () => {
  it('passes a well-formed command line', () => {
    expect(problems('run', 'oversell', '--users', '10', '--pool-size=5', '--strategy', 'lua', '--json', '--no-json')).toEqual([]);
    expect(problems('run', 'oversell', '--users', '-5')).toEqual([]);
    expect(problems('run', 'oversell', '--fault', 'pause-holder', '--fault', 'kill-worker', '--report', '--json')).toEqual([]);
    expect(problems('run', 'oversell', '--json=true', '--bogus')).toEqual([]);
  });

  it('refuses an option without its value, whatever its default', () => {
    expect(problems('run', 'oversell', '--users')).toEqual(['--users needs a value']);
    expect(problems('run', 'oversell', '--pool-size', '--strategy', 'lua')).toEqual(['--pool-size needs a value']);
    expect(problems('run', 'oversell', '--users=')).toEqual(['--users needs a value']);
    expect(problems('run', 'oversell', '--poolSize', '')).toEqual(['--pool-size needs a value']);
  });

  it('refuses a flag given a value, and a one-value option given twice', () => {
    expect(problems('run', 'oversell', '--json=maybe')).toEqual(['--json takes no value (got "maybe")']);
    expect(problems('run', 'oversell', '--report', 'a.md', '--report=b.md', '--users', '1', '--users', '2', '--users', '3')).toEqual([
      '--report is given twice; give it once',
      '--users is given 3 times; give it once',
    ]);
  });

  it('leaves whatever follows -- alone', () => {
    expect(problems('run', 'oversell', '--', '--users')).toEqual([]);
  });
});
