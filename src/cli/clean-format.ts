// Pure text rendering of `ticketsim clean`: what it looked for, a table of the runs it takes (what
// each left in every store) with totals, the runs it kept, the services it skipped or that failed,
// and what it deleted.
import type { CleanReport } from '../engine/leftovers/clean.js';
import type { Totals } from '../engine/leftovers/plan.js';
import { alignColumns, formatCount } from '../report/format.js';

/** `1 fence row`, `3,000 purchases rows`. */
function counted(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** `2025-12-01 13:02:11` of an ISO 8601 time (UTC). */
function utc(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

/** A run's age, two units at most: `45s`, `12m`, `4h 12m`, `3d 2h`. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const parts: [number, string][] = [
    [Math.floor(seconds / 86_400), 'd'],
    [Math.floor(seconds / 3600) % 24, 'h'],
    [Math.floor(seconds / 60) % 60, 'm'],
    [seconds % 60, 's'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return '0s';
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join(' ');
}

/** The counts of a totals row, in the table's column order. */
function countCells(totals: Omit<Totals, 'runs'>): string[] {
  return [totals.redisKeys, totals.mysqlRows, totals.fenceRows, totals.tables, totals.topics, totals.groups].map(formatCount);
}

/** The whole listing, then what was deleted; `nowMs` is the time clean's ages were taken at. */
export function formatClean(report: CleanReport, nowMs: number): string {
  const only = report.only === undefined ? '' : ` · only runs ${report.only.join(', ')}`;
  const before = `${utc(report.cutoff)} UTC`;
  const when = Number.parseInt(report.olderThan, 10) === 0 ? `before ${before}` : `over ${report.olderThan} ago (before ${before})`;
  const lines = [`ticketsim clean · runs that started ${when}${only}${report.dryRun ? ' · dry run' : ''}`];
  if (report.runs.length === 0) lines.push(`nothing to clean: no such run left anything in ${reachedText(report)}`);
  else {
    const header = ['run id', 'started (UTC)', 'age', 'redis keys', 'mysql rows', 'fence rows', 'tables', 'topics', 'groups'];
    const rows = report.runs.map((run) => [run.runId, utc(run.startedAt), formatAge(nowMs - Date.parse(run.startedAt)), ...countCells({ ...run, redisKeys: run.redisKeys.length, tables: run.tables.length, topics: run.topics.length, groups: run.groups.length })]);
    const total = [counted(report.totals.runs, 'run'), '', '', ...countCells(report.totals)];
    lines.push(...alignColumns([header, ...rows, total], ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  }
  if (report.inUse > 0) lines.push(`kept: ${counted(report.inUse, 'run')} still going on (a consumer group of ${report.inUse === 1 ? 'its' : 'theirs'} has a live member: a server or a run writing behind); stop ${report.inUse === 1 ? 'it' : 'them'} first`);
  if (report.younger > 0) lines.push(`kept: ${counted(report.younger, 'run')} that started within ${report.olderThan} (--older-than 0s takes ${report.younger === 1 ? 'it' : 'them'} too)`);
  for (const service of report.services) {
    if (service.status === 'unreachable') lines.push(`${service.service} at ${service.address}: ${service.error}; skipped`);
    if (service.status === 'failed') lines.push(`${service.service} at ${service.address}: failed: ${service.error}`);
  }
  const { deleted } = report;
  if (deleted === undefined) lines.push(report.runs.length === 0 ? 'dry run: nothing to delete' : 'dry run: nothing deleted (without --dry-run, the runs above are deleted)');
  else {
    const what = [
      counted(deleted.redisKeys, 'Redis key'),
      counted(deleted.mysqlRows, 'purchases row'),
      counted(deleted.fenceRows, 'fence row'),
      counted(deleted.tables, 'table'),
      counted(deleted.topics, 'topic'),
      counted(deleted.groups, 'group'),
    ];
    lines.push(`deleted: ${what.join(' · ')}`);
  }
  return lines.join('\n');
}

/** `redis, mysql and kafka`: the services reached. */
function reachedText(report: CleanReport): string {
  const reached = report.services.filter((service) => service.status !== 'unreachable').map((service) => service.service);
  if (reached.length === 0) return 'any store (none was reached)';
  return reached.length === 1 ? reached[0]! : `${reached.slice(0, -1).join(', ')} and ${reached.at(-1)!}`;
}
