// Interactive mode: a keyboard-only loop of menu → live dashboard → after-run actions (run again,
// change parameters, export the report, quit). All state lives here; frames come from components,
// drawn at the terminal's size.
import { Box, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { LiveRun, RunResult, RunSnapshot } from '../result.js';
import { AFTER_ACTIONS, AFTER_KEYS, AfterRunBar, type AfterAction } from './components/AfterRunBar.js';
import { Dashboard } from './components/Dashboard.js';
import { RunMenu } from './components/RunMenu.js';
import { LiveDashboard, type RunOutcome } from './LiveDashboard.js';
import { invalidParams, menuKey, type MenuChoices, type MenuState, type RunParams } from './menu-state.js';
import { dashboardFrame, useTerminalSize } from './terminal-size.js';

/** Lines the after-run bar takes under the dashboard: the actions and a notice. */
const AFTER_BAR_LINES = 2;

/** What interactive mode needs from its caller: defaults, the choices, and how to run and export. */
export interface InteractiveDeps extends MenuChoices {
  defaults: RunParams;
  startRun(params: RunParams): LiveRun | Promise<LiveRun>;
  /** Writes the markdown report of a run; resolves to the path written. */
  exportReport(result: RunResult): Promise<string>;
}

/** Props of {@link InteractiveApp}. */
export interface InteractiveAppProps extends InteractiveDeps {
  color: boolean;
  /** The user chose quit. */
  onQuit: () => void;
  /** A second Ctrl-C while a run was stopping. */
  onForceQuit: () => void;
}

type Screen =
  | { kind: 'menu'; notice?: string }
  | { kind: 'starting' }
  | { kind: 'running'; run: LiveRun; stopping: boolean }
  | AfterScreen;

interface AfterScreen {
  kind: 'after';
  result: RunResult;
  snapshot: RunSnapshot;
  notice?: string;
}

/** An error's message, with its hint (e.g. `docker compose up -d`) when it carries one. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = (error as { hint?: unknown } | null)?.hint;
  return typeof hint === 'string' ? `${message} (${hint})` : message;
}

/** Everything the app shows: the menu's state, the screen, and the selected after-run action. */
interface View {
  menu: MenuState;
  screen: Screen;
  action: number;
}

/** The interactive app: menu, live dashboard while running, then the after-run actions. */
export function InteractiveApp(props: InteractiveAppProps): React.JSX.Element {
  const { color } = props;
  const terminal = useTerminalSize();
  const [view, setView] = useState<View>({ menu: { params: props.defaults, row: 0, typing: false }, screen: { kind: 'menu' }, action: 0 });
  // Key handlers and async callbacks read and write the latest view through this ref, so a key
  // that arrives before React re-subscribes the input handler never acts on a stale view.
  const latest = useRef(view);
  const update = (patch: Partial<View>): void => {
    latest.current = { ...latest.current, ...patch };
    setView(latest.current);
  };
  const setScreen = (screen: Screen): void => update({ screen });

  const start = (): void => {
    const { params } = latest.current.menu;
    const invalid = invalidParams(params);
    if (invalid) {
      setScreen({ kind: 'menu', notice: invalid });
      return;
    }
    setScreen({ kind: 'starting' });
    Promise.resolve()
      .then(() => props.startRun(params))
      .then(
        (run) => setScreen({ kind: 'running', run, stopping: false }),
        (error: unknown) => setScreen({ kind: 'menu', notice: `could not start: ${describe(error)}` }),
      );
  };

  const settled = (outcome: RunOutcome): void => {
    if ('error' in outcome) setScreen({ kind: 'menu', notice: `run failed: ${describe(outcome.error)}` });
    else setScreen({ kind: 'after', result: outcome.result, snapshot: outcome.snapshot });
  };

  const act = (chosen: AfterAction, after: AfterScreen): void => {
    if (chosen === 'run again') start();
    else if (chosen === 'change parameters') setScreen({ kind: 'menu' });
    else if (chosen === 'quit') props.onQuit();
    else {
      setScreen({ ...after, notice: 'exporting the report…' });
      props.exportReport(after.result).then(
        (path) => setScreen({ ...after, notice: `report written: ${path}` }),
        (error: unknown) => setScreen({ ...after, notice: `export failed: ${describe(error)}` }),
      );
    }
  };

  // One always-active handler owns every key (Ctrl-C during a run included), so no key is lost
  // while React re-subscribes handlers on a screen change.
  useInput((input, key) => {
    const { menu, screen, action } = latest.current;
    const ctrlC = key.ctrl && input === 'c';
    if (screen.kind === 'menu') {
      const next = menuKey(menu, props, input, key);
      update({ menu: next.state });
      if (next.command === 'run') start();
      if (next.command === 'quit') props.onQuit();
    } else if (screen.kind === 'after') {
      const shortcut = AFTER_KEYS[input] ?? (key.escape || ctrlC ? 'quit' : undefined);
      if (key.leftArrow) update({ action: (action - 1 + AFTER_ACTIONS.length) % AFTER_ACTIONS.length });
      else if (key.rightArrow || key.tab) update({ action: (action + 1) % AFTER_ACTIONS.length });
      else if (shortcut) act(shortcut, screen);
      else if (key.return) act(AFTER_ACTIONS[action]!, screen);
    } else if (ctrlC && screen.kind === 'starting') {
      props.onQuit();
    } else if (ctrlC && screen.kind === 'running') {
      if (screen.stopping) props.onForceQuit();
      else {
        screen.run.abort();
        setScreen({ ...screen, stopping: true });
      }
    }
  });

  const { screen } = view;
  if (screen.kind === 'running') {
    return (
      <LiveDashboard run={screen.run} color={color} captureKeys={false} stopping={screen.stopping} onSettled={settled} onForceQuit={props.onForceQuit} />
    );
  }
  if (screen.kind === 'after') {
    const frame = dashboardFrame(terminal, AFTER_BAR_LINES);
    return (
      <Box flexDirection="column">
        <Dashboard snapshot={screen.snapshot} result={screen.result} color={color} width={frame.width} height={frame.height} />
        <AfterRunBar selected={view.action} notice={screen.notice} color={color} />
      </Box>
    );
  }
  const notice = screen.kind === 'starting' ? 'starting the run: connecting…' : screen.notice;
  return <RunMenu menu={view.menu} choices={props} notice={notice} color={color} />;
}
