// The plain renderer (not a TTY, CI, NO_COLOR): no cursor movement, just lines. A start line, a
// progress line at most every ~1 s while the run lasts, then the plain-text summary.
import type { LiveRun, RunResult } from '../result.js';
import { formatProgressLine, formatStartLine, formatSummary, formatVerdictLine } from '../report/text.js';
import { onInterrupt } from './interrupt.js';

/** Options of {@link renderPlain}. */
export interface PlainOptions {
  color: boolean;
  stdout: NodeJS.WritableStream;
  /** Time between progress lines; default 1000 ms. A run shorter than this prints none. */
  progressIntervalMs?: number;
  /** Before the start line, e.g. `compare 2/4`. */
  title?: string | undefined;
  /** End on the one-line verdict instead of the whole summary. */
  brief?: boolean | undefined;
}

/**
 * Prints a run as plain lines and resolves to its result. Ctrl-C (SIGINT) calls `run.abort()` and
 * says so; the summary then shows the partial result. A second Ctrl-C quits at once. The SIGINT
 * listener is removed when the run settles.
 */
export async function renderPlain(run: LiveRun, options: PlainOptions): Promise<RunResult> {
  const { stdout, color } = options;
  const stopListening = onInterrupt(() => {
    run.abort();
    stdout.write('stopping: in-flight attempts finish, then the checks run (Ctrl-C again quits at once)\n');
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await run.connected;
    const start = run.snapshot();
    // A run that failed to connect has no infra to announce; its error says why.
    if (start.infra !== 'connecting') stdout.write(`${formatStartLine(start, { color, title: options.title })}\n`);
    timer = setInterval(() => {
      stdout.write(`${formatProgressLine(run.snapshot(), { color })}\n`);
    }, options.progressIntervalMs ?? 1000);
    const result = await run.result;
    stdout.write(options.brief === true ? `${formatVerdictLine(result, { color })}\n` : `\n${formatSummary(result, { color })}`);
    return result;
  } finally {
    clearInterval(timer);
    stopListening();
  }
}
