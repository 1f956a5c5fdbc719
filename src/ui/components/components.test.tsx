// ink-testing-library tests of each dashboard component at a pinned width (80 columns unless a
// test says otherwise), ANSI stripped: what each shows, and that every line fits.
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { failingResult, interruptedResult, passingResult, purchaseLatency, spamLockResult } from '../../report/fixtures.js';
import { stormChecks, stormRealResult } from '../fixtures.js';
import { verdictOf } from '../../report/format.js';
import type { CheckResult } from '../../result.js';
import { ChecksTable } from './ChecksTable.js';
import { Counters } from './Counters.js';
import { Header } from './Header.js';
import { LatencyHistogram } from './LatencyHistogram.js';
import { ProgressBar } from './ProgressBar.js';
import { Verdict } from './Verdict.js';

/** Renders at `width` columns and returns the frame's lines, ANSI stripped, trailing spaces dropped. */
function frame(element: ReactElement, width = 80): string[] {
  const { lastFrame } = render(<Box width={width}>{element}</Box>);
  const lines = stripVTControlCharacters(lastFrame() ?? '').split('\n').map((line) => line.trimEnd());
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
  return lines;
}

/** `text` as a regular expression matching it literally. */
const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text as a reader gets it back from wrapped lines: every run of spaces and line breaks one space. */
const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The lines of each check's row, by check name: from its ✓/✗ line to the next one. */
function rowsOf(lines: readonly string[], checks: readonly CheckResult[]): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines.slice(1)) {
    const check = checks.find((c) => line.startsWith(`✓ ${c.name} `) || line.startsWith(`✗ ${c.name} `));
    if (check) rows.set(check.name, (current = []));
    current?.push(line);
  }
  return rows;
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
    expect(lines[1]).toBe('lock timeout      0 errors            0 locks taken   2,000 turned away       7');
  });

  it('shows a target\'s unknown answers where the engine\'s lock timeouts stand, and its refusals after', () => {
    const counts = { ...interruptedResult.counts, unknown: 5, rejected: 3, notStarted: 0 };
    const lines = frame(<Counters counts={counts} guards={interruptedResult.guards} inFlight={0} target color={false} />);
    expect(lines[1]).toBe('unknown           5 errors          312 rejected          3 cancelled         0');
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
    expect(lines[1]).toMatch(/^✗ no-oversell\s+≤ 100 sold\s+1000 sold$/);
    expect(lines[2]).toBe('    sold 1000 of 100: oversold by 900');
    expect(lines[5]).toMatch(/^✓ one-per-user\s+0 users with > 1 ticket\s+0$/);
  });

  it('shows a broken threshold as a failed row, named by its expression, after the invariants', () => {
    const threshold: CheckResult = { kind: 'threshold', name: 'purchase.p99<1us', ok: false, expected: '< 1µs', observed: '5.6ms', detail: '5.6ms over the bound, at 5,603× it' };
    const lines = frame(<ChecksTable checks={[...passingResult.checks, threshold]} width={80} color={false} />);
    expect(lines.slice(-2)).toEqual([expect.stringMatching(/^✗ purchase\.p99<1us\s+< 1µs\s+5\.6ms$/), '    5.6ms over the bound, at 5,603× it']);
  });

  it('marks a check the target could not feed as skipped (–), neither passed nor failed', () => {
    const skipped: CheckResult = { name: 'conservation', ok: false, skipped: 'the target keeps no stock counter', expected: 'left + buyers = 100', observed: 'not kept', detail: 'skipped: the target keeps no stock counter' };
    const [, row] = frame(<ChecksTable checks={[skipped]} width={100} color={false} />);
    expect(row).toMatch(/^– conservation\s+left \+ buyers = 100\s+not kept\s+skipped: the target keeps no/);
  });

  it('keeps a passing row on one line: its observed value whole, its detail cut, or left out when little would show', () => {
    const passing = (observed: string): CheckResult => ({ name: 'conservation', ok: true, expected: 'left + buyers = 100', observed, detail: 'none created or leaked' });
    const [, cut] = frame(<ChecksTable checks={[passing('left 0 + buyers 100 = 100')]} width={80} color={false} />);
    expect(cut).toBe('✓ conservation  left + buyers = 100  left 0 + buyers 100 = 100  none created or…');
    const [, left] = frame(<ChecksTable checks={[passing('left 0 + buyers 100 = 100 (every seat)')]} width={80} color={false} />);
    expect(left).toBe('✓ conservation  left + buyers = 100  left 0 + buyers 100 = 100 (every seat)');
  });

  it('keeps a passing row on one line, however long', () => {
    const long = { name: 'n'.repeat(40), ok: true, expected: 'e'.repeat(40), observed: 'o'.repeat(40), detail: 'd'.repeat(90) };
    expect(frame(<ChecksTable checks={[long]} width={80} color />)).toHaveLength(2);
  });

  it.each([80, 100])('shows every word of every failed check at %i columns, wrapped and never cut', (width) => {
    const lines = frame(<ChecksTable checks={stormChecks} width={width} color />, width);
    const rows = rowsOf(lines, stormChecks);
    expect([...rows.keys()]).toEqual(stormChecks.map((check) => check.name));
    for (const check of stormChecks.filter((c) => !c.ok)) {
      const row = rows.get(check.name)!;
      expect(row.join('\n')).not.toContain('…');
      expect(row[0]).toMatch(new RegExp(`^✗ ${check.name}\\s+${literally(check.expected)}\\s+\\S`));
      const text = flat(row.join(' '));
      expect(text).toContain(flat(check.observed));
      expect(text).toContain(flat(check.detail));
      // Continuation lines are indented under the name, not marked as a row of their own.
      for (const more of row.slice(1)) expect(more).toMatch(/^ {4}\S/);
    }
    for (const check of stormChecks.filter((c) => c.ok)) expect(rows.get(check.name)).toHaveLength(1);
  });

  it('keeps a failed row on one line when it fits, aligned with the others', () => {
    const lines = frame(<ChecksTable checks={stormChecks} width={160} color={false} />, 160);
    expect(rowsOf(lines, stormChecks).get('no-over-stocking')).toHaveLength(1);
    expect(lines[1]).toBe('✗ no-over-stocking       left + rows = 100    2097 + 1500 = 3597                       over-stocked by 3497 seats (2498 of them in the storm)');
    expect(lines[1]!.indexOf('over-stocked')).toBe(lines[0]!.indexOf('detail'));
  });
});

describe('Verdict', () => {
  it('says PASS, FAIL, or INTERRUPTED with the reason', () => {
    expect(frame(<Verdict result={passingResult} width={80} color />)[0]).toBe(' PASS   all 4 checks held · 1,000 attempts in 412ms');
    expect(frame(<Verdict result={failingResult} width={80} color />)[0]).toMatch(/^ FAIL {3}2 of 3 checks failed — no-oversell: sold 1000 of 100/);
    expect(frame(<Verdict result={interruptedResult} width={80} color />)[0]).toMatch(/^INTERRUPTED {2}PASS {3}all 4 checks held · 312 infrastructure errors/);
  });

  it.each([80, 100])('wraps the whole reason under itself at %i columns, never cutting it', (width) => {
    const lines = frame(<Verdict result={stormRealResult} width={width} color />, width);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(/^ FAIL {3}4 of 7 checks failed — no-over-stocking: /);
    for (const more of lines.slice(1)) expect(more).toMatch(/^ {8}\S/);
    expect(lines.join('\n')).not.toContain('…');
    expect(flat(lines.join(' '))).toBe(flat(`FAIL ${verdictOf(stormRealResult).summary} · 4,000 attempts in 3.2s`));
  });
});
