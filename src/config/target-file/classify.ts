// What a reply of the service comes to, by the operation's outcome rules: the first rule whose
// every condition holds names it; a reply no rule matches is `unknown`. Pure, and cheap per reply:
// the body is parsed as JSON only when a rule asks for JSON, at most once.
import { isDeepStrictEqual } from 'node:util';
import { resolvePointer } from './json-pointer.js';
import type { OutcomeName, OutcomeRule } from './types.js';

/** A reply as the classifier sees it. */
export interface HttpReply {
  status: number;
  body: string;
}

/** The first rule's `is` that `reply` matches, or `unknown` when none does. */
export function classify<Is extends OutcomeName>(rules: readonly OutcomeRule<Is>[], reply: HttpReply): Is | 'unknown' {
  return rules[matchingRule(rules, reply)]?.is ?? 'unknown';
}

/** The index of the first rule `reply` matches, or -1 when none does. */
export function matchingRule(rules: readonly OutcomeRule[], reply: HttpReply): number {
  let parsed: { value: unknown } | undefined;
  const json = (): unknown => {
    if (parsed === undefined) {
      try {
        parsed = { value: JSON.parse(reply.body) };
      } catch {
        parsed = { value: NOT_JSON };
      }
    }
    return parsed.value;
  };
  return rules.findIndex((rule) => matches(rule, reply, json));
}

/** What a body that is not JSON parses to: no pointer finds anything in it. */
const NOT_JSON = Symbol('not JSON');

function matches(rule: OutcomeRule, reply: HttpReply, json: () => unknown): boolean {
  if (!rule.status.some((status) => (typeof status === 'number' ? status === reply.status : Math.floor(reply.status / 100) === Number(status[0])))) {
    return false;
  }
  if (rule.body !== undefined && !reply.body.includes(rule.body)) return false;
  if (rule.bodyMatches !== undefined && !compiled(rule.bodyMatches).test(reply.body)) return false;
  if (rule.json !== undefined) {
    const document = json();
    if (document === NOT_JSON) return false;
    for (const [pointer, expected] of Object.entries(rule.json)) {
      const found = resolvePointer(document, pointer);
      if (found === undefined || !isDeepStrictEqual(found, expected)) return false;
    }
  }
  return true;
}

const regExps = new Map<string, RegExp>();

/** A rule's regular expression, compiled once (no flags: test() then keeps no state). */
function compiled(source: string): RegExp {
  let regExp = regExps.get(source);
  if (regExp === undefined) {
    regExp = new RegExp(source);
    regExps.set(source, regExp);
  }
  return regExp;
}
