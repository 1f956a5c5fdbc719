// A parsed target file → one frozen TargetFile with its defaults, or every problem at once, each a
// line naming the JSON path of the field (`purchase.outcomes[2].is: …`).
import { endpointOfUrl } from '../endpoints.js';
import { TARGET_DEFAULTS, TARGET_LIMITS } from './fields.js';
import { readOutcomes } from './outcomes.js';
import { Problems, childPath, describeValue, isObject } from './problems.js';
import { readRequest } from './request.js';
import { readStep, readVerify } from './steps.js';
import type { StoresGiven } from './steps.js';
import { checkTemplate, placeholdersOf } from './template.js';
import type { PlaceholderName, Scope } from './template.js';
import { CANCEL_OUTCOMES, PURCHASE_OUTCOMES } from './types.js';
import type { OutcomeName, Operation, Step, TargetFile } from './types.js';

/** Validates a parsed target file: the file, frozen, when there is no problem; every problem otherwise. */
export function validateTargetFile(value: unknown): { file?: TargetFile; problems: string[] } {
  const problems = new Problems();
  if (!isObject(value)) {
    problems.add('', `the file must hold one JSON object (got ${describeValue(value)})`);
    return { problems: problems.lines };
  }
  // A copy: the file returned is frozen, and what the caller passed must not be.
  const record = problems.fields(structuredClone(value), '', 'file')!;
  if (record.$schema !== undefined) problems.string(record.$schema, '$schema');
  const name = optional(record.name, (name) => readName(name, problems));
  const baseUrl = optional(record.baseUrl, (url) => readBaseUrl(url, problems));
  const timeoutMs = optional(record.timeoutMs, (ms) => problems.integer(ms, 'timeoutMs', 1, TARGET_LIMITS.timeoutMs)) ?? TARGET_DEFAULTS.timeoutMs;
  const users = optional(record.users, (users) => readNaming(users, 'users', 'i', problems));
  const sale = optional(record.sale, (sale) => readNaming(sale, 'sale', 'run', problems));
  const stores = optional(record.stores, (stores) => readStores(stores, problems)) ?? {};
  const given: StoresGiven = { mysql: stores.mysql !== undefined, redis: stores.redis !== undefined };
  const setup = optional(record.setup, (steps) => readSteps(steps, 'setup', given, problems)) ?? [];
  const teardown = optional(record.teardown, (steps) => readSteps(steps, 'teardown', given, problems)) ?? [];
  const purchase = optional(record.purchase, (operation) => readOperation(operation, 'purchase', PURCHASE_OUTCOMES, 'purchased', problems));
  const cancel = optional(record.cancel, (operation) => readOperation(operation, 'cancel', CANCEL_OUTCOMES, 'cancelled', problems));
  const verify = optional(record.verify, (verify) => readVerify(verify, 'verify', given, problems));
  const drain = optional(record.drain, (drain) => readDrain(drain, problems));
  const promises = optional(record.promises, (promises) => readPromises(promises, problems)) ?? { onePerPerson: TARGET_DEFAULTS.onePerPerson };
  if (problems.lines.length > 0) return { problems: problems.lines };
  const file: TargetFile = {
    name: name!,
    baseUrl: baseUrl!,
    timeoutMs,
    users: users!,
    sale: sale!,
    stores,
    setup,
    teardown,
    purchase: purchase!,
    ...(cancel === undefined ? {} : { cancel }),
    verify: verify!,
    ...(drain === undefined ? {} : { drain }),
    promises,
  };
  return { file: deepFreeze(file), problems: [] };
}

/** `read(value)` when the field is given; undefined when it is not (a required one is already a problem). */
function optional<T>(value: unknown, read: (value: unknown) => T | undefined): T | undefined {
  return value === undefined ? undefined : read(value);
}

function readName(value: unknown, problems: Problems): string | undefined {
  const name = problems.string(value, 'name');
  if (name !== undefined && name.length > 64) problems.add('name', `must be at most 64 characters (got ${name.length})`);
  return name;
}

function readBaseUrl(value: unknown, problems: Problems): string | undefined {
  const text = problems.string(value, 'baseUrl');
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.add('baseUrl', `${describeValue(text)} is not a URL (write it like http://127.0.0.1:8080)`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.add('baseUrl', `${describeValue(text)} must start with http:// or https://`);
  else if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    problems.add('baseUrl', "has a query string or fragment: give query parameters in each request's query");
  } else return text;
  return undefined;
}

const MUST_CONTAIN: Record<'users' | 'sale', string> = {
  users: 'the buyer index, so that every buyer is a different user (one ticket per person is checked user by user)',
  sale: "the run id, so that each run opens a sale of its own and never reads back, or overwrites, an earlier run's",
};

/** `users` and `sale`: templates that must name `{i}` and `{run}` respectively. */
function readNaming(value: unknown, field: 'users' | 'sale', needed: PlaceholderName, problems: Problems): string | undefined {
  const template = problems.string(value, field);
  if (template === undefined || checkTemplate(template, field, field satisfies Scope, problems) === undefined) return undefined;
  if (placeholdersOf(template).includes(needed)) return template;
  problems.add(field, `${describeValue(template)} must contain {${needed}}, ${MUST_CONTAIN[field]}`);
  return undefined;
}

function readStores(value: unknown, problems: Problems): TargetFile['stores'] | undefined {
  const record = problems.fields(value, 'stores', 'stores');
  if (record === undefined) return undefined;
  const stores: TargetFile['stores'] = {};
  const kinds = [
    ['mysql', ['mysql'], 3306],
    ['redis', ['redis', 'rediss'], 6379],
  ] as const;
  for (const [store, protocols, port] of kinds) {
    const path = childPath('stores', store);
    const url = record[store] === undefined ? undefined : problems.string(record[store], path);
    if (url === undefined) continue;
    try {
      endpointOfUrl(url, protocols, port);
    } catch (error) {
      problems.add(path, (error as Error).message);
    }
    stores[store] = url;
  }
  return stores;
}

function readSteps(value: unknown, field: 'setup' | 'teardown', stores: StoresGiven, problems: Problems): Step[] | undefined {
  const list = problems.list(value, field, true);
  const steps = list?.map((step, index) => readStep(step, childPath(field, index), stores, problems));
  return steps?.every((step) => step !== undefined) ? steps : undefined;
}

function readOperation<Is extends OutcomeName>(value: unknown, field: string, allowed: readonly Is[], success: Is, problems: Problems): Operation<Is> | undefined {
  const record = problems.fields(value, field, 'operation');
  if (record === undefined) return undefined;
  const request = readRequest(record, field, 'buyer', problems);
  const outcomes = record.outcomes === undefined ? undefined : readOutcomes(record.outcomes, childPath(field, 'outcomes'), allowed, success, problems);
  return request === undefined || outcomes === undefined ? undefined : { ...request, outcomes };
}

function readDrain(value: unknown, problems: Problems): TargetFile['drain'] {
  const record = problems.fields(value, 'drain', 'drain');
  if (record === undefined) return undefined;
  const timeoutMs = record.timeoutMs === undefined ? TARGET_DEFAULTS.drainTimeoutMs : problems.integer(record.timeoutMs, 'drain.timeoutMs', 1, TARGET_LIMITS.drainTimeoutMs);
  const settleMs = record.settleMs === undefined ? TARGET_DEFAULTS.settleMs : problems.integer(record.settleMs, 'drain.settleMs', 1, TARGET_LIMITS.settleMs);
  if (timeoutMs === undefined || settleMs === undefined) return undefined;
  if (settleMs >= timeoutMs) {
    problems.add('drain.settleMs', `must be less than drain.timeoutMs (${settleMs} ≥ ${timeoutMs}): the stores must stay still for settleMs before the drain times out`);
  }
  return { timeoutMs, settleMs };
}

function readPromises(value: unknown, problems: Problems): TargetFile['promises'] | undefined {
  const record = problems.fields(value, 'promises', 'promises');
  if (record === undefined) return undefined;
  const onePerPerson = optional(record.onePerPerson, (flag) => problems.boolean(flag, 'promises.onePerPerson')) ?? TARGET_DEFAULTS.onePerPerson;
  return { onePerPerson };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
