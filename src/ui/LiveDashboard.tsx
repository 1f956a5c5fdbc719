// The live dashboard container: pulls run.snapshot() on a ~10 Hz timer (never per request), shows
// the final frame when run.result settles, and turns Ctrl-C into run.abort() when keys are captured.
// It draws in the terminal's width and rows, following a resize.
import { useInput } from 'ink';
import { useEffect, useState } from 'react';
import type { LiveRun, RunResult, RunSnapshot } from '../result.js';
import { Dashboard } from './components/Dashboard.js';
import { dashboardFrame, useTerminalSize } from './terminal-size.js';

/** How a run ended, with the snapshot pulled after it did. */
export type RunOutcome = { result: RunResult; snapshot: RunSnapshot } | { error: unknown; snapshot: RunSnapshot };

/** How often the dashboard pulls a snapshot: 10 Hz, whatever the request rate. */
const SNAPSHOT_INTERVAL_MS = 100;

/** Props of {@link LiveDashboard}. */
export interface LiveDashboardProps {
  run: LiveRun;
  /** Shown before the run's own title, e.g. `compare 2/4`. */
  title?: string | undefined;
  color: boolean;
  /** Read Ctrl-C from stdin; only when stdin supports raw mode (otherwise SIGINT does the job). */
  captureKeys: boolean;
  /** Set when something outside (a SIGINT listener) already called run.abort(). */
  stopping?: boolean;
  /** Called once, after the final frame has been drawn. */
  onSettled: (outcome: RunOutcome) => void;
  /** A second Ctrl-C while stopping: the user wants out now. */
  onForceQuit: () => void;
}

/** Polls the run and draws {@link Dashboard} until the run settles. */
export function LiveDashboard(props: LiveDashboardProps): React.JSX.Element {
  const { run, onSettled } = props;
  const frame = dashboardFrame(useTerminalSize());
  const [snapshot, setSnapshot] = useState(() => run.snapshot());
  const [outcome, setOutcome] = useState<RunOutcome | undefined>(undefined);
  const [stopping, setStopping] = useState(false);

  useEffect(() => {
    if (outcome) return undefined;
    const timer = setInterval(() => setSnapshot(run.snapshot()), SNAPSHOT_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [run, outcome]);

  useEffect(() => {
    let live = true;
    run.result.then(
      (result) => live && setOutcome({ result, snapshot: run.snapshot() }),
      (error: unknown) => live && setOutcome({ error, snapshot: run.snapshot() }),
    );
    return () => {
      live = false;
    };
  }, [run]);

  // Once per outcome, after the final frame is committed; a new callback identity must not re-fire it.
  useEffect(() => {
    if (outcome) onSettled(outcome);
  }, [outcome]);

  useInput(
    (input, key) => {
      if (!(key.ctrl && input === 'c')) return;
      if (stopping || props.stopping) {
        props.onForceQuit();
        return;
      }
      setStopping(true);
      run.abort();
    },
    { isActive: props.captureKeys && !outcome },
  );

  const shown = outcome?.snapshot ?? snapshot;
  return (
    <Dashboard
      snapshot={shown}
      title={props.title}
      result={outcome && 'result' in outcome ? outcome.result : undefined}
      stopping={stopping || props.stopping === true}
      color={props.color}
      width={frame.width}
      height={frame.height}
    />
  );
}
