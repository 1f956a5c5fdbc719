// Tests of the workload options table itself: every entry is one the derivations can use (the
// options it names exist and come first where needed, defaults fit their kind and their scope).
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './defaults.js';
import { clampInto, flagOf, valueProblem, whole } from './workload-option.js';
import { MENU_OPTION_KEYS, OPTION_KEYS, optionOf } from './workload-options.js';

describe('the workload options table', () => {
  it('names only options of its own, a default taken from another only from one before it', () => {
    for (const [index, key] of OPTION_KEYS.entries()) {
      const option = optionOf(key);
      for (const other of [option.conflicts?.option, option.requires?.option]) if (other !== undefined) expect(OPTION_KEYS).toContain(other);
      for (const fallback of [option.default, ...Object.values(option.scenarioDefaults ?? {})]) {
        if (typeof fallback === 'object') expect(OPTION_KEYS.indexOf(fallback.sameAs as never), key).toBeLessThan(index);
      }
    }
  });

  it('gives an option of some scenarios defaults for those scenarios only', () => {
    for (const key of OPTION_KEYS) {
      const { scenarios, scenarioDefaults = {}, default: fallback } = optionOf(key);
      for (const scenario of Object.keys(scenarioDefaults)) expect(SCENARIOS).toContain(scenario);
      if (scenarios?.called !== undefined || scenarios === undefined) continue;
      expect(fallback, key).toBeUndefined();
      for (const scenario of Object.keys(scenarioDefaults)) expect(scenarios.only, key).toContain(scenario);
    }
  });

  it('holds defaults and menu presets its own checks accept', () => {
    for (const key of OPTION_KEYS) {
      const { kind, default: fallback, scenarioDefaults = {}, menu } = optionOf(key);
      for (const value of [fallback, ...Object.values(scenarioDefaults), ...(menu?.presets ?? [])]) {
        if (value !== undefined && typeof value !== 'object') expect(valueProblem(flagOf(key), kind, value), key).toBeUndefined();
      }
    }
  });

  it('makes a menu row only of an option that takes a number', () => {
    for (const key of MENU_OPTION_KEYS) expect(optionOf(key).kind.type, key).not.toBe('flag');
  });

  it('is written in kebab-case on the command line', () => {
    expect(OPTION_KEYS.map(flagOf)).toContain('requests-per-user');
    expect(OPTION_KEYS.map(flagOf)).toContain('slow-sql-ms');
    expect(OPTION_KEYS.every((key) => flagOf(key) === flagOf(key).toLowerCase())).toBe(true);
  });
});

describe('valueProblem', () => {
  it('words each kind as one line naming the flag, the range and what was given', () => {
    expect(valueProblem('users', whole(1, 1_000_000), 0)).toBe('--users must be a whole number from 1 to 1000000 (got 0)');
    expect(valueProblem('cancel-ratio', { type: 'fraction' }, Number.NaN)).toBe('--cancel-ratio must be a fraction from 0 to 1 (got not a number)');
    expect(valueProblem('rate', { type: 'above-zero', max: 1_000_000 }, 0)).toBe('--rate must be a number above 0 and at most 1,000,000 (got 0)');
    expect(valueProblem('ramp', { type: 'range', min: 0, max: 1_000_000 }, -1)).toBe('--ramp must be a number from 0 to 1,000,000 (got -1)');
    expect(valueProblem('keep-topic', { type: 'flag' }, true)).toBeUndefined();
    expect(valueProblem('ramp', { type: 'range', min: 0, max: 10 }, 2.5)).toBeUndefined();
  });
});

describe('clampInto', () => {
  it('brings a whole number taken from another option into range, so it is never a second problem', () => {
    expect(clampInto(whole(1, 64), 100)).toBe(64);
    expect(clampInto(whole(1, 64), 0)).toBe(1);
    expect(clampInto(whole(1, 64), 2.5)).toBe(2);
    expect(clampInto(whole(1, 64), Number.NaN)).toBe(1);
    expect(clampInto(whole(1, 64), undefined)).toBeUndefined();
  });
});
