// The baseline a run is compared with: its run in --baseline FILE (config/baseline-file.ts, matched
// by config/baseline-match.ts) and its limits, --max-regression SPEC (config/regressions.ts).
// --max-regression alone is a problem: it has nothing to measure against.
import { readBaselineFile } from './baseline-file.js';
import type { BaselineRun } from './baseline-file.js';
import { baselineOfRun, matchBaseline } from './baseline-match.js';
import type { BaselineKey } from './baseline-match.js';
import { parseMaxRegression } from './regressions.js';
import type { RegressionContext, RegressionLimit } from './regressions.js';

export type { BaselineRun } from './baseline-file.js';
export type { BaselineKey } from './baseline-match.js';

/** A run's baseline and its limits (none: the comparison is shown, nothing fails for it). */
export interface BaselineConfig {
  run: BaselineRun;
  limits: readonly RegressionLimit[];
}

/** The --baseline flags, and for a compared run which it is (then a file with none of it is no problem: no baseline). */
export interface BaselineFlags {
  /** --baseline FILE: a previous run's or comparison's result JSON to compare with. */
  baseline?: string;
  /** --max-regression SPEC, e.g. p99=20%,throughput=10%: limits against the baseline. */
  maxRegression?: string;
  /**
   * compare: this run is one of several, found in the file by its strategy and write mode or, a
   * --targets run, by its service's name; a file with none of it gives it no baseline (no problem).
   */
  compared?: { service?: string };
}

/** The baseline the flags ask for, or undefined (none asked, none for this compared run, or a problem). */
export function buildBaseline(flags: BaselineFlags, context: RegressionContext & { strategy: string }, problems: string[]): BaselineConfig | undefined {
  const { baseline, maxRegression, compared } = flags;
  const limits = maxRegression === undefined ? [] : parseMaxRegression(maxRegression, context, problems);
  if (baseline === undefined) {
    if (maxRegression !== undefined) problems.push('--max-regression needs --baseline FILE: the run to measure the regression against');
    return undefined;
  }
  const source = readBaselineFile(baseline, context.scenario, problems);
  if (source === undefined) return undefined;
  const key: BaselineKey = compared?.service === undefined ? { kind: 'engine', strategy: context.strategy, write: context.write } : { kind: 'target', name: compared.service };
  const run = compared === undefined ? baselineOfRun(source, key, problems) : matchBaseline(source.runs, key);
  return run === undefined ? undefined : { run, limits };
}
