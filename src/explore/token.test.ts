// Tests of replay tokens: a workload and its decisions come back as they went in, and a token that
// does not read is refused with a reason (a UsageError, exit 2).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { decodeToken, encodeToken } from './token.js';

const WORKLOAD = { scenario: 'spam', strategy: 'precheck', buyers: 1, stock: 2, requestsPerUser: 2, seed: 42 };

describe('replay tokens', () => {
  it('read back the workload and the decisions they were made of', () => {
    const token = encodeToken(WORKLOAD, [null, 1, null, 0]);
    expect(token).toBe('ts1.spam.precheck.b1.s2.r2.x42.d_-1-_-0');
    expect(decodeToken(token)).toEqual({ workload: WORKLOAD, decisions: [null, 1, null, 0] });
    expect(decodeToken(encodeToken(WORKLOAD, []))).toEqual({ workload: WORKLOAD, decisions: [] });
  });

  it.each([
    ['ts2.spam.precheck.b1.s2.r2.x42.d_', /does not read as ts1/],
    ['ts1.spam.precheck.b1.s2.r2.x42', /does not read as ts1/],
    ['ts1.spam.precheck.q1.s2.r2.x42.d_', /no b… field/],
    ['ts1.spam.precheck.b0.s2.r2.x42.d_', /b0 is not a whole number ≥ 1/],
    ['ts1.spam.precheck.b1.s2.r2.x42.d_-x', /the decision "x" is neither an actor id nor _/],
  ])('refuses %s', (token, reason) => {
    expect(() => decodeToken(token)).toThrow(UsageError);
    expect(() => decodeToken(token)).toThrow(reason);
  });
});
