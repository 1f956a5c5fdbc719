// What a run against someone's own service (--target) says of the service: which one, how its
// replies were read (the outcome rules, first match wins, each with the replies it matched), why
// answers were unknown, and, writing behind, how each drain ended. The report's Target section
// (where the Strategy section stands for the built-in engine) and the text summary's lines.
import type { RunResult, TargetDrain, TargetInfo } from '../result.js';
import { drainCurveMermaid, drainCurveText } from './behind.js';
import { alignColumns, formatCount, formatDuration } from './format.js';
import { mdTable } from './md-table.js';

const DRAIN_ENDS: Readonly<Record<TargetDrain['ended'], string>> = {
  'caught-up': 'caught up',
  settled: 'settled (the records stopped changing, short of the purchases acknowledged)',
  'timed-out': 'TIMED OUT',
};

/** `caught up in 420ms: 5,000 records for 5,000 acknowledged purchases`. */
export function drainSentence(drain: TargetDrain): string {
  return `${DRAIN_ENDS[drain.ended]} in ${formatDuration(drain.ms)}: ${formatCount(drain.records)} records for ${formatCount(drain.acknowledged)} acknowledged purchases`;
}

/** `3 × no answer within 300 ms; 1 × status 502 matches no outcome rule`, or `none`. */
function unknownText(target: TargetInfo): string {
  return target.unknown.length === 0 ? 'none' : target.unknown.map(({ why, count }) => `${formatCount(count)} × ${why}`).join('; ');
}

/** The text summary's lines: the replies by rule, why answers were unknown, and the drains. */
export function targetLines(target: TargetInfo): string[] {
  const rules = alignColumns(
    target.rules.map((rule) => [`  ${rule.operation}`, rule.when, `→ ${rule.is}`, formatCount(rule.count)]),
    ['l', 'l', 'l', 'r'],
  );
  const lines = [...rules, `  unknown: ${unknownText(target)}`];
  for (const [n, drain] of (target.drains ?? []).entries()) {
    lines.push(`  drain ${n + 1}: ${drainSentence(drain)}`, ...drainCurveText(drain.curve, 40).map((line) => `    ${line}`));
  }
  return lines;
}

/** The report's Target section. */
export function targetSection(result: RunResult, target: TargetInfo): string {
  const { counts } = result;
  const parts = [
    `Driven over HTTP: **${target.name}** at \`${target.baseUrl}\`, as the target file \`${target.file}\` describes. Each reply is read by the file's outcome rules, the first that matches wins; a reply none matches, a timeout or a broken connection is *unknown* (it may or may not have taken effect).`,
    mdTable(['Operation', 'When the reply has', 'It is', 'Replies'], target.rules.map((rule) => [rule.operation, rule.when, rule.is, formatCount(rule.count)])),
    `Unknown answers: ${formatCount(counts.unknown)}${target.unknown.length === 0 ? '' : ` (${unknownText(target)})`} · rejected (refused without effect): ${formatCount(counts.rejected)}. The checks read the service's records, stock counter and buyer index where the Data section says (each check's own reads are in the Checks section); a check whose data the file does not map is skipped, never passed.`,
  ];
  for (const [n, drain] of (target.drains ?? []).entries()) {
    const title = `Drain ${n + 1}: records read back over time`;
    parts.push(`**Drain ${n + 1}** (the service writes behind): ${drainSentence(drain)}.`, drainCurveMermaid(drain.curve, title, 'the drain began'), ['```text', ...drainCurveText(drain.curve, 60), '```'].join('\n'));
  }
  return parts.join('\n\n');
}
