// Tests of what each scenario needs of a target file: cancel-storm the cancel, write-behind the
// drain; oversell and spam nothing beyond the required fields.
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../defaults.js';
import { shopExample } from './fixtures.js';
import { missingFor } from './scenario-needs.js';
import type { TargetFile } from './types.js';
import { validateTargetFile } from './validate.js';

const full = validateTargetFile(shopExample()).file!;
const { cancel: _cancel, drain: _drain, ...rest } = full;
const bare: TargetFile = rest;

describe('missingFor', () => {
  it('finds nothing missing in a file that has everything', () => {
    for (const scenario of SCENARIOS) expect(missingFor(full, scenario)).toEqual([]);
  });

  it('asks cancel-storm for cancel and write-behind for drain, and says why', () => {
    expect(missingFor(bare, 'oversell')).toEqual([]);
    expect(missingFor(bare, 'spam')).toEqual([]);
    expect(missingFor(bare, 'cancel-storm')).toEqual(['cancel: needed by cancel-storm, which cancels purchases: describe the cancel request and the outcomes of its replies']);
    expect(missingFor(bare, 'write-behind')).toEqual([
      'drain: needed by write-behind, which reads the stores back only once the service has written behind: say how long to wait for them to settle, e.g. { "timeoutMs": 30000, "settleMs": 1000 }',
    ]);
  });
});
