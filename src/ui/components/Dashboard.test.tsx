// ink-testing-library tests of the whole Dashboard frame from fixture snapshots and results:
// content while running and at the end, that every frame fits 80×24 (≤ 22 lines of ≤ 80) when it
// can, and that a failed check's every word is on screen at 80 and 100 columns.
import { render, cleanup } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { behindResult, failingResult, interruptedResult, passingResult, rateResult, slowSql, spamLockResult, stormNaiveResult } from '../../report/fixtures.js';
import type { RunResult } from '../../result.js';
import { verdictOf } from '../../report/format.js';
import { formatChange, formatMicros, formatRate } from '../../units.js';
import { snapshotAt, stormRealResult } from '../fixtures.js';
import { Dashboard, type DashboardProps } from './Dashboard.js';

/** The frame's lines at `width` (80 unless given), each within it, and within the height unless it may overflow. */
function frame(props: DashboardProps, overflows = false): string[] {
  const width = props.width ?? 80;
  const { lastFrame } = render(<Dashboard width={width} {...props} />);
  const lines = stripVTControlCharacters(lastFrame() ?? '').split('\n').map((line) => line.trimEnd());
  if (!overflows) expect(lines.length).toBeLessThanOrEqual(props.height ?? 22);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
  return lines;
}

/** The line where the verdict starts. */
const verdictLine = (lines: readonly string[]): string | undefined => lines.find((line) => /^(INTERRUPTED )? (PASS|FAIL) /.test(line));

/** Text as a reader gets it back from wrapped lines: every run of spaces and line breaks one space. */
const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

afterEach(cleanup);

describe('Dashboard', () => {
  it('shows header, progress, counters and histogram while running', () => {
    const lines = frame({ snapshot: snapshotAt(passingResult, 0.65), color: true });
    const text = lines.join('\n');
    expect(lines[0]).toContain('oversell · strategy lua · infra real (auto: redis and mysql answered)');
    expect(lines[1]).toMatch(/running$/);
    expect(lines[3]).toMatch(/^█+░+ {2}650\/1,000 {2} 65%/);
    expect(text).toMatch(/purchased\s+65 sold out\s+585 duplicate\s+0 in flight\s+120/);
    expect(text).toContain('latency · purchase so far · 645 replies');
    expect(text).toMatch(/256µs–512µs\s+█+\s+247/);
    expect(text).toContain('p50 406µs  p90 1.19ms');
    expect(lines.at(-1)).toBe('ctrl-c stops the run; the checks still run on what happened');
    expect(text).not.toContain('PASS');
  });

  it('shows the baseline\'s p99 and throughput beside the live ones, within the frame', () => {
    const baseline = { runId: 'base-run', operation: 'purchase', p99Us: 1000, throughput: 1000 };
    const running = frame({ snapshot: { ...snapshotAt(passingResult, 0.65), baseline }, color: false });
    expect(running.find((line) => line.startsWith('baseline: purchase p99 '))).toMatch(/ vs 1ms \([+−][\d.]+%\) · [\d,]+\/s vs 1,000\/s \([+−][\d.]+%\)$/);
    const done = frame({ snapshot: { ...snapshotAt(passingResult, 1), baseline }, result: passingResult, color: false });
    const { p99 } = passingResult.latency.purchase!;
    const change = (now: number) => formatChange(now / 1000 - 1, 'us');
    expect(done).toContain(`baseline: purchase p99 ${formatMicros(p99)} vs 1ms (${change(p99)}) · ${formatRate(passingResult.throughput)} vs 1,000/s (${change(passingResult.throughput)})`);
  });

  it('shows the faults fired so far, with the latest firing, within the frame', () => {
    const faults = [{ name: 'pause-holder', spec: 'pause-holder:holders=2,pause=3s', fired: 1, events: [{ atMs: 400, what: 'a lock holder that found 2 seats left stalls 3000 ms' }], summary: '' }];
    const lines = frame({ snapshot: snapshotAt({ ...behindResult, faults }, 0.5), color: false });
    expect(lines).toContain('faults: pause-holder ×1 (a lock holder that found 2 seats left stalls 3000 ms)');
  });

  it('says it is stopping after Ctrl-C', () => {
    const lines = frame({ snapshot: snapshotAt(passingResult, 0.3), stopping: true, color: false });
    expect(lines.at(-1)).toMatch(/^stopping: in-flight attempts finish, then the checks run/);
  });

  it('ends on the checks table and the verdict, with the result numbers', () => {
    const lines = frame({ snapshot: snapshotAt(passingResult, 1), result: passingResult, color: true });
    const text = lines.join('\n');
    expect(lines[1]).toMatch(/done$/);
    expect(lines[3]).toMatch(/^█+ {2}1,000\/1,000 {2}100% {2}2,427\/s {2}412ms$/);
    expect(text).toMatch(/purchased\s+100 sold out\s+900/);
    expect(text).toContain('latency · purchase · 1,000 replies');
    expect(text).toMatch(/✓ no-oversell\s+≤ 100 sold\s+100 sold/);
    expect(lines.at(-1)).toBe(' PASS   all 4 checks held · 1,000 attempts in 412ms');
  });

  it('shows ✗ and FAIL for a failing run, INTERRUPTED and the top error cause for a stopped one', () => {
    const failing = frame({ snapshot: snapshotAt(failingResult, 1), result: failingResult, color: true });
    expect(failing.join('\n')).toMatch(/✗ no-oversell\s+≤ 100 sold\s+1000 sold\n {4}sold 1000 of 100: oversold by 900\n/);
    expect(verdictLine(failing)).toMatch(/^ FAIL /);
    const stopped = frame({ snapshot: snapshotAt(interruptedResult, 0.6), result: interruptedResult, color: true });
    expect(stopped[1]).toMatch(/interrupted$/);
    expect(stopped).toContain('errors: 300 × ER_CON_COUNT_ERROR: Too many connections (+1 more cause)');
    expect(verdictLine(stopped)).toMatch(/^INTERRUPTED {2}PASS /);
    expect(stopped.indexOf(verdictLine(stopped)!)).toBe(stopped.indexOf('errors: 300 × ER_CON_COUNT_ERROR: Too many connections (+1 more cause)') + 1);
  });

  it('stays within its height with many checks and buckets', () => {
    const many: RunResult = {
      ...passingResult,
      checks: Array.from({ length: 6 }, (_, i) => ({ ...passingResult.checks[0]!, name: `check-${i}` })),
      errorCauses: interruptedResult.errorCauses,
    };
    expect(frame({ snapshot: snapshotAt(many, 1), result: many, color: false, height: 22 }).length).toBeLessThanOrEqual(22);
    expect(frame({ snapshot: snapshotAt(passingResult, 0.5), color: false, height: 14 }).length).toBeLessThanOrEqual(14);
  });

  it('fits a spam run with seven checks, lock traffic and the sql line into 80×24', () => {
    const spam: RunResult = {
      ...spamLockResult,
      sql: slowSql,
      checks: Array.from({ length: 7 }, (_, i) => ({ ...spamLockResult.checks[1]!, name: `check-${i}` })),
    };
    const lines = frame({ snapshot: snapshotAt(spam, 1), result: spam, color: false, height: 22 });
    const text = lines.join('\n');
    expect(lines[1]).toMatch(/^100 users × 20 requests · stock 100/);
    expect(text).toMatch(/locks taken\s+2,000 turned away\s+0/);
    expect(text).toContain('sql 10,000 stmts · pool wait p99 1.53s · exec p99 4.1ms · 6,512 over 500ms');
    expect(verdictLine(lines)).toMatch(/^ FAIL /);
  });

  it('shows no sql line before the first statement', () => {
    const lines = frame({ snapshot: { ...snapshotAt(passingResult, 0.5), sql: undefined }, color: false });
    expect(lines.join('\n')).not.toMatch(/^sql /m);
  });

  it('shows the storm phase, cancel counters and a line per further operation while a storm runs', () => {
    const snapshot = snapshotAt(stormNaiveResult, 0.5);
    const lines = frame({ snapshot: { ...snapshot, phase: 'running', stage: { name: 'storm', index: 1, of: 2 } }, color: false });
    const text = lines.join('\n');
    expect(lines[1]).toMatch(/storm 2\/2 · running$/);
    expect(text).toMatch(/cancelled\s+100 re-bought\s+50/);
    expect(text).toContain('latency · sell-out so far');
    expect(text).toMatch(/^cancel · [\d,]+ · p50 /m);
  });

  it('fits a finished storm with three operations and two failed checks into 80×24', () => {
    const lines = frame({ snapshot: snapshotAt({ ...stormNaiveResult, sql: slowSql }, 1), result: { ...stormNaiveResult, sql: slowSql }, color: false, height: 22 });
    expect(lines.join('\n')).toMatch(/^latency · purchase · 1,000 replies\n(.+\n){3}sell-out · [\d,]+ · p50 .+\ncancel · [\d,]+ · p50 .+\nsql /m);
    expect(lines.join('\n')).toContain('✗ no-over-stocking       left + rows = 100    150 + 150 = 300\n    over-stocked by 200 seats (all in the storm)\n');
    expect(verdictLine(lines)).toMatch(/^ FAIL /);
  });

  /** Every word of each failed check's observed value and detail, and the whole verdict, in `shown`. */
  function expectEveryFailureWord(shown: readonly string[], result: RunResult): void {
    const text = flat(shown.join(' '));
    for (const check of result.checks.filter((c) => !c.ok)) {
      expect(text).toContain(flat(`${check.name} ${check.expected} ${check.observed} ${check.detail}`));
    }
    expect(text).toContain(flat(verdictOf(result).summary));
    const failedRows = shown.slice(shown.findIndex((line) => line.startsWith('✗')));
    expect(failedRows.join('\n')).not.toMatch(/✗[^\n]*…|\n {4}[^\n]*…/);
  }

  it('gives a failed storm the room at 100×32: every failed word on screen, within the height', () => {
    const storm: RunResult = { ...stormRealResult, sql: slowSql };
    const lines = frame({ snapshot: snapshotAt(storm, 1), result: storm, color: false, width: 100, height: 30 });
    expectEveryFailureWord(lines, storm);
    expect(lines.join('\n')).toMatch(/^sql /m);
    expect(lines.join('\n')).toMatch(/^cancel · /m);
    // With room to spare, a passing row is wrapped rather than cut too.
    expect(lines.join('\n')).toContain('✓ freed-seats-resold     resold = 0           resold 1000 of 500 freed\n    every freed seat resold\n');
    expect(lines.join('\n')).not.toContain('…');
  });

  it('at 80×24 lets the other parts give way to the checks, keeping what ran and how far it got', () => {
    const storm: RunResult = { ...stormRealResult, sql: slowSql };
    const lines = frame({ snapshot: snapshotAt(storm, 1), result: storm, color: false, width: 80, height: 22 });
    const text = lines.join('\n');
    expect(lines[0]).toMatch(/^ticketsim cancel-storm · strategy naive · infra real/);
    expect(lines[2]).toMatch(/^█+ {2}4,000\/4,000 {2}100%/);
    expect(lines[3]).toMatch(/^purchased\s+1,000 /);
    expect(lines[5]).toMatch(/^ {2}check\s+expected/);
    expect(text).not.toMatch(/^sql |^cancel · |^purchase · |^latency|^$/m);
    expectEveryFailureWord(lines, storm);
    // Without it, a passing row stays on one line, its observed value whole and its detail left out.
    expect(text).toMatch(/^✓ freed-seats-resold {5}resold = 0 {11}resold 1000 of 500 freed$/m);
  });

  it('is taller than its height only by a tail that alone is taller', () => {
    const storm: RunResult = { ...stormRealResult, sql: slowSql };
    const lines = frame({ snapshot: snapshotAt(storm, 1), result: storm, color: false, width: 80, height: 12 }, true);
    expect(lines[0]).toMatch(/^ {2}check\s+expected/);
    expectEveryFailureWord(lines, storm);
  });

  it('shows the write-behind line while draining, and fits a finished write-behind run with ten checks', () => {
    const draining = frame({ snapshot: { ...snapshotAt(behindResult, 0.6), phase: 'draining' }, color: false });
    expect(draining.join('\n')).toMatch(/^behind: 3,000 acked · 3,000 persisted · 2,000 behind · lag p99 396ms$/m);
    expect(draining.at(-1)).toBe('draining: the workers are writing what Kafka acknowledged…');
    const stuck = snapshotAt(behindResult, 0.6);
    const waiting = { ...stuck, phase: 'draining' as const, writeBehind: { ...stuck.writeBehind!, waitingFor: 'MySQL at 127.0.0.1:3306 (Connection lost)' } };
    expect(frame({ snapshot: waiting, color: false, width: 140 }).join('\n')).toMatch(/^behind: .* · workers waiting for MySQL at 127\.0\.0\.1:3306 \(Connection lost\)$/m);
    const done: RunResult = { ...behindResult, checks: Array.from({ length: 10 }, (_, i) => ({ ...passingResult.checks[0]!, name: `check-${i}` })) };
    const lines = frame({ snapshot: snapshotAt(done, 1), result: done, color: false, height: 22 });
    expect(lines.join('\n')).toMatch(/^behind: 5,000 acked/m);
    expect(lines.at(-1)).toMatch(/^ PASS /);
  });

  it('shows the recent seconds of an open-model run, and still fits 80×24 once it is done', () => {
    const running = frame({ snapshot: snapshotAt(rateResult, 0.6), color: false });
    expect(running.join('\n')).toMatch(/^last 3 s: 1,900 1,990 1,990 replies\/s · p99 242ms 10\.3ms 7\.17ms$/m);
    const done: RunResult = { ...rateResult, sql: slowSql, checks: Array.from({ length: 7 }, (_, i) => ({ ...passingResult.checks[0]!, name: `check-${i}` })) };
    const lines = frame({ snapshot: snapshotAt(done, 1), result: done, color: false, height: 22 });
    expect(lines.length).toBeLessThanOrEqual(22);
    expect(lines.join('\n')).toMatch(/^last 3 s: /m);
    expect(lines.at(-1)).toMatch(/^ PASS /);
  });
});
