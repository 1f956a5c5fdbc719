import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../result.js';
import { checksPass } from './assemble-result.js';

const held: CheckResult = { name: 'no-oversell', ok: true, expected: '', observed: '', detail: '' };
const failed: CheckResult = { ...held, ok: false };
const skipped: CheckResult = { ...held, name: 'conservation', ok: false, skipped: 'the target keeps no stock counter' };

describe('checksPass', () => {
  it('passes when every check made held, skipped ones aside', () => {
    expect(checksPass([held, skipped])).toBe(true);
  });

  it('fails on a failed check, skipped ones or not', () => {
    expect(checksPass([held, failed, skipped])).toBe(false);
  });

  it('does not pass when no check could be made, or none ran', () => {
    expect(checksPass([skipped, skipped])).toBe(false);
    expect(checksPass([])).toBe(false);
  });
});
