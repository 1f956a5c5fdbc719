import { describe, expect, it } from 'vitest';
import { launcherNodeFlags } from './launcher.js';

describe('launcherNodeFlags', () => {
  it('reads the flags after node on the launcher line', () => {
    expect(launcherNodeFlags('#!/usr/bin/env -S node --max-semi-space-size=64 --no-allocation-site-pretenuring')).toEqual([
      '--max-semi-space-size=64',
      '--no-allocation-site-pretenuring',
    ]);
    expect(launcherNodeFlags('#!/usr/bin/env node')).toEqual([]);
  });

  it('finds the young generation flag on bin/ticketsim itself', () => {
    expect(launcherNodeFlags()).toContain('--max-semi-space-size=64');
  });
});
