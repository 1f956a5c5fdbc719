// The baseline a run is compared with: --baseline FILE (config/baseline-file.ts) and its limits,
// --max-regression SPEC (config/regressions.ts). --max-regression alone is a problem: it has
// nothing to measure against.
import { readBaseline } from './baseline-file.js';
import type { BaselineRun } from './baseline-file.js';
import { parseMaxRegression } from './regressions.js';
import type { RegressionContext, RegressionLimit } from './regressions.js';

export type { BaselineRun } from './baseline-file.js';

/** A run's baseline and its limits (none: the comparison is shown, nothing fails for it). */
export interface BaselineConfig {
  run: BaselineRun;
  limits: readonly RegressionLimit[];
}

/** The baseline the flags ask for, or undefined (none asked, or a problem). */
export function buildBaseline(flags: { baseline?: string; maxRegression?: string }, context: RegressionContext, problems: string[]): BaselineConfig | undefined {
  const { baseline, maxRegression } = flags;
  const limits = maxRegression === undefined ? [] : parseMaxRegression(maxRegression, context, problems);
  if (baseline === undefined) {
    if (maxRegression !== undefined) problems.push('--max-regression needs --baseline FILE: the run to measure the regression against');
    return undefined;
  }
  const run = readBaseline(baseline, context.scenario, problems);
  return run === undefined ? undefined : { run, limits };
}
