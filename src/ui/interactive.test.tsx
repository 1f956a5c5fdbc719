// Drives interactive mode by keys alone (ink-testing-library stdin) against a fake startRun:
// choose parameters, run, watch the dashboard, export the report, change parameters, run again, quit;
// and every screen of a run drawn at the terminal's width.
import { cleanup, render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failingResult, interruptedResult, passingResult } from '../report/fixtures.js';
import type { RunResult } from '../result.js';
import { fakeLiveRun } from './fixtures.js';
import type { FakeLiveRun } from './fixtures.js';
import { InteractiveApp, type InteractiveDeps } from './interactive.js';

const KEY = { up: '\u001b[A', down: '\u001b[B', right: '\u001b[C', enter: '\r', ctrlC: '\u0003' };

/**
 * Waits for a condition the app reaches (each a state it stays in until the test acts), or fails
 * naming it before the test itself would time out.
 */
async function until(what: () => string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 4_500;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function setup(overrides: Partial<InteractiveDeps> = {}) {
  /** The runs started, each ended only when the test calls finish() (or a run of its own says). */
  const runs: FakeLiveRun[] = [];
  const deps: InteractiveDeps = {
    defaults: { scenario: 'oversell', strategy: 'lua', users: 1000, stock: 100, infra: 'auto' },
    scenarios: ['oversell', 'spam', 'cancel-storm', 'write-behind'],
    strategies: ['naive', 'lock', 'dcl', 'lua'],
    infraModes: ['auto', 'memory', 'real'],
    startRun: vi.fn((params) => {
      const run = fakeLiveRun(params.strategy === 'naive' ? failingResult : passingResult, 60_000);
      runs.push(run);
      return run;
    }),
    exportReport: vi.fn(async (result: RunResult) => `reports/${result.scenario}-${result.strategy}.md`),
    ...overrides,
  };
  const onQuit = vi.fn();
  const app = render(<InteractiveApp {...deps} color={false} onQuit={onQuit} onForceQuit={vi.fn()} />);
  const frame = (): string => stripVTControlCharacters(app.lastFrame() ?? '');
  /**
   * Types keys once Ink reads them (it listens for 'readable' once mounted). Each key acts on the
   * app's latest state at once, so keys need no pacing; what they changed on screen is awaited.
   */
  const type = async (...keys: string[]): Promise<void> => {
    await until(() => 'Ink never read the keyboard', () => app.stdin.listenerCount('readable') > 0);
    for (const key of keys) app.stdin.write(key);
  };
  const waitFor = (text: string | RegExp): Promise<void> =>
    until(
      () => `frame never showed ${String(text)}:\n${frame()}`,
      () => (typeof text === 'string' ? frame().includes(text) : text.test(frame())),
    );
  /** Ends the latest run. */
  const finishRun = (): void => runs.at(-1)!.finish();
  return { deps, onQuit, frame, type, waitFor, finishRun, runs };
}

afterEach(cleanup);

describe('interactive mode', () => {
  it('runs, exports, changes parameters, runs again and quits, by keys alone', async () => {
    const { deps, onQuit, frame, type, waitFor, finishRun } = setup();
    await waitFor('[oversell]');
    expect(frame()).toMatch(/users\s+‹ 1,000 ›/);

    await type(KEY.down, KEY.right, KEY.down, '5', '0', '0');
    await waitFor(/users\s+500▏/);
    expect(frame()).toContain('[naive]');

    await type('r');
    await waitFor('ctrl-c stops the run');
    expect(deps.startRun).toHaveBeenCalledWith({ scenario: 'oversell', strategy: 'naive', users: 500, stock: 100, infra: 'auto' });
    finishRun();
    await waitFor('[e]xport report');
    expect(frame()).toMatch(/✗ no-oversell\s+≤ 100 sold\s+1000 sold/);
    expect(frame()).toContain(' FAIL ');

    await type('e');
    await waitFor('report written: reports/oversell-naive.md');
    expect(deps.exportReport).toHaveBeenCalledWith(failingResult);

    // The menu comes back on the row it was left on (users).
    await type('c', KEY.up, KEY.right, KEY.right, KEY.right, KEY.down, KEY.down, KEY.right);
    await waitFor(/stock\s+‹ 500 ›/);
    expect(frame()).toContain('[lua]');
    await type(KEY.down, KEY.down, KEY.enter);
    await waitFor('ctrl-c stops the run');
    expect(deps.startRun).toHaveBeenLastCalledWith({ scenario: 'oversell', strategy: 'lua', users: 500, stock: 500, infra: 'auto' });
    finishRun();
    // The after-run bar, not the verdict: the live dashboard's final frame shows the verdict too,
    // before the after-run screen (and its keys) take over.
    await waitFor('[r]un again');
    expect(frame()).toContain(' PASS ');

    await type(KEY.right, KEY.right, KEY.right, KEY.enter);
    await until(() => 'quit was never called', () => onQuit.mock.calls.length > 0);
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it("draws the running and the after-run screens at the terminal's width (the test terminal's 100 columns)", async () => {
    const { frame, type, waitFor, finishRun } = setup();
    const progressLine = (): string | undefined => frame().split('\n').find((line) => /\d+%/.test(line));
    await type('r');
    await waitFor('ctrl-c stops the run');
    expect(progressLine()).toHaveLength(100);
    finishRun();
    await waitFor('[r]un again');
    expect(progressLine()).toMatch(/^█{60,} {2}1,000\/1,000 {2}100%/);
    expect(progressLine()).toHaveLength(100);
  });

  it('runs again with the same parameters', async () => {
    const { deps, type, waitFor, finishRun, runs } = setup();
    await type('r');
    await waitFor('ctrl-c stops the run');
    finishRun();
    await waitFor('[r]un again');
    await type('r');
    await until(() => 'the second run never started', () => runs.length === 2);
    await waitFor('ctrl-c stops the run');
    expect(vi.mocked(deps.startRun).mock.calls[1]).toEqual(vi.mocked(deps.startRun).mock.calls[0]);
  });

  it('stops a run with Ctrl-C and shows the partial result', async () => {
    const run = fakeLiveRun(interruptedResult, 60_000);
    const { type, waitFor } = setup({ startRun: () => run });
    await type('r');
    await waitFor('ctrl-c stops the run');
    await type(KEY.ctrlC);
    await waitFor('[r]un again');
    expect(run.aborted).toBe(true);
  });

  it('shows why a run could not start and stays in the menu', async () => {
    const error = Object.assign(new Error('redis at 127.0.0.1:6379: refused'), { hint: 'docker compose up -d' });
    const { frame, type, waitFor } = setup({ startRun: async () => Promise.reject(error) });
    await type('r');
    await waitFor('could not start: redis at 127.0.0.1:6379: refused (docker compose up -d)');
    expect(frame()).toContain('▶ run');
  });
});
