import { describe, expect, it } from 'vitest';
import { ruleText } from './rule-text.js';

describe('ruleText', () => {
  it('says every condition of a rule in words', () => {
    expect(ruleText({ status: [200], is: 'purchased' })).toBe('status 200');
    expect(ruleText({ status: [409, '4xx'], body: 'already', bodyMatches: '^dup', json: { '/error': 'DUP' }, is: 'duplicate' })).toBe(
      'status 409 or 4xx and body contains "already" and body matches /^dup/ and /error = "DUP"',
    );
  });
});
