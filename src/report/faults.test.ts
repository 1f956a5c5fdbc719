import { describe, expect, it } from 'vitest';
import type { FaultRecord, RunResult } from '../result.js';
import { faultLines, faultVerdict, faultsLiveLine, faultsSection } from './faults.js';
import { failingResult, passingResult } from './fixtures.js';

const paused: FaultRecord = {
  name: 'pause-holder',
  spec: 'pause-holder:holders=2,pause=3s',
  fired: 2,
  events: [
    { atMs: 1200, what: 'a lock holder that found 2 seats left stalls 3 s' },
    { atMs: 3300, what: 'a lock holder that found 2 seats left stalls 3 s' },
  ],
  summary: '2 lock holders stalled 3 s inside the critical section, past the lock\'s TTL',
};
const withFaults = (result: RunResult, staleRefused = 0): RunResult => ({ ...result, faults: [paused], guards: { ...result.guards, staleRefused } });

describe('faults in words', () => {
  it('lists each fault with its firings, in the summary and the report', () => {
    expect(faultLines(withFaults(passingResult))).toEqual([
      `  pause-holder:holders=2,pause=3s: ${paused.summary}`,
      '    at 1.2s  a lock holder that found 2 seats left stalls 3 s',
      '    at 3.3s  a lock holder that found 2 seats left stalls 3 s',
    ]);
    const section = faultsSection(withFaults(passingResult));
    expect(section).toContain('| `pause-holder:holders=2,pause=3s` | 2 |');
    expect(section).toContain('- at 3.3s  a lock holder that found 2 seats left stalls 3 s');
  });

  it('says why a stalled holder broke the failed checks', () => {
    expect(faultVerdict(withFaults(failingResult))).toMatch(/^A lock holder stalled past the lock's TTL.*`no-oversell`, `stock-conserved` caught it\./);
  });

  it('says why fencing held: stale steps refused', () => {
    expect(faultVerdict(withFaults(passingResult, 3))).toMatch(/fencing token.*3 stale steps were refused/);
  });

  it('is silent without a fault that fired, and says so in the report', () => {
    expect(faultVerdict(passingResult)).toBeUndefined();
    expect(faultsSection(passingResult)).toBe('No fault was injected (`--fault` adds one).');
  });

  it('shows the live count and the latest firing', () => {
    expect(faultsLiveLine([{ name: 'kill-worker', fired: 1, last: 'SIGKILL pid 42' }, { name: 'redeliver', fired: 0, last: undefined }])).toBe(
      'faults: kill-worker ×1 (SIGKILL pid 42) · redeliver ×0',
    );
  });
});
