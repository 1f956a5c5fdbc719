// Validation of one HTTP request of a target file (a setup or teardown step, the purchase, the
// cancel): its method, its path, headers and query, and at most one body (json, form or raw).
import { childPath, describeValue } from './problems.js';
import type { Problems } from './problems.js';
import { checkJsonTemplates, checkTemplate } from './template.js';
import type { Scope } from './template.js';
import { HTTP_METHODS } from './types.js';
import type { RequestTemplate, JsonValue } from './types.js';

const BODIES = ['json', 'form', 'body'] as const;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The request of `record` (whose keys were checked) at `path`, its templates held to `scope`;
 * undefined when anything in it is wrong (each problem added).
 */
export function readRequest(record: Record<string, unknown>, path: string, scope: Scope, problems: Problems): RequestTemplate | undefined {
  const before = problems.lines.length;
  const method = record.method === undefined ? undefined : problems.choice(record.method, childPath(path, 'method'), HTTP_METHODS);
  const urlPath = record.path === undefined ? undefined : readPath(record.path, childPath(path, 'path'), scope, problems);
  const headers = record.headers === undefined ? undefined : readHeaders(record.headers, childPath(path, 'headers'), scope, problems);
  const query = record.query === undefined ? undefined : readPairs(record.query, childPath(path, 'query'), scope, problems);
  const given = BODIES.filter((key) => record[key] !== undefined);
  if (given.length > 1) problems.add(path, `has ${given.join(' and ')}: a request has one body at most`);
  if (given.length > 0 && method === 'GET') problems.add(childPath(path, given[0]!), 'a GET request has no body');
  const form = record.form === undefined ? undefined : readPairs(record.form, childPath(path, 'form'), scope, problems);
  if (record.body !== undefined) {
    const body = problems.string(record.body, childPath(path, 'body'), true);
    if (body !== undefined) checkTemplate(body, childPath(path, 'body'), scope, problems);
  }
  if (record.json !== undefined) checkJsonTemplates(record.json, childPath(path, 'json'), scope, problems);
  if (problems.lines.length > before || method === undefined || urlPath === undefined) return undefined;
  return {
    method,
    path: urlPath,
    ...(headers === undefined ? {} : { headers }),
    ...(query === undefined ? {} : { query }),
    ...(record.json === undefined ? {} : { json: record.json as JsonValue }),
    ...(form === undefined ? {} : { form }),
    ...(record.body === undefined ? {} : { body: record.body as string }),
  };
}

/** A path template: from `/`, with no query string or fragment of its own. */
export function readPath(value: unknown, path: string, scope: Scope, problems: Problems): string | undefined {
  const text = problems.string(value, path);
  if (text === undefined) return undefined;
  if (!text.startsWith('/')) problems.add(path, `${describeValue(text)} must start with / (it is appended to baseUrl)`);
  else if (text.includes('?')) problems.add(path, 'has a query string: give its parameters in query, so their values are URL-encoded');
  else if (text.includes('#')) problems.add(path, 'has a fragment (#), which is never sent to the server');
  else return checkTemplate(text, path, scope, problems) === undefined ? undefined : text;
  return undefined;
}

function readHeaders(value: unknown, path: string, scope: Scope, problems: Problems): Record<string, string> | undefined {
  const record = problems.object(value, path);
  if (record === undefined) return undefined;
  for (const [name, header] of Object.entries(record)) {
    const at = childPath(path, name);
    if (!HEADER_NAME.test(name)) problems.add(at, 'is not a header name (letters, digits and !#$%&\'*+-.^_`|~)');
    const text = problems.string(header, at, true);
    if (text !== undefined && /[\r\n]/.test(text)) problems.add(at, 'must be one line');
    else if (text !== undefined) checkTemplate(text, at, scope, problems);
  }
  return record as Record<string, string>;
}

/** Query or form parameters: strings (templates), numbers or booleans, kept as text. */
function readPairs(value: unknown, path: string, scope: Scope, problems: Problems): Record<string, string> | undefined {
  const record = problems.object(value, path);
  if (record === undefined) return undefined;
  const pairs: Record<string, string> = {};
  for (const [name, item] of Object.entries(record)) {
    const at = childPath(path, name);
    if (typeof item === 'number' || typeof item === 'boolean') pairs[name] = String(item);
    else if (typeof item === 'string') {
      checkTemplate(item, at, scope, problems);
      pairs[name] = item;
    } else problems.add(at, `must be a string, number or boolean (got ${describeValue(item)})`);
  }
  return pairs;
}
