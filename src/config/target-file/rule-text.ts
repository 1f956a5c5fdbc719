// An outcome rule as a report shows it: `status 409 and body contains "already"`.
import type { OutcomeRule } from './types.js';

/** The conditions of `rule`, in words. */
export function ruleText(rule: OutcomeRule): string {
  return [
    `status ${rule.status.join(' or ')}`,
    ...(rule.body === undefined ? [] : [`body contains ${JSON.stringify(rule.body)}`]),
    ...(rule.bodyMatches === undefined ? [] : [`body matches /${rule.bodyMatches}/`]),
    ...Object.entries(rule.json ?? {}).map(([pointer, value]) => `${pointer} = ${JSON.stringify(value)}`),
  ].join(' and ');
}
