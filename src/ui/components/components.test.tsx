// ink-testing-library tests of each dashboard component at a pinned width of 80 columns, ANSI
// stripped: what each shows, and that every line fits.
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { failingResult, interruptedResult, passingResult, purchaseLatency, spamLockResult } from '../../report/fixtures.js';
import { ChecksTable } from './ChecksTable.js';
import { Counters } from './Counters.js';
import { Header } from './Header.js';
import { LatencyHistogram } from './LatencyHistogram.js';
import { ProgressBar } from './ProgressBar.js';
import { Verdict } from './Verdict.js';

/** Renders at 80 columns and returns the frame's lines, ANSI stripped, trailing spaces dropped. */
function frame(element: ReactElement): string[] {
  const { lastFrame } = render(<Box width={80}>{element}</Box>);
  const lines = stripVTControlCharacters(lastFrame() ?? '').split('\n').map((line) => line.trimEnd());
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  return lines;
}

afterEach(cleanup);

describe('Header', () => {
  it('shows scenario, strategy, infra with its reason, parameters and phase', () => {
    const { scenario, strategy, infra, infraReason, params } = passingResult;
    const lines = frame(<Header {...{ scenario, strategy, infra, infraReason, params }} phase="running" color />);
    expect(lines[0]).toBe('ticketsim oversell · strategy lua · infra real (auto: redis and mysql answered)');
    expect(lines[1]).toMatch(/^1,000 users · stock 100 · concurrency unlimited · pool 10\s+running$/);
  });

  it('shows the requests each user fires when they repeat', () => {
    const { scenario, strategy, infra, infraReason, params } = spamLockResult;
    const lines = frame(<Header {...{ scenario, strategy, infra, infraReason, params }} phase="running" color={false} />);
    expect(lines[1]).toMatch(/^100 users × 20 requests · stock 100 ·/);
    const stopped = frame(<Header {...{ scenario, strategy, infra, infraReason, params }} phase="interrupted" color={false} />);
    expect(stopped[1]).toMatch(/\S \s*interrupted$/);
  });
});

describe('ProgressBar', () => {
  it('shows the bar, done/total, percentage, rate and elapsed on one line of 80', () => {
    const lines = frame(<ProgressBar done={650} total={1000} ratePerSec={2826} elapsedMs={230} width={80} color />);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^█+░+ {2}650\/1,000 {2} 65% {2}2,826\/s {2}230ms$/);
    expect(lines[0]!.length).toBe(80);
  });

  it('is full at the end and empty with nothing to do', () => {
    expect(frame(<ProgressBar done={10} total={10} ratePerSec={0} elapsedMs={0} width={80} color={false} />)[0]).not.toContain('░');
    expect(frame(<ProgressBar done={0} total={0} ratePerSec={0} elapsedMs={0} width={80} color={false} />)[0]).toMatch(/^░+ {2}0\/0 {4}0%/);
  });
});

describe('Counters', () => {
  it('shows every outcome and in flight in two rows of four', () => {
    const lines = frame(<Counters counts={interruptedResult.counts} guards={interruptedResult.guards} inFlight={120} color />);
    expect(lines).toEqual([
      'purchased       100 sold out        188 duplicate         0 in flight       120',
      'lock timeout      0 errors          312 not started     400 cancelled         0',
    ]);
  });

  it('shows lock traffic instead of quiet counters when a lock was used', () => {
    const lines = frame(<Counters counts={spamLockResult.counts} guards={{ ...spamLockResult.guards, rejectedBeforeLock: 7 }} inFlight={0} color={false} />);
    expect(lines[1]).toBe('lock timeout      0 errors            0 locks         2,000 pre-lock rej      7');
  });
});

describe('LatencyHistogram', () => {
  it('draws log-scale buckets as bars with labels, counts and percentiles', () => {
    const lines = frame(<LatencyHistogram title="latency · purchase" latency={purchaseLatency} maxRows={10} width={80} color />);
    expect(lines[0]).toBe('latency · purchase · 1,000 replies');
    expect(lines[1]).toMatch(/^ {2}32µs–64µs\s+[▉-▏]\s+3$/);
    expect(lines[4]).toMatch(/^ {2}256µs–512µs\s+█{20,}\s+380$/);
    expect(lines).toHaveLength(10);
    expect(lines[9]).toBe('p50 406µs  p90 1.19ms  p99 3.21ms  p99.9 5.9ms  max 6.1ms');
  });

  it('merges buckets to stay within the row budget', () => {
    const lines = frame(<LatencyHistogram title="latency" latency={purchaseLatency} maxRows={4} width={80} color={false} />);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^ {2}32µs–256µs\s+[█-▏]+\s+256$/);
  });

  it('waits for the first replies', () => {
    expect(frame(<LatencyHistogram title="latency" latency={undefined} maxRows={4} width={80} color />)).toEqual([
      'latency · waiting for the first replies…',
    ]);
  });
});

describe('ChecksTable', () => {
  it('shows ✓ and ✗ with expected vs observed', () => {
    const lines = frame(<ChecksTable checks={failingResult.checks} width={80} color />);
    expect(lines[0]).toMatch(/^ {2}check\s+expected\s+observed\s+detail$/);
    expect(lines[1]).toMatch(/^✗ no-oversell\s+≤ 100 sold\s+1000 sold\s+sold 1000 of 100/);
    expect(lines[3]).toMatch(/^✓ one-per-user\s+0 users with > 1 ticket\s+0$/);
  });

  it('keeps long rows on one line each', () => {
    const long = { name: 'n'.repeat(40), ok: true, expected: 'e'.repeat(40), observed: 'o'.repeat(40), detail: 'd'.repeat(90) };
    expect(frame(<ChecksTable checks={[long]} width={80} color />)).toHaveLength(2);
  });
});

describe('Verdict', () => {
  it('says PASS, FAIL, or INTERRUPTED with the reason', () => {
    expect(frame(<Verdict result={passingResult} color />)[0]).toBe(' PASS   all 4 checks held · 1,000 attempts in 412ms');
    expect(frame(<Verdict result={failingResult} color />)[0]).toMatch(/^ FAIL {3}2 of 3 checks failed — no-oversell: sold 1000 of 100/);
    expect(frame(<Verdict result={interruptedResult} color />)[0]).toMatch(/^INTERRUPTED {2}PASS {3}all 4 checks held · 312 infrastructure errors/);
  });
});
