// The façade that opens interactive mode (callers never import ink): mounts the InteractiveApp
// with raw-mode keyboard input and resolves when the user quits.
import { render, useApp } from 'ink';
import { createElement, type ReactElement } from 'react';
import { InteractiveApp, type InteractiveDeps } from './interactive.js';
import { quitNow } from './interrupt.js';
import { watchLineEnd } from './line-end.js';
import { chooseRenderMode } from './render-mode.js';

export type { InteractiveDeps } from './interactive.js';
export type { RunParams, Workload } from './menu-state.js';
export { ENGINE, drivesTarget } from './menu-state.js';

/** Streams and colour for {@link runInteractive}; defaults: process streams, colour from the environment. */
export interface InteractiveOptions {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  color?: boolean;
}

function App(props: InteractiveDeps & { color: boolean }): ReactElement {
  const { exit } = useApp();
  const forceQuit = (): void => {
    exit();
    quitNow();
  };
  return createElement(InteractiveApp, { ...props, onQuit: () => exit(), onForceQuit: forceQuit });
}

/**
 * Runs interactive mode until the user quits: a keyboard menu (scenario, strategy, users, stock,
 * infra), the live dashboard while a run goes, then run again / change parameters / export the
 * report / quit. Needs a terminal: rejects at once when stdin is not a TTY with raw mode.
 */
export async function runInteractive(deps: InteractiveDeps, options: InteractiveOptions = {}): Promise<void> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  if (stdin.isTTY !== true || typeof stdin.setRawMode !== 'function') {
    throw new Error('interactive mode needs a terminal: stdin is not a TTY (use `ticketsim run <scenario>`)');
  }
  const color = options.color ?? chooseRenderMode(process.env, stdout).color;
  const output = watchLineEnd(stdout);
  const instance = render(createElement(App, { ...deps, color }), { stdout: output.stream, stdin, exitOnCtrlC: false, patchConsole: false });
  await instance.waitUntilExit();
  // A last screen as tall as the terminal leaves its last line open.
  output.endLine();
}
