// Drives interactive mode by keys alone (ink-testing-library stdin) against a fake startRun:
// choose parameters, run, watch the dashboard, export the report, change parameters, run again, quit;
// and every screen of a run drawn at the terminal's width.
import { cleanup, render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failingResult, interruptedResult, passingResult } from '../report/fixtures.js';
import type { RunResult } from '../result.js';
import { fakeLiveRun } from './fixtures.js';
import { InteractiveApp, type InteractiveDeps } from './interactive.js';

const KEY = { up: '\u001b[A', down: '\u001b[B', right: '\u001b[C', enter: '\r', ctrlC: '\u0003' };

function setup(overrides: Partial<InteractiveDeps> = {}) {
  const deps: InteractiveDeps = {
    defaults: { scenario: 'oversell', strategy: 'lua', users: 1000, stock: 100, infra: 'auto' },
    scenarios: ['oversell', 'spam', 'cancel-storm', 'write-behind'],
    strategies: ['naive', 'lock', 'dcl', 'lua'],
    infraModes: ['auto', 'memory', 'real'],
    startRun: vi.fn((params) => fakeLiveRun(params.strategy === 'naive' ? failingResult : passingResult, 150)),
    exportReport: vi.fn(async (result: RunResult) => `reports/${result.scenario}-${result.strategy}.md`),
    ...overrides,
  };
  const onQuit = vi.fn();
  const app = render(<InteractiveApp {...deps} color={false} onQuit={onQuit} onForceQuit={vi.fn()} />);
  const frame = (): string => stripVTControlCharacters(app.lastFrame() ?? '');
  /** Types keys one at a time; Ink (re)subscribes its input handler in an effect after each render. */
  const type = async (...keys: string[]): Promise<void> => {
    for (const key of keys) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      app.stdin.write(key);
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
  };
  const waitFor = async (text: string): Promise<void> => {
    const deadline = Date.now() + 3000;
    while (!frame().includes(text)) {
      if (Date.now() > deadline) throw new Error(`frame never showed "${text}":\n${frame()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { deps, onQuit, frame, type, waitFor };
}

afterEach(cleanup);

describe('interactive mode', () => {
  it('runs, exports, changes parameters, runs again and quits, by keys alone', async () => {
    const { deps, onQuit, frame, type, waitFor } = setup();
    expect(frame()).toContain('[oversell]');
    expect(frame()).toMatch(/users\s+‹ 1,000 ›/);

    await type(KEY.down, KEY.right, KEY.down, '5', '0', '0');
    expect(frame()).toContain('[naive]');
    expect(frame()).toMatch(/users\s+500▏/);

    await type('r');
    expect(deps.startRun).toHaveBeenCalledWith({ scenario: 'oversell', strategy: 'naive', users: 500, stock: 100, infra: 'auto' });
    await waitFor('ctrl-c stops the run');
    await waitFor('[e]xport report');
    expect(frame()).toMatch(/✗ no-oversell\s+≤ 100 sold\s+1000 sold/);
    expect(frame()).toContain(' FAIL ');

    await type('e');
    await waitFor('report written: reports/oversell-naive.md');
    expect(deps.exportReport).toHaveBeenCalledWith(failingResult);

    // The menu comes back on the row it was left on (users).
    await type('c', KEY.up, KEY.right, KEY.right, KEY.right, KEY.down, KEY.down, KEY.right);
    expect(frame()).toContain('[lua]');
    expect(frame()).toMatch(/stock\s+‹ 500 ›/);
    await type(KEY.down, KEY.down, KEY.enter);
    expect(deps.startRun).toHaveBeenLastCalledWith({ scenario: 'oversell', strategy: 'lua', users: 500, stock: 500, infra: 'auto' });
    await waitFor(' PASS ');

    await type(KEY.right, KEY.right, KEY.right, KEY.enter);
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it("draws the running and the after-run screens at the terminal's width (the test terminal's 100 columns)", async () => {
    const { frame, type, waitFor } = setup();
    const progressLine = (): string | undefined => frame().split('\n').find((line) => /\d+%/.test(line));
    await type('r');
    await waitFor('ctrl-c stops the run');
    expect(progressLine()).toHaveLength(100);
    await waitFor('[r]un again');
    expect(progressLine()).toMatch(/^█{60,} {2}1,000\/1,000 {2}100%/);
    expect(progressLine()).toHaveLength(100);
  });

  it('runs again with the same parameters', async () => {
    const { deps, type, waitFor } = setup();
    await type('r');
    await waitFor('[r]un again');
    await type('r');
    await waitFor('ctrl-c stops the run');
    expect(deps.startRun).toHaveBeenCalledTimes(2);
  });

  it('stops a run with Ctrl-C and shows the partial result', async () => {
    const run = fakeLiveRun(interruptedResult, 5000);
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
