// How to show output, from the environment alone: the live dashboard or plain lines, with colour
// or without. Apart from the renderers, so that a command printing text (explore, compare,
// selftest) asks without loading Ink and React.

/** `dashboard`: the live Ink frame; `plain`: lines only, no cursor movement. */
export type RenderMode = 'dashboard' | 'plain';

/** How to show a run. */
export interface RenderChoice {
  mode: RenderMode;
  color: boolean;
}

/**
 * Picks the render mode from the environment: the dashboard only when stdout is a TTY, `CI` is
 * not set to a true value, `NO_COLOR` is not set and `TERM` is not `dumb`; colour unless `NO_COLOR`
 * is set (to any value) or stdout is not a TTY.
 */
export function chooseRenderMode(env: Readonly<Record<string, string | undefined>>, stdout: { isTTY?: boolean }): RenderChoice {
  const tty = stdout.isTTY === true;
  const ci = env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase());
  const noColor = env.NO_COLOR !== undefined;
  return { mode: tty && !ci && !noColor && env.TERM !== 'dumb' ? 'dashboard' : 'plain', color: tty && !noColor };
}
