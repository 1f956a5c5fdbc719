// Tests of the suggestion helper: likely typos are named, unrelated words are not.
import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance, unknownChoice } from './did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('user', 'users')).toBe(1);
    expect(editDistance('lock', 'lok')).toBe(1);
    expect(editDistance('rael', 'real')).toBe(1);
    expect(editDistance('bhind', 'behind')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closestMatch', () => {
  const options = ['users', 'stock', 'strategy', 'requests-per-user', 'json', 'report'];

  it('names the nearest candidate of a likely typo', () => {
    expect(closestMatch('user', options)).toBe('users');
    expect(closestMatch('strtegy', options)).toBe('strategy');
    expect(closestMatch('request-per-user', options)).toBe('requests-per-user');
    expect(closestMatch('lok', ['naive', 'lock', 'lua'])).toBe('lock');
    expect(closestMatch('rael', ['auto', 'memory', 'real'])).toBe('real');
    expect(closestMatch('strategy', ['strategies', 'stock'])).toBe('strategies');
  });

  it('ignores case, and takes the one candidate a word begins', () => {
    expect(closestMatch('LUA', ['naive', 'lua'])).toBe('lua');
    expect(closestMatch('mem', ['auto', 'memory', 'real'])).toBe('memory');
    expect(closestMatch('pause', ['pause-holder', 'kill-worker'])).toBe('pause-holder');
  });

  it('names nothing when no candidate is near, or a word is too short to tell', () => {
    expect(closestMatch('bogus', options)).toBeUndefined();
    expect(closestMatch('optimistic', ['naive', 'lock', 'lua'])).toBeUndefined();
    expect(closestMatch('u', ['h'])).toBeUndefined();
    expect(closestMatch('st', ['stock', 'strategy'])).toBeUndefined();
    expect(closestMatch('sto', ['stock', 'storm'])).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });
});

describe('didYouMean and unknownChoice', () => {
  it('phrase the suggestion, shown as the user would type it', () => {
    expect(didYouMean('user', ['users'], (name) => `--${name}`)).toBe('; did you mean --users?');
    expect(didYouMean('bogus', ['users'])).toBe('');
    expect(unknownChoice('--strategy', 'lok', ['naive', 'lock'])).toBe('--strategy "lok" is not one of naive, lock; did you mean lock?');
    expect(unknownChoice('--write', 'later', ['sync', 'behind'])).toBe('--write "later" is not one of sync, behind');
  });
});
