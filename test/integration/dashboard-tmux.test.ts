// Smoke test in a real terminal: tmux at 80×24 runs the CLI, and the screen, read back with
// capture-pane, must show the dashboard ending on the checks table and the verdict, drawn once
// (no stacked or torn frames).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/ticketsim');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const required = process.env.CI === 'true' || process.env.TICKETSIM_REQUIRE_SERVICES === '1';
if (!hasTmux && required) throw new Error('tmux is required for the terminal smoke test here (apt-get install tmux)');
if (!hasTmux) console.warn('skipping the terminal smoke test: tmux is not installed');

const session = `ticketsim-it-${randomUUID().slice(0, 8)}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });

async function screenUntil(done: (screen: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p', '-t', session);
    if (done(screen)) return screen;
    await new Promise((r) => setTimeout(r, 200));
  }
  return screen;
}

describe.skipIf(!hasTmux)('the dashboard in a real 80×24 terminal', () => {
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
  });

  it('draws progress and histogram, then ends on the checks table and verdict', async () => {
    // A user's terminal: CI=true or NO_COLOR from the test's own environment would select plain output.
    const command = `env -u CI -u NO_COLOR ${BIN} run oversell --users 1000 --infra memory --strategy lock; echo EXIT=$?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
    const screen = await screenUntil((s) => s.includes('EXIT='), 30_000);
    const lines = screen.split('\n');
    expect(screen).toContain('EXIT=0');
    expect(screen).toMatch(/1,000\/1,000\s+100%/);
    expect(screen).toMatch(/latency · purchase · 1,000 replies/);
    expect(screen).toMatch(/p50 \S+\s+p90 \S+\s+p99 \S+\s+p99\.9 \S+\s+max \S+/);
    expect(screen).toMatch(/✓ no-oversell/);
    expect(screen).toMatch(/PASS\s+all 6 checks held/);
    // One frame: the header and the progress bar each appear once, and nothing is wider than 80.
    expect(lines.filter((l) => l.startsWith('ticketsim oversell'))).toHaveLength(1);
    expect(lines.filter((l) => /\d+%/.test(l))).toHaveLength(1);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });
});
