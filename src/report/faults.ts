// What a run's faults (--fault) did, in words: the dashboard's live line, the summary's lines and
// the report's section, which also says why the strategy held or failed under them. Pure functions
// of the result (or snapshot).
import type { FaultRecord, RunResult, RunSnapshot } from '../result.js';
import { formatCount, formatDuration } from './format.js';
import { mdTable } from './md-table.js';

/** `faults: pause-holder ×2 (a lock holder that found 1 seat left stalls 3 s) · kill-worker ×1`. */
export function faultsLiveLine(faults: NonNullable<RunSnapshot['faults']>): string {
  return `faults: ${faults.map((fault) => `${fault.name} ×${fault.fired}${fault.last === undefined ? '' : ` (${fault.last})`}`).join(' · ')}`;
}

/** `  at 1.2s  SIGKILL pid 4242 with 310 records not yet committed…` for each firing. */
function eventLines(fault: FaultRecord): string[] {
  return fault.events.map((event) => `at ${formatDuration(event.atMs)}  ${event.what}`);
}

/** The summary's lines: each fault, what it did, and its firings. */
export function faultLines(result: RunResult): string[] {
  return (result.faults ?? []).flatMap((fault) => [`  ${fault.spec}: ${fault.summary}`, ...eventLines(fault).map((line) => `    ${line}`)]);
}

/**
 * Why the strategy's promises held or broke under the faults: for a stalled lock holder, the
 * mechanism (a lock's TTL is a lease, not a guarantee; fencing tokens make the storage enforce it).
 */
export function faultVerdict(result: RunResult): string | undefined {
  const pause = result.faults?.find((fault) => fault.name === 'pause-holder' && fault.fired > 0);
  if (pause === undefined) return undefined;
  const failed = result.checks.filter((check) => !check.ok).map((check) => `\`${check.name}\``);
  const refused = result.guards.staleRefused;
  if (failed.length > 0) {
    return (
      `A lock holder stalled past the lock's TTL, the lock expired under it and the next buyer took it; when the stalled holder ` +
      `woke up it acted on checks made before the stall (the stock it had read, the buyer it had looked up) and wrote anyway: ` +
      `${failed.join(', ')} caught it. A lock's TTL is a lease, not a guarantee: nothing stops a holder that outlived it.`
    );
  }
  if (refused > 0) {
    return (
      `Every holder took a fencing token (Redis INCR per sale) with the lock, and the stores refused any step carrying an ` +
      `older token than one they had already seen: ${formatCount(refused)} stale step${refused === 1 ? ' was' : 's were'} refused, ` +
      `and each refused purchase took the lock again and re-read the sale. A stall past the TTL cost time, not correctness.`
    );
  }
  return 'Lock holders stalled past the TTL, yet no second holder acted on stale checks in this run: every check held.';
}

/** The report's section: a table of the faults, their firings, and what they did to the verdict. */
export function faultsSection(result: RunResult): string {
  const faults = result.faults ?? [];
  if (faults.length === 0) return 'No fault was injected (`--fault` adds one).';
  const table = mdTable(
    ['fault', 'fired', 'what it did'],
    faults.map((fault) => [`\`${fault.spec}\``, formatCount(fault.fired), fault.summary]),
  );
  const firings = faults
    .filter((fault) => fault.events.length > 0)
    .map((fault) => `**${fault.name}**\n\n${eventLines(fault).map((line) => `- ${line}`).join('\n')}${fault.fired > fault.events.length ? `\n- … ${formatCount(fault.fired - fault.events.length)} more` : ''}`);
  const verdict = faultVerdict(result);
  return [table, ...firings, ...(verdict === undefined ? [] : [verdict])].join('\n\n');
}
