// How `explore` and `replay` end: the result as text or JSON on stdout, then the markdown report if
// asked for; resolves to the exit code (the verdict's, unless the report could not be written).
import type { ExploreResult, ScheduleReport } from '../result.js';
import { VERSION } from '../version.js';
import { saveReport } from './report-file.js';

/** Prints a search's result or a replayed schedule, writes its report, and resolves to the exit code. */
export async function printExplored(explored: ExploreResult | ScheduleReport, { json, report, verdict }: { json: boolean; report: string | true | undefined; verdict: number }): Promise<number> {
  const [{ formatExplore, formatReplay }, { chooseRenderMode }] = await Promise.all([import('../report/explore-text.js'), import('../ui/render-mode.js')]);
  if (json) process.stdout.write(`${JSON.stringify(explored, null, 2)}\n`);
  else {
    const { color } = chooseRenderMode(process.env, process.stdout);
    process.stdout.write('search' in explored ? formatExplore(explored, color) : formatReplay(explored, color));
  }
  if (report === undefined) return verdict;
  const { writeExploreReport } = await import('../report/paths.js');
  return saveReport(report, () => writeExploreReport(explored, report, { generatedAt: new Date(), version: VERSION }), verdict);
}
