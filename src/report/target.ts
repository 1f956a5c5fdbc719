// The report's Target section, for a run against someone's own service (--target): which service,
// how its replies were read (the outcome rules, first match wins), how many answers said nothing of
// what happened, and where the checks read its data. It stands where the Strategy section stands
// for the built-in engine.
import type { RunResult, TargetInfo } from '../result.js';
import { formatCount } from './format.js';
import { mdTable } from './md-table.js';

/** The section's markdown. */
export function targetSection(result: RunResult, target: TargetInfo): string {
  const { counts } = result;
  return [
    `Driven over HTTP: **${target.name}** at \`${target.baseUrl}\`, as the target file \`${target.file}\` describes. Each reply is read by the file's outcome rules, the first that matches wins; a reply none matches, a timeout or a broken connection is *unknown* (it may or may not have taken effect).`,
    mdTable(['Operation', 'When the reply has', 'It is'], target.rules.map((rule) => [rule.operation, rule.when, rule.is])),
    `Unknown answers: ${formatCount(counts.unknown)} · rejected (refused without effect): ${formatCount(counts.rejected)}. The checks read the service's records, stock counter and buyer index where the Data section says; a check whose data the file does not map is skipped, never passed.`,
  ].join('\n\n');
}
