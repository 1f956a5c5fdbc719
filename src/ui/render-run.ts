// The façade callers use to show a run (they never import ink): chooses nothing itself — the
// caller passes the mode from chooseRenderMode() (render-mode.ts) — and draws either the live Ink
// dashboard or plain lines, resolving to the run's RunResult once the final frame or summary is on
// screen.
import { render, useApp } from 'ink';
import { createElement, type ReactElement } from 'react';
import type { LiveRun, RunResult } from '../result.js';
import { onInterrupt, quitNow } from './interrupt.js';
import { watchLineEnd } from './line-end.js';
import { LiveDashboard } from './LiveDashboard.js';
import { renderPlain } from './render-plain.js';
import type { RenderMode } from './render-mode.js';

/** Options of {@link renderRun}. */
export interface RenderRunOptions {
  mode: RenderMode;
  /** False: no ANSI colour at all. */
  color: boolean;
  /** Default `process.stdout`. */
  stdout?: NodeJS.WriteStream;
  /** Default `process.stdin`; Ctrl-C is read from it only when it supports raw mode. */
  stdin?: NodeJS.ReadStream;
  /** Shown before the run's own title, e.g. `compare 2/4` (one run of several). */
  title?: string | undefined;
  /** Plain mode: end on the one-line verdict instead of the whole summary. */
  brief?: boolean | undefined;
}

interface RunAppProps {
  run: LiveRun;
  title: string | undefined;
  color: boolean;
  captureKeys: boolean;
  stopping: boolean;
}

/** The dashboard as an Ink app that exits (leaving its final frame) once the run settles. */
function RunApp(props: RunAppProps): ReactElement {
  const { exit } = useApp();
  const forceQuit = (): void => {
    exit();
    quitNow();
  };
  return createElement(LiveDashboard, { ...props, onSettled: () => exit(), onForceQuit: forceQuit });
}

async function renderDashboard(run: LiveRun, options: RenderRunOptions): Promise<RunResult> {
  const stdin = options.stdin ?? process.stdin;
  const captureKeys = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  const props: RunAppProps = { run, title: options.title, color: options.color, captureKeys, stopping: false };
  const output = watchLineEnd(options.stdout ?? process.stdout);
  const instance = render(createElement(RunApp, props), {
    stdout: output.stream,
    stdin,
    exitOnCtrlC: false,
    // Leave the global console alone: a run's code must not log while the frame is up.
    patchConsole: false,
  });
  // Without raw mode the terminal turns Ctrl-C into SIGINT; handle it the same way.
  const stopListening = captureKeys
    ? () => undefined
    : onInterrupt(() => {
        run.abort();
        instance.rerender(createElement(RunApp, { ...props, stopping: true }));
      });
  try {
    await instance.waitUntilExit();
  } finally {
    stopListening();
    // A final frame as tall as the terminal leaves its last line open.
    output.endLine();
  }
  return run.result;
}

/**
 * Shows a run until it settles and resolves to its RunResult (rejects if the run does).
 *
 * - `dashboard`: an Ink frame redrawn from `run.snapshot()` at ~10 Hz; when the result arrives,
 *   the final frame (checks table + verdict) is drawn and left on screen. Ctrl-C calls
 *   `run.abort()` and the partial result is shown; a second Ctrl-C quits at once.
 * - `plain`: a start line, progress lines at most every ~1 s, then the plain-text summary;
 *   SIGINT calls `run.abort()` (the listener is removed afterwards).
 */
export async function renderRun(run: LiveRun, options: RenderRunOptions): Promise<RunResult> {
  if (options.mode === 'dashboard') return renderDashboard(run, options);
  return renderPlain(run, { color: options.color, stdout: options.stdout ?? process.stdout, title: options.title, brief: options.brief });
}
