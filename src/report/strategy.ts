// What a run says about its strategy: how its guards worked (lock traffic, where repeat buyers
// were turned away) and the report's two lines on what the strategy does and why it held or failed,
// in words for the summary and as the report's strategy and guards sections.
import { STRATEGY_INFO } from '../config/strategies.js';
import type { StrategyName } from '../config/strategies.js';
import type { GuardCounts, RunResult } from '../result.js';
import { capitalize, failedChecks, formatCount } from './format.js';
import { mdTable } from './md-table.js';

/** `2,000 locks granted of 2,000 asked · 26,519 tries · 0 rejected before the lock`; undefined without lock traffic. */
export function lockSentence(guards: GuardCounts): string | undefined {
  if (guards.lockRequests === 0 && guards.rejectedBeforeLock === 0) return undefined;
  return (
    `${formatCount(guards.locksGranted)} locks granted of ${formatCount(guards.lockRequests)} asked · ` +
    `${formatCount(guards.lockTries)} tries · ${formatCount(guards.rejectedBeforeLock)} rejected before the lock` +
    (guards.staleRefused > 0 ? ` · ${formatCount(guards.staleRefused)} stale steps refused by a fence` : '')
  );
}

/** `duplicates caught by: recheck 1,900, ledger 3`; undefined when there were none. */
export function duplicatesSentence(guards: GuardCounts): string | undefined {
  const entries = Object.entries(guards.duplicatesBy).filter(([, count]) => count > 0);
  if (entries.length === 0) return undefined;
  return `duplicates caught by: ${entries.map(([guard, count]) => `${guard} ${formatCount(count)}`).join(', ')}`;
}

/**
 * Two lines for the report: what the strategy does, then why it held, or which checks failed and
 * the mechanism behind them.
 */
export function strategyLines(result: RunResult): [does: string, verdict: string] {
  const known = STRATEGY_INFO[result.strategy as StrategyName];
  // A cancelling workload is judged by the strategy's cancel; the rest by its purchase.
  const info = known && (result.latency.cancel !== undefined ? known.cancel : known);
  const does = info ? `\`${result.strategy}\` ${info.does}` : `\`${result.strategy}\`: no description.`;
  if (result.inconclusive !== undefined) return [does, `Inconclusive: ${result.inconclusive}.`];
  const failed = failedChecks(result.checks);
  if (failed.length === 0) return [does, `Every check held: ${info?.holds ?? 'every invariant was read back intact.'}`];
  const what = failed.map((check) => `${check.name}: ${check.detail}`).join('; ');
  return [does, `${what}. Why: ${info?.fails ?? 'see the checks.'}`];
}

/** The report's strategy section: what it does, and why it held or failed. */
export function strategySection(result: RunResult): string {
  const [does, verdict] = strategyLines(result);
  return `- **What it does:** ${does}\n- **${result.ok ? 'Why it held' : 'Why it failed'}:** ${verdict}`;
}

/** The report's guards section: lock traffic and where duplicates were caught, as a table and in words. */
export function guardsSection(result: RunResult): string {
  const { guards } = result;
  const rows: [string, number][] = [
    ['lock acquisitions asked', guards.lockRequests],
    ['lock acquisitions granted', guards.locksGranted],
    ['lock tries (Redis round trips, retries included)', guards.lockTries],
    ['rejected before the lock', guards.rejectedBeforeLock],
    ...(guards.staleRefused > 0 ? [['stale steps refused by a fence (older token)', guards.staleRefused] as [string, number]] : []),
    ...Object.entries(guards.duplicatesBy).map(([guard, count]): [string, number] => [`duplicates caught by ${guard}`, count]),
  ];
  const table = mdTable(['Guard', 'Count'], rows.map(([label, count]) => [label, formatCount(count)]));
  const summary = [lockSentence(guards), duplicatesSentence(guards)].filter((line) => line !== undefined);
  return summary.length > 0 ? `${table}\n\n${summary.map((line) => `${capitalize(line)}.`).join(' ')}` : table;
}
