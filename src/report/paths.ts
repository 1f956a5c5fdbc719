// Where a markdown report goes (`reports/<scenario>-<strategy>-<timestamp>.md` by default, a
// comparison's `reports/compare-<scenario>-<timestamp>.md`) and writing it there, creating the folder.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Comparison, ExploreResult, RunResult, ScheduleReport } from '../result.js';
import { renderComparisonReport } from './compare-markdown.js';
import { renderExploreReport, renderReplayReport } from './explore-markdown.js';
import { renderMarkdownReport, type ReportMeta } from './markdown.js';

/** The folder default reports go to, relative to the working directory. */
export const REPORTS_DIR = 'reports';

/** A timestamp safe in file names on every OS: `2025-03-14T09-26-53Z`. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
}

/** Keeps a name to letters, digits, `.`, `_` and `-`. */
function safeName(name: string): string {
  return name.replaceAll(/[^A-Za-z0-9._-]+/g, '_');
}

/**
 * The default report path of a run, `reports/<scenario>-<strategy>-<timestamp>.md`, stamped with
 * the run's start time (so exporting one run twice writes one file), or `fallback` if that is unreadable.
 */
export function defaultReportPath(result: RunResult, fallback: Date = new Date()): string {
  const started = new Date(result.startedAt);
  const stamp = fileTimestamp(Number.isNaN(started.getTime()) ? fallback : started);
  return `${REPORTS_DIR}/${safeName(result.scenario)}-${safeName(result.strategy)}-${stamp}.md`;
}

/** Where a report went, and whether it replaced a file that was there. */
export interface WrittenReport {
  path: string;
  replaced: boolean;
}

/**
 * Renders the markdown report and writes it to `path`, or to {@link defaultReportPath} when
 * `path` is `true` (a bare `--report`). Creates the folder. Resolves to the path written, as given
 * (relative paths stay relative to the working directory), and whether it replaced a file.
 */
export async function writeReport(result: RunResult, path: string | true, meta: ReportMeta): Promise<WrittenReport> {
  return writeMarkdown(path === true ? defaultReportPath(result, meta.generatedAt) : path, renderMarkdownReport(result, meta));
}

/**
 * Writes a comparison's report to `path`, or to `reports/compare-<scenario>-<timestamp>.md` when
 * `path` is `true`. Resolves to the path written, and whether it replaced a file.
 */
export async function writeComparisonReport(comparison: Comparison, results: readonly RunResult[], path: string | true, meta: ReportMeta): Promise<WrittenReport> {
  const target = path === true ? `${REPORTS_DIR}/compare-${safeName(comparison.scenario)}-${fileTimestamp(meta.generatedAt)}.md` : path;
  return writeMarkdown(target, renderComparisonReport(comparison, results, meta));
}

/**
 * Writes a search's report to `path`, or to `reports/explore-<scenario>-<strategy>-<timestamp>.md`
 * when `path` is `true`; a replay's (`explored`: its schedule) to `reports/replay-…`.
 */
export async function writeExploreReport(explored: ExploreResult | ScheduleReport, path: string | true, meta: ReportMeta): Promise<WrittenReport> {
  const search = 'search' in explored;
  const { scenario, strategy } = explored.workload;
  const target = path === true ? `${REPORTS_DIR}/${search ? 'explore' : 'replay'}-${safeName(scenario)}-${safeName(strategy)}-${fileTimestamp(meta.generatedAt)}.md` : path;
  return writeMarkdown(target, search ? renderExploreReport(explored, meta) : renderReplayReport(explored, meta));
}

/** Writes `markdown` to `target`; a new file that could not be written whole is removed, not left cut short. */
async function writeMarkdown(target: string, markdown: string): Promise<WrittenReport> {
  await mkdir(dirname(target), { recursive: true });
  const existing = await stat(target).catch(() => undefined);
  await writeFile(target, markdown, 'utf8').catch(async (error: unknown) => {
    // Only a file this write created goes: never something that was there (/dev/full, say).
    if (existing === undefined) await rm(target, { force: true }).catch(() => undefined);
    throw error;
  });
  return { path: target, replaced: existing?.isFile() ?? false };
}
