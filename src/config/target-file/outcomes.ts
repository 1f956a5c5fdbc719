// Validation of an operation's outcome rules: each a status (a code, a class like "5xx", or a
// list of them) with optional conditions on the body, naming an outcome the operation may have;
// and at least one rule for the operation's success.
import { pointerProblem } from './json-pointer.js';
import { childPath, describeValue } from './problems.js';
import type { Problems } from './problems.js';
import type { JsonValue, OutcomeName, OutcomeRule, StatusClass } from './types.js';

const STATUS_CLASS = /^[1-5]xx$/;

/**
 * The rules at `path`, each naming one of `allowed`, and one of them `success` (a purchase that
 * can never be `purchased` is a mistake); undefined when anything is wrong (each problem added).
 */
export function readOutcomes<Is extends OutcomeName>(
  value: unknown,
  path: string,
  allowed: readonly Is[],
  success: Is,
  problems: Problems,
): OutcomeRule<Is>[] | undefined {
  const list = problems.list(value, path);
  if (list === undefined) return undefined;
  const before = problems.lines.length;
  const rules = list.map((item, index) => readRule(item, childPath(path, index), allowed, problems));
  if (!rules.some((rule) => rule?.is === success) && problems.lines.length === before) {
    problems.add(path, `no rule says ${success}, so no reply could ever count as ${success}`);
  }
  return problems.lines.length > before ? undefined : (rules as OutcomeRule<Is>[]);
}

function readRule<Is extends OutcomeName>(value: unknown, path: string, allowed: readonly Is[], problems: Problems): OutcomeRule<Is> | undefined {
  const record = problems.fields(value, path, 'outcomeRule');
  if (record === undefined) return undefined;
  const status = record.status === undefined ? undefined : readStatus(record.status, childPath(path, 'status'), problems);
  const is = record.is === undefined ? undefined : problems.choice(record.is, childPath(path, 'is'), allowed);
  const body = record.body === undefined ? undefined : problems.string(record.body, childPath(path, 'body'));
  const bodyMatches = record.bodyMatches === undefined ? undefined : readRegExp(record.bodyMatches, childPath(path, 'bodyMatches'), problems);
  const json = record.json === undefined ? undefined : readJsonConditions(record.json, childPath(path, 'json'), problems);
  if (status === undefined || is === undefined) return undefined;
  return {
    status,
    ...(body === undefined ? {} : { body }),
    ...(bodyMatches === undefined ? {} : { bodyMatches }),
    ...(json === undefined ? {} : { json }),
    is,
  };
}

/** A code, a class, or a non-empty list of them, as a list. */
function readStatus(value: unknown, path: string, problems: Problems): (number | StatusClass)[] | undefined {
  if (!Array.isArray(value)) return readStatusItem(value, path, problems);
  const items = problems.list(value, path);
  if (items === undefined) return undefined;
  const read = items.map((item, index) => readStatusItem(item, childPath(path, index), problems));
  return read.every((item) => item !== undefined) ? read.flat() : undefined;
}

function readStatusItem(value: unknown, path: string, problems: Problems): [number | StatusClass] | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599) return [value];
  if (typeof value === 'string' && STATUS_CLASS.test(value)) return [value as StatusClass];
  const hint = typeof value === 'string' && STATUS_CLASS.test(value.toLowerCase()) ? ` (write ${JSON.stringify(value.toLowerCase())})` : '';
  problems.add(path, `must be a status code from 100 to 599, a class like "5xx", or a list of them (got ${describeValue(value)})${hint}`);
  return undefined;
}

function readRegExp(value: unknown, path: string, problems: Problems): string | undefined {
  const source = problems.string(value, path);
  if (source === undefined) return undefined;
  try {
    new RegExp(source);
    return source;
  } catch (error) {
    problems.add(path, `not a valid regular expression (${(error as Error).message})`);
    return undefined;
  }
}

function readJsonConditions(value: unknown, path: string, problems: Problems): Record<string, JsonValue> | undefined {
  const record = problems.object(value, path);
  if (record === undefined) return undefined;
  const pointers = Object.keys(record);
  if (pointers.length === 0) problems.add(path, 'names no JSON pointer (write { "/status": "ok" })');
  for (const pointer of pointers) {
    const problem = pointerProblem(pointer);
    if (problem !== undefined) problems.add(childPath(path, pointer), problem);
  }
  return record as Record<string, JsonValue>;
}
