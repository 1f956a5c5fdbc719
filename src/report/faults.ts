// What a run's faults (--fault) did, in words: the dashboard's live line, the summary's lines and
// the report's section, which also says why the strategy held or failed under them (each fault's
// verdict is in fault-verdicts.ts). Pure functions of the result (or snapshot).
import type { FaultRecord, RunResult, RunSnapshot } from '../result.js';
import { FAULT_VERDICTS } from './fault-verdicts.js';
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

/** Why the strategy's promises held or broke under the faults, each fault's verdict in turn. */
export function faultVerdict(result: RunResult): string | undefined {
  const verdicts = (result.faults ?? []).flatMap((fault) => FAULT_VERDICTS[fault.name]?.(result, fault) ?? []);
  return verdicts.length === 0 ? undefined : verdicts.join(' ');
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
