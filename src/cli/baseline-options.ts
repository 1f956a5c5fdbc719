// --baseline FILE and --max-regression SPEC, which `run` and `compare` share: declared once, each
// command saying what its FILE may be.
import type { Argv } from 'yargs';
import { REGRESSION_STATS } from '../config/regressions.js';

/** The flags as yargs parses them. */
export interface BaselineArgs {
  baseline?: string;
  maxRegression?: string;
}

/** Adds --baseline (`file`: what it may be) and --max-regression to a command. */
export function withBaselineOptions<T>(yargs: Argv<T>, file: string): Argv<T & BaselineArgs> {
  return yargs
    .option('baseline', { type: 'string', describe: `${file} to show each figure beside, with the change` })
    .option('max-regression', {
      type: 'string',
      describe: `fail a run when it falls behind its --baseline by more than this: KEY=N%,… with KEY a latency STAT (${REGRESSION_STATS.join(' ')}) of every operation or OPERATION.STAT, throughput (may shrink by N%), errors.rate (may rise by N points), lag.STAT (writing behind); e.g. p99=20%,throughput=10%`,
    }) as Argv<T & BaselineArgs>;
}
