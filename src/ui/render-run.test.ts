// Tests of the renderRun façade: mode choice from the environment, the plain renderer (start line,
// ~1 s progress lines, summary, no escape codes without colour, SIGINT → abort), and the Ink
// dashboard on fake TTY streams (polls ~10 Hz, ends on checks + verdict, Ctrl-C → partial result).
import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { interruptedResult, passingResult } from '../report/fixtures.js';
import { fakeLiveRun } from './fixtures.js';
import { renderRun } from './render-run.js';

/** A writable that keeps everything written. */
class FakeStdout extends EventEmitter {
  readonly columns = 80;
  readonly rows = 24;
  output = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  write(chunk: string, callback?: () => void): boolean {
    this.output += chunk;
    callback?.();
    return true;
  }
}

/** A TTY stdin that Ink can put in raw mode and that tests can type into. */
class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  type(data: string): void {
    this.pending = data;
    this.emit('readable');
  }
  read(): string | null {
    const data = this.pending;
    this.pending = null;
    return data;
  }
  setRawMode(): this {
    return this;
  }
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Fake streams, and the same typed as Node's for renderRun. */
function streams(tty: boolean) {
  const stdout = new FakeStdout(tty);
  const stdin = new FakeStdin();
  return { stdout, stdin, io: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream } };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('renderRun plain', () => {
  it('prints a start line and the summary, no progress for a short run, no escape codes', async () => {
    const { stdout, io } = streams(false);
    const listeners = process.listenerCount('SIGINT');
    const result = await renderRun(fakeLiveRun(passingResult, 50), { mode: 'plain', color: false, stdout: io.stdout });
    expect(result).toBe(passingResult);
    const lines = stdout.output.split('\n');
    expect(lines[0]).toBe('ticketsim oversell · strategy lua · 1,000 users · stock 100 · infra: real (auto: redis and mysql answered)');
    expect(lines[1]).toBe('');
    expect(stdout.output).not.toMatch(/^running /m);
    expect(stdout.output).toContain('PASS  all 4 checks held');
    expect(stdout.output).not.toContain('\u001b');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('titles a run of a comparison and ends it on the verdict line alone when brief', async () => {
    const { stdout, io } = streams(false);
    await renderRun(fakeLiveRun(passingResult, 50), { mode: 'plain', color: false, stdout: io.stdout, title: 'compare 2/4', brief: true });
    expect(stdout.output).toBe(
      'ticketsim compare 2/4 oversell · strategy lua · 1,000 users · stock 100 · infra: real (auto: redis and mysql answered)\nPASS  all 4 checks held\n',
    );
  });

  it('prints a progress line about every second on a long run', async () => {
    vi.useFakeTimers();
    const { stdout, io } = streams(false);
    const rendering = renderRun(fakeLiveRun(passingResult, 3500), { mode: 'plain', color: false, stdout: io.stdout });
    await vi.advanceTimersByTimeAsync(3600);
    await rendering;
    const progress = stdout.output.split('\n').filter((line) => /^running \d/.test(line));
    expect(progress).toHaveLength(3);
    expect(progress[0]).toMatch(/^running 285\/1,000 \(28%\) · 2,427\/s · in flight 120/);
  });

  it('turns SIGINT into run.abort() and prints the partial result', async () => {
    const { stdout, io } = streams(false);
    const run = fakeLiveRun(passingResult, 5000);
    const before = process.listeners('SIGINT');
    const rendering = renderRun(run, { mode: 'plain', color: false, stdout: io.stdout });
    const added = process.listeners('SIGINT').filter((listener) => !before.includes(listener));
    expect(added).toHaveLength(1);
    (added[0] as () => void)();
    const result = await rendering;
    expect(run.aborted).toBe(true);
    expect(result.interrupted).toBe(true);
    expect(stdout.output).toContain('stopping: in-flight attempts finish');
    expect(stdout.output).toMatch(/^INTERRUPTED PASS/m);
    expect(process.listeners('SIGINT')).toEqual(before);
  });
});

describe('renderRun dashboard', () => {
  const finalFrame = (output: string): string => stripVTControlCharacters(output);

  it('polls at ~10 Hz and leaves the final frame with checks and verdict', async () => {
    const { stdout, stdin, io } = streams(true);
    const run = fakeLiveRun(passingResult, 400);
    const result = await renderRun(run, { mode: 'dashboard', color: true, ...io });
    expect(result).toBe(passingResult);
    expect(run.snapshotCalls).toBeGreaterThanOrEqual(3);
    expect(run.snapshotCalls).toBeLessThanOrEqual(10);
    const text = finalFrame(stdout.output);
    expect(text).toMatch(/✓ no-oversell\s+≤ 100 sold\s+100 sold/);
    expect(text).toContain(' PASS   all 4 checks held · 1,000 attempts in 412ms');
  });

  it('shows which run of a comparison is going in the header', async () => {
    const { stdout, io } = streams(true);
    await renderRun(fakeLiveRun(passingResult, 200), { mode: 'dashboard', color: false, ...io, title: 'compare 3/4' });
    expect(finalFrame(stdout.output)).toContain('ticketsim compare 3/4 oversell · strategy lua · infra real');
  });

  it('stops the run on Ctrl-C and shows the partial result', async () => {
    const { stdout, stdin, io } = streams(true);
    const run = fakeLiveRun(interruptedResult, 5000);
    const rendering = renderRun(run, { mode: 'dashboard', color: false, ...io });
    // Typed once the dashboard reads keys (Ink listens for 'readable' once mounted), however long that takes.
    while (stdin.listenerCount('readable') === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    stdin.type('\u0003');
    const result = await rendering;
    expect(run.aborted).toBe(true);
    expect(result.interrupted).toBe(true);
    expect(finalFrame(stdout.output)).toMatch(/INTERRUPTED {2}PASS/);
  });
});
