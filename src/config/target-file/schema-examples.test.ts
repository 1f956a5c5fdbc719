// schemas/target.schema.json and the validator agree on examples: both accept the valid files,
// both refuse each planted error the schema can express, and the schema never refuses a file the
// validator accepts. The schema is checked by a small evaluator of exactly the keywords it uses
// (an unknown keyword fails the test), so no JSON-schema package is needed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shopExample } from './fixtures.js';
import type { Draft } from './fixtures.js';
import { validateTargetFile } from './validate.js';

type Schema = Record<string, unknown>;
const read = (path: string): Draft => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../..', path), 'utf8')) as Draft;
const root = read('schemas/target.schema.json');

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const TYPES: Record<string, (value: unknown) => boolean> = {
  object: isObject,
  array: Array.isArray,
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  integer: Number.isInteger,
  boolean: (value) => typeof value === 'boolean',
  null: (value) => value === null,
};
const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'default', '$defs']);

/** The keywords the schema uses, each a test of a value (true when the keyword does not apply to it). */
const KEYWORDS: Record<string, (arg: never, value: unknown, schema: Schema) => boolean> = {
  $ref: (ref: string, value) => matches(root.$defs[ref.replace('#/$defs/', '')] as Schema, value),
  type: (type: string | string[], value) => [type].flat().some((name) => TYPES[name]!(value)),
  enum: (list: unknown[], value) => list.some((item) => isDeepStrictEqual(item, value)),
  properties: (properties: Record<string, Schema>, value) =>
    !isObject(value) || Object.entries(properties).every(([key, schema]) => value[key] === undefined || matches(schema, value[key])),
  required: (keys: string[], value) => !isObject(value) || keys.every((key) => value[key] !== undefined),
  additionalProperties: (extra: boolean | Schema, value, schema) =>
    !isObject(value) ||
    Object.keys(value)
      .filter((key) => !Object.hasOwn((schema.properties as object | undefined) ?? {}, key))
      .every((key) => (typeof extra === 'boolean' ? extra : matches(extra, value[key]))),
  propertyNames: (names: Schema, value) => !isObject(value) || Object.keys(value).every((key) => matches(names, key)),
  minProperties: (count: number, value) => !isObject(value) || Object.keys(value).length >= count,
  prefixItems: (list: Schema[], value) => !Array.isArray(value) || list.every((schema, index) => index >= value.length || matches(schema, value[index])),
  items: (items: Schema, value, schema) =>
    !Array.isArray(value) || value.slice(((schema.prefixItems as unknown[] | undefined) ?? []).length).every((item) => matches(items, item)),
  minItems: (count: number, value) => !Array.isArray(value) || value.length >= count,
  pattern: (pattern: string, value) => typeof value !== 'string' || new RegExp(pattern, 'u').test(value),
  minLength: (count: number, value) => typeof value !== 'string' || [...value].length >= count,
  maxLength: (count: number, value) => typeof value !== 'string' || [...value].length <= count,
  minimum: (bound: number, value) => typeof value !== 'number' || value >= bound,
  maximum: (bound: number, value) => typeof value !== 'number' || value <= bound,
  oneOf: (list: Schema[], value) => list.filter((schema) => matches(schema, value)).length === 1,
  anyOf: (list: Schema[], value) => list.some((schema) => matches(schema, value)),
  not: (schema: Schema, value) => !matches(schema, value),
};

/** Whether `value` is valid by `schema`; throws on a keyword this evaluator does not know. */
function matches(schema: Schema, value: unknown): boolean {
  return Object.entries(schema).every(([keyword, arg]) => {
    if (ANNOTATIONS.has(keyword)) return true;
    const test = KEYWORDS[keyword];
    if (test === undefined) throw new Error(`the schema uses ${keyword}, which this test does not evaluate`);
    return test(arg as never, value, schema);
  });
}

const edited = (edit: (file: Draft) => void): Draft => {
  const file = shopExample();
  edit(file);
  return file;
};

const VALID: [string, Draft][] = [
  ['the shop example', shopExample()],
  ['examples/targets/express-redis-mysql.json', read('examples/targets/express-redis-mysql.json')],
  [
    'a file using every optional form',
    edited((f) => {
      f.$schema = '../../schemas/target.schema.json';
      f.purchase.headers = { 'Idempotency-Key': '{attempt}' };
      f.purchase.query = { sale: '{sale}', n: 1 };
      f.purchase.outcomes.push({ status: ['5xx', 502], bodyMatches: 'x+', json: { '/a~1b': [1], '': {} }, is: 'error' });
      delete f.cancel.json;
      f.cancel.form = { user: '{user}', dry: false };
      f.teardown = [{ redisDelete: 'idem:{sale}:*' }, { http: { method: 'DELETE', path: '/admin/sales/{sale}', body: '' } }];
      f.verify.stock = { http: { path: '/sales/{sale}', pointer: '/stock' } };
    }),
  ],
];

/** Errors the schema can express: both must refuse each. */
const INVALID: [string, (file: Draft) => void][] = [
  ['an unknown field', (f) => (f.purchase.methd = 'POST')],
  ['a missing required field', (f) => delete f.verify.records],
  ['an outcome of another operation', (f) => (f.purchase.outcomes[0].is = 'cancelled')],
  ['a misspelt outcome', (f) => (f.cancel.outcomes[0].is = 'canceled')],
  ['a status out of range', (f) => (f.purchase.outcomes[0].status = 999)],
  ['a status class in capitals', (f) => (f.purchase.outcomes[0].status = '5XX')],
  ['an empty status list', (f) => (f.purchase.outcomes[4].status = [])],
  ['users without {i}', (f) => (f.users = 'u{run}')],
  ['a sale without {run}', (f) => (f.sale = 'concert')],
  ['a timeout of 0', (f) => (f.timeoutMs = 0)],
  ['a timeout as text', (f) => (f.timeoutMs = '10000')],
  ['a step of two kinds', (f) => (f.setup[1].redis = ['DEL', 'x'])],
  ['an empty step', (f) => (f.setup[1] = {})],
  ['a source of two kinds', (f) => (f.verify.stock.sql = 'SELECT 1')],
  ['a MySQL store that is not mysql://', (f) => (f.stores.mysql = 'postgres://127.0.0.1/shop')],
  ['a base URL that is not http', (f) => (f.baseUrl = 'ftp://127.0.0.1')],
  ['a path with a query string', (f) => (f.purchase.path = '/buy?x=1')],
  ['two bodies', (f) => (f.purchase.body = 'x')],
  ['a Redis argument that is a number', (f) => (f.setup[2].redis[2] = 100)],
  ['a JSON condition that is not a pointer', (f) => (f.purchase.outcomes[0].json = { status: 'ok' })],
  ['a delete pattern of wildcards only', (f) => (f.setup[3].redisDelete = '*')],
  ['onePerPerson as text', (f) => (f.promises.onePerPerson = 'yes')],
  ['a settle time of 0', (f) => (f.drain.settleMs = 0)],
  ['no outcome rules', (f) => (f.purchase.outcomes = [])],
];

/** Errors only the validator finds (the schema is looser, never stricter): the schema accepts each. */
const VALIDATOR_ONLY: [string, (file: Draft) => void][] = [
  ['an unknown placeholder', (f) => (f.purchase.json.user = '{usr}')],
  ['a placeholder a scope may not use', (f) => (f.setup[1].sql = 'DELETE FROM orders WHERE user_id = {user}')],
  ['a placeholder in SQL quotes', (f) => (f.setup[1].sql = "DELETE FROM orders WHERE sale_id = '{sale}'")],
  ['a step without its store', (f) => delete f.stores.redis],
  ['no rule for success', (f) => (f.purchase.outcomes[0].is = 'error')],
  ['a regular expression that does not compile', (f) => (f.purchase.outcomes[3].bodyMatches = '(')],
  ['a GET with a body', (f) => (f.purchase.method = 'GET')],
  ['a drain that settles after its timeout', (f) => (f.drain = { timeoutMs: 500, settleMs: 1000 })],
];

describe('the schema and the validator on examples', () => {
  it('both accept each valid file', () => {
    for (const [label, file] of VALID) {
      expect(validateTargetFile(file).problems, label).toEqual([]);
      expect(matches(root, file), label).toBe(true);
    }
  });

  it('both refuse each error the schema can express', () => {
    for (const [label, edit] of INVALID) {
      expect(validateTargetFile(edited(edit)).problems, label).not.toEqual([]);
      expect(matches(root, edited(edit)), label).toBe(false);
    }
  });

  it('leave the rest to the validator: the schema accepts what only it refuses', () => {
    for (const [label, edit] of VALIDATOR_ONLY) {
      expect(validateTargetFile(edited(edit)).problems, label).not.toEqual([]);
      expect(matches(root, edited(edit)), label).toBe(true);
    }
  });

  it('evaluates only keywords it knows', () => {
    expect(() => matches({ if: {} }, 1)).toThrow('the schema uses if, which this test does not evaluate');
  });
});
