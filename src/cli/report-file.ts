// The markdown report `run` and `compare` write when they end (--report): proved writable before
// any load is sent, then written once the result is out, so that even a report that fails at the
// end (a full disk) costs one line, never the result.
import { join } from 'node:path';
import { OutputError } from '../errors.js';
import { REPORTS_DIR } from '../report/paths.js';
import type { WrittenReport } from '../report/paths.js';
import { EXIT, errorLines, exitCodeFor } from './exit-codes.js';
import { fsReason, probeOutputFile } from './output-file.js';

/** `--report r.md`, or `--report (reports/)` for the default path. */
function label(report: string | true): string {
  return report === true ? `--report (${REPORTS_DIR}/)` : `--report ${report}`;
}

/**
 * Proves the report can be written (a bare --report: that a file can be created in the default
 * folder, the name being the run's own); throws a UsageError (exit 2) naming the path and why not.
 */
export async function probeReport(report: string | true): Promise<void> {
  await probeOutputFile(label(report), report === true ? join(REPORTS_DIR, `.ticketsim-probe-${process.pid}.md`) : report);
}

/** `r.md`, or `r.md (replaced the file that was there)`. */
export function describeWritten({ path, replaced }: WrittenReport): string {
  return replaced ? `${path} (replaced the file that was there)` : path;
}

/**
 * Writes the report after the result was printed and says where on stderr. When that fails, says
 * so in one line and resolves to the exit code: the verdict's when the run did not pass (it says
 * more), else 3. Otherwise resolves to `verdict`.
 */
export async function saveReport(report: string | true, write: () => Promise<WrittenReport>, verdict: number): Promise<number> {
  try {
    process.stderr.write(`report written to ${describeWritten(await write())}\n`);
    return verdict;
  } catch (error) {
    const failure = new OutputError(`${label(report)}: the report could not be written after the run (${fsReason(error)}); only the printed result remains`, { cause: error });
    for (const line of errorLines(failure)) process.stderr.write(`${line}\n`);
    return verdict === EXIT.ok ? exitCodeFor(failure) : verdict;
  }
}
