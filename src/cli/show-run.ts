// Starts one run and shows it the way the command line asked: the result JSON only (--json), the
// live dashboard on a terminal, or plain lines. SIGTERM and SIGHUP stop it like Ctrl-C. Shared by
// `run` and `compare` (which shows each of its runs in turn, titled with its place in the comparison).
import type { Config } from '../config/config.js';
import type { RunMetrics } from '../metrics/run-metrics.js';
import type { RunResult } from '../result.js';
import { httpTargetOpener } from './target-option.js';
import type { LoadedTarget } from './target-option.js';

/** How `compare` presents one of its runs. */
export interface ShowRunOptions {
  /** Shown before the run's own title, e.g. `compare 2/4`. */
  title?: string;
  /** End on a one-line verdict instead of the whole summary (plain mode). */
  brief?: boolean;
  /** Don't print the result JSON (the caller prints all results at once). */
  quietJson?: boolean;
  /** Drive this service (a loaded --target file) instead of the built-in engine. */
  target?: LoadedTarget;
  /** Count the run into these Prometheus metrics (--metrics-port). */
  metrics?: RunMetrics;
}

/** Runs `config` to the end (or until stopped) and resolves to its result. */
export async function showRun(config: Config, options: ShowRunOptions): Promise<RunResult> {
  const [{ startRun }, { workerLauncher }] = await Promise.all([import('../runner/run.js'), import('./workers.js')]);
  const { target } = options;
  const run = startRun(config, workerLauncher(config.services), target === undefined ? undefined : httpTargetOpener(target));
  options.metrics?.watch(run, { scenario: config.run.scenario, strategy: target?.file.name ?? config.run.strategy, write: config.run.write.mode });
  // SIGTERM (a supervisor, `kill`) and SIGHUP (the terminal went away) stop a run like Ctrl-C:
  // in-flight attempts finish, the workers it started are stopped and its topics deleted, the
  // checks run on what happened.
  const stop = () => run.abort();
  const stopSignals = ['SIGTERM', 'SIGHUP'] as const;
  for (const signal of stopSignals) process.on(signal, stop);
  try {
    if (config.run.json) {
      // Ctrl-C as in the dashboard: the first stops the run, a second quits at once.
      const { onInterrupt } = await import('../ui/interrupt.js');
      const stopListening = onInterrupt(stop);
      const result = await run.result.finally(stopListening);
      if (options.quietJson !== true) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return result;
    }
    // Loaded only when drawing: --json runs skip React and Ink entirely.
    const [{ chooseRenderMode }, { renderRun }] = await Promise.all([import('../ui/render-mode.js'), import('../ui/render-run.js')]);
    return await renderRun(run, { ...chooseRenderMode(process.env, process.stdout), title: options.title, brief: options.brief });
  } finally {
    for (const signal of stopSignals) process.off(signal, stop);
  }
}
