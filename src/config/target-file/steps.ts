// Validation of what a target file does on the stores: the setup and teardown steps (an HTTP
// request, an SQL statement, a Redis command, a Redis key pattern to delete) and the verify
// sources (a query, a Redis command, or a value in an HTTP reply). A step that uses MySQL or Redis
// needs that store's address in `stores`.
import { pointerProblem } from './json-pointer.js';
import { childPath, describeValue } from './problems.js';
import type { Problems } from './problems.js';
import { readPath, readRequest } from './request.js';
import { checkSql } from './sql.js';
import { checkTemplate, segmentsOf } from './template.js';
import type { Scope } from './template.js';
import type { Source, Step, Verify } from './types.js';

/** Which stores the file gives an address for. */
export interface StoresGiven {
  mysql: boolean;
  redis: boolean;
}

/** A setup or teardown step: exactly one of http, sql, redis, redisDelete. */
export function readStep(value: unknown, path: string, stores: StoresGiven, problems: Problems): Step | undefined {
  const record = problems.fields(value, path, 'step');
  const kind = record === undefined ? undefined : oneKind(record, path, ['http', 'sql', 'redis', 'redisDelete'], STEP, problems);
  if (record === undefined || kind === undefined) return undefined;
  const at = childPath(path, kind);
  const before = problems.lines.length;
  if (kind === 'http') {
    const request = problems.fields(record.http, at, 'request');
    const read = request === undefined ? undefined : readRequest(request, at, 'setup', problems);
    return read === undefined ? undefined : { http: read };
  }
  if (kind === 'redisDelete') {
    const pattern = problems.string(record.redisDelete, at);
    needStore('redis', stores, at, problems);
    if (pattern !== undefined && checkTemplate(pattern, at, 'setup', problems) !== undefined) checkPattern(pattern, at, problems);
    return problems.lines.length > before || pattern === undefined ? undefined : { redisDelete: pattern };
  }
  return readStoreCall(record, kind, at, 'setup', stores, problems) as Step | undefined;
}

/** How the stores are read back: records, and optionally stock and buyerIndex. */
export function readVerify(value: unknown, path: string, stores: StoresGiven, problems: Problems): Verify | undefined {
  const record = problems.fields(value, path, 'verify');
  if (record === undefined) return undefined;
  const before = problems.lines.length;
  const read = (key: keyof Verify) => (record[key] === undefined ? undefined : readSource(record[key], childPath(path, key), stores, problems));
  const [records, stock, buyerIndex] = [read('records'), read('stock'), read('buyerIndex')];
  if (problems.lines.length > before || records === undefined) return undefined;
  return { records, ...(stock === undefined ? {} : { stock }), ...(buyerIndex === undefined ? {} : { buyerIndex }) };
}

/** One verify source: exactly one of sql, redis, http ({ path, pointer }). */
function readSource(value: unknown, path: string, stores: StoresGiven, problems: Problems): Source | undefined {
  const record = problems.fields(value, path, 'source');
  const kind = record === undefined ? undefined : oneKind(record, path, ['sql', 'redis', 'http'], SOURCE, problems);
  if (record === undefined || kind === undefined) return undefined;
  const at = childPath(path, kind);
  if (kind !== 'http') return readStoreCall(record, kind, at, 'verify', stores, problems) as Source | undefined;
  const http = problems.fields(record.http, at, 'httpSource');
  if (http === undefined) return undefined;
  const urlPath = http.path === undefined ? undefined : readPath(http.path, childPath(at, 'path'), 'verify', problems);
  const pointer = http.pointer === undefined ? undefined : problems.string(http.pointer, childPath(at, 'pointer'), true);
  const problem = pointer === undefined ? undefined : pointerProblem(pointer);
  if (problem !== undefined) problems.add(childPath(at, 'pointer'), problem);
  return urlPath === undefined || pointer === undefined || problem !== undefined ? undefined : { http: { path: urlPath, pointer } };
}

/** An SQL statement or a Redis command, with the store it needs. */
function readStoreCall(record: Record<string, unknown>, kind: 'sql' | 'redis', at: string, scope: Scope, stores: StoresGiven, problems: Problems) {
  const before = problems.lines.length;
  needStore(kind === 'sql' ? 'mysql' : 'redis', stores, at, problems);
  if (kind === 'sql') {
    const sql = problems.string(record.sql, at);
    if (sql !== undefined) checkSql(sql, at, scope, problems);
    return problems.lines.length > before || sql === undefined ? undefined : { sql };
  }
  const args = readRedisCommand(record.redis, at, scope, problems);
  return problems.lines.length > before || args === undefined ? undefined : { redis: args };
}

/** A Redis command: its name, then its arguments, every one a string (a template but the name). */
function readRedisCommand(value: unknown, path: string, scope: Scope, problems: Problems): string[] | undefined {
  const list = problems.list(value, path);
  if (list === undefined) return undefined;
  const args = list.map((arg, index) => {
    const at = childPath(path, index);
    if (typeof arg !== 'string') {
      problems.add(at, `must be a string (got ${describeValue(arg)}): Redis arguments are text, so write ${JSON.stringify(String(arg))}`);
    } else if (index === 0 && !/^[A-Za-z][A-Za-z0-9._|-]*$/.test(arg)) {
      problems.add(at, `${describeValue(arg)} is not a Redis command name`);
    } else if (index > 0) {
      checkTemplate(arg, at, scope, problems);
    }
    return arg as string;
  });
  return args;
}

/** A key pattern to delete must name some keys: one of wildcards only would delete every key. */
function checkPattern(pattern: string, path: string, problems: Problems): void {
  const literal = segmentsOf(pattern).some((segment) => 'name' in segment || /[^*?]/.test(segment.text));
  if (!literal) problems.add(path, `${describeValue(pattern)} would delete every key of the Redis server; name the keys (e.g. "idem:{sale}:*")`);
}

const STORE_WORDS = { mysql: 'the MySQL server to run it on', redis: 'the Redis server to send it to' } as const;

function needStore(store: keyof StoresGiven, stores: StoresGiven, path: string, problems: Problems): void {
  if (!stores[store]) problems.add(path, `needs stores.${store}, ${STORE_WORDS[store]}`);
}

const STEP = { what: 'a step', several: 'a step does one thing (make them separate steps)' };
const SOURCE = { what: 'a source', several: 'a figure is read from one place (keep one)' };

/** The one kind of step or source a record names, or a problem when it names none or several. */
function oneKind<K extends string>(record: Record<string, unknown>, path: string, kinds: readonly K[], words: typeof STEP, problems: Problems): K | undefined {
  const given = kinds.filter((kind) => record[kind] !== undefined);
  if (given.length === 1) return given[0];
  if (given.length > 1) problems.add(path, `has ${given.join(' and ')}: ${words.several}`);
  else if (Object.keys(record).length === 0) problems.add(path, `is empty: ${words.what} is one of ${kinds.map((kind) => `{ "${kind}": … }`).join(', ')}`);
  return undefined;
}
