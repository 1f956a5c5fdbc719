// Where a markdown report goes (`reports/<scenario>-<strategy>-<timestamp>.md` by default, a
// comparison's `reports/compare-<scenario>-<timestamp>.md`) and writing it there, creating the folder.
import { constants } from 'node:fs';
import { access, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Comparison, RunResult } from '../result.js';
import { renderComparisonReport } from './compare-markdown.js';
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

/**
 * Makes sure a report can be written to `path` (`true`: the default folder) before any load is
 * sent: creates its folder, checks it is writable and that the path is not a folder. Resolves to
 * undefined, or to a one-line reason it cannot be written.
 */
export async function reportTargetProblem(path: string | true): Promise<string | undefined> {
  const folder = path === true ? REPORTS_DIR : dirname(path);
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
    if (path !== true && (await stat(path).catch(() => undefined))?.isDirectory()) return `${path} is a folder`;
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') return `${folder} is not a folder`;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `no permission to write in ${folder}`;
    return `cannot write to ${folder}${code ? ` (${code})` : ''}`;
  }
}

/**
 * Renders the markdown report and writes it to `path`, or to {@link defaultReportPath} when
 * `path` is `true` (a bare `--report`). Creates the folder. Resolves to the path written, as given
 * (relative paths stay relative to the working directory).
 */
export async function writeReport(result: RunResult, path: string | true, meta: ReportMeta): Promise<string> {
  return writeMarkdown(path === true ? defaultReportPath(result, meta.generatedAt) : path, renderMarkdownReport(result, meta));
}

/**
 * Writes a comparison's report to `path`, or to `reports/compare-<scenario>-<timestamp>.md` when
 * `path` is `true`. Resolves to the path written.
 */
export async function writeComparisonReport(comparison: Comparison, results: readonly RunResult[], path: string | true, meta: ReportMeta): Promise<string> {
  const target = path === true ? `${REPORTS_DIR}/compare-${safeName(comparison.scenario)}-${fileTimestamp(meta.generatedAt)}.md` : path;
  return writeMarkdown(target, renderComparisonReport(comparison, results, meta));
}

async function writeMarkdown(target: string, markdown: string): Promise<string> {
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, markdown, 'utf8');
  return target;
}
