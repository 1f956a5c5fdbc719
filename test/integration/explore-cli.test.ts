// `ticketsim explore` and `ticketsim replay` as a user meets them: the built CLI in a child
// process, in process (no service needed). The acceptance commands end as the issue says (exit 1
// with a timeline of at most 6 steps and a token; exit 0 with the space exhausted), a token from
// the JSON replays the same timeline, --report writes the markdown, and bad input exits 2.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExploreResult, ScheduleReport } from '../../src/result.js';
import { ticketsim } from './cli.js';

const dir = await mkdtemp(join(tmpdir(), 'ticketsim-explore-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ticketsim explore', () => {
  it('finds naive\'s oversell, prints it in at most 6 steps with a replay token, and exits 1', async () => {
    const run = await ticketsim(['explore', 'oversell', '--strategy', 'naive', '--buyers', '2', '--stock', '1', '--search', 'dfs']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL: no-oversell broke on run [1-9] \(/);
    const shown = run.stdout.match(/The schedule, (\d+) of \d+ steps \(1 preemption\)/);
    expect(Number(shown?.[1])).toBeLessThanOrEqual(6);
    const token = run.stdout.match(/ticketsim replay (\S+)/)![1]!;

    const replayed = await ticketsim(['replay', token]);
    expect(replayed.code).toBe(1);
    const timeline = (text: string) => text.slice(text.indexOf('The schedule'));
    expect(timeline(replayed.stdout)).toBe(timeline(run.stdout));
  });

  it('says as JSON what it covered, and the replay of its token is the same schedule step for step', async () => {
    const run = await ticketsim(['explore', 'spam', '--strategy', 'precheck', '--buyers', '1', '--requests-per-user', '2', '--search', 'pct', '--json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as ExploreResult;
    expect(result.failure?.broken?.name).toBe('conservation');
    const replayed = await ticketsim(['replay', result.failure!.token, '--json']);
    expect((JSON.parse(replayed.stdout) as ScheduleReport).timeline).toEqual(result.failure!.timeline);
  });

  it('exhausts lua\'s schedules of 3 buyers with at most 2 preemptions, says how many, writes the report and exits 0', async () => {
    const report = join(dir, 'lua.md');
    const run = await ticketsim(['explore', 'oversell', '--strategy', 'lua', '--buyers', '3', '--stock', '1', '--search', 'dfs', '--preemptions', '2', '--report', report]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PASS: no check broke in \d+ runs, \d+ distinct schedules/);
    expect(run.stdout).toContain('the space is exhausted');
    expect(run.stderr).toContain(`report written to ${report}`);
    expect(await readFile(report, 'utf8')).toContain('## Verdict: ✓ PASS');
  });

  it.each([
    [['explore', 'oversell', '--strategy', 'lua', '--search', 'bfs'], /--search "bfs" is not one of dfs, pct, random/],
    [['explore', 'oversell', '--strategy', 'lua', '--buyers', '0'], /--buyers must be a whole number from 1 to 6 \(got 0\)/],
    [['replay', 'ts1.oversell.naive'], /replay token "ts1.oversell.naive": it does not read as/],
  ])('refuses %j with one line and exit 2', async (args, line) => {
    const run = await ticketsim(args);
    expect({ code: run.code, stdout: run.stdout, lines: run.stderr.trimEnd().split('\n').length }).toEqual({ code: 2, stdout: '', lines: 1 });
    expect(run.stderr).toMatch(line);
  });
});
