// Mistakes on the command line caught before any load, as a user meets them: the built CLI in a
// child process. Each exits 2 with one line on stderr, and nothing on stdout (no run began). Also
// the report file: proved writable before the load, and a failure at the end costs one line, not
// the result.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/result.js';
import { ticketsim } from './cli.js';

/** Runs ticketsim and expects exit 2 with exactly `line` on stderr and nothing on stdout. */
async function refused(args: readonly string[], line: string): Promise<void> {
  const run = await ticketsim(args);
  expect({ code: run.code, stderr: run.stderr.trimEnd(), stdout: run.stdout }).toEqual({ code: 2, stderr: line, stdout: '' });
}

describe('an unknown option names the one it most likely meant, for every command', () => {
  it.each([
    [['run', 'oversell', '--user', '10'], 'ticketsim: unknown option --user; did you mean --users?'],
    [['run', 'spam', '--requestPerUser', '3'], 'ticketsim: unknown option --requestPerUser; did you mean --requests-per-user?'],
    [['compare', 'oversell', '--strategy', 'lua'], 'ticketsim: unknown option --strategy; did you mean --strategies?'],
    [['selftest', '--infr', 'memory'], 'ticketsim: unknown option --infr; did you mean --infra?'],
    [['worker', '--topc', 'orders'], 'ticketsim: unknown option --topc; did you mean --topic?'],
    [['doctor', '--jsno'], 'ticketsim: unknown option --jsno; did you mean --json?'],
    [['doctor', '--bogus'], 'ticketsim: unknown option --bogus'],
    [['doctr'], 'ticketsim: unknown command "doctr"; did you mean doctor?'],
    [['run', 'oversell', 'lua'], 'ticketsim: unexpected argument "lua"'],
  ])('%j', (args, line) => refused(args, line));
});

describe('an unknown choice names the one it most likely meant', () => {
  it.each([
    [['run', 'oversel'], 'ticketsim: scenario "oversel" is not one of oversell, spam, cancel-storm, write-behind; did you mean oversell?'],
    [['run', 'oversell', '--strategy', 'lok'], 'ticketsim: --strategy "lok" is not one of naive, lock, precheck, dcl, fenced, lua; did you mean lock?'],
    [['run', 'oversell', '--infra', 'rael'], 'ticketsim: --infra "rael" is not one of auto, memory, real; did you mean real?'],
    [['run', 'oversell', '--write', 'bhind'], 'ticketsim: --write "bhind" is not one of sync, behind; did you mean behind?'],
    [['run', 'write-behind', '--fault', 'kill-workers'], 'ticketsim: --fault "kill-workers" is not one of pause-holder, kill-worker, redeliver, service-down; did you mean kill-worker?'],
    [['selftest', '--infra', 'memroy'], 'ticketsim: --infra "memroy" is not one of auto, memory, real; did you mean memory?'],
  ])('%j', (args, line) => refused(args, line));
});

describe('what yargs would let through quietly is refused', () => {
  it.each([
    [['run', 'oversell', '--users'], 'ticketsim: --users needs a value'],
    [['run', 'oversell', '--pool-size', '--infra', 'memory'], 'ticketsim: --pool-size needs a value'],
    [['run', 'oversell', '--json=maybe'], 'ticketsim: --json takes no value (got "maybe")'],
    [['run', 'oversell', '--report', 'a.md', '--report', 'b.md'], 'ticketsim: --report is given twice; give it once'],
    [['worker', '--topic', 'a', '--topic', 'b'], 'ticketsim: --topic is given twice; give it once'],
  ])('%j', (args, line) => refused(args, line));
});

describe('a report that cannot be written is refused before any load', () => {
  it('exits 2 on --report /proc/r.md without running the 200,000-buyer sale', async () => {
    const started = Date.now();
    const run = await ticketsim(['run', 'oversell', '--users', '200000', '--infra', 'memory', '--report', '/proc/r.md']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'ticketsim: --report /proc/r.md: cannot create the file (ENOENT: no such file or directory)\n' });
    // Never hangs; no start line and no summary above prove no run began.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([
    [['compare', 'oversell', '--strategies', 'naive,lua', '--infra', 'memory', '--report', '/proc/r.md'], 'ticketsim: --report /proc/r.md: cannot create the file (ENOENT: no such file or directory)'],
    [['run', 'oversell', '--infra', 'memory', '--report', tmpdir()], `ticketsim: --report ${tmpdir()}: is a folder`],
  ])('%j', (args, line) => refused(args, line));

  it('leaves no file and no folder behind when the run then fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ticketsim-input-'));
    try {
      // The probe passes; the run then cannot reach its Redis (exit 3).
      const run = await ticketsim(['run', 'oversell', '--infra', 'real', '--report', join(dir, 'new/r.md'), '--redis-url', 'redis://127.0.0.1:1']);
      expect(run.code).toBe(3);
      expect(existsSync(join(dir, 'new'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the report written at the end', () => {
  it('says when it replaced a file that was there, keeping stdout to the result JSON', async () => {
    const path = join(tmpdir(), `ticketsim-input-${randomUUID()}.md`);
    await writeFile(path, 'an older report');
    try {
      const run = await ticketsim(['run', 'oversell', '--infra', 'memory', '--users', '200', '--json', '--report', path]);
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as RunResult).ok).toBe(true);
      expect(run.stderr).toBe(`report written to ${path} (replaced the file that was there)\n`);
      expect(await readFile(path, 'utf8')).toMatch(/^# ticketsim report: oversell/);
    } finally {
      await rm(path, { force: true });
    }
  });

  it.skipIf(!existsSync('/dev/full'))('fails on a full disk with one line and exit 3, the result JSON still printed', async () => {
    const run = await ticketsim(['run', 'oversell', '--infra', 'memory', '--users', '200', '--json', '--report', '/dev/full']);
    expect(run.code).toBe(3);
    expect((JSON.parse(run.stdout) as RunResult).ok).toBe(true);
    expect(run.stderr).toBe('ticketsim: --report /dev/full: the report could not be written after the run (ENOSPC: no space left on device); only the printed result remains\n');
  });

  it.skipIf(!existsSync('/dev/full'))('keeps the verdict of a run that failed a check', async () => {
    const run = await ticketsim(['run', 'oversell', '--infra', 'memory', '--strategy', 'naive', '--users', '2000', '--json', '--report', '/dev/full']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as RunResult).ok).toBe(false);
  });
});
