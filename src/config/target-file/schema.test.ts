// schemas/target.schema.json and the validator describe the same file: every object of the schema
// has exactly the fields the validator knows (FIELDS) and requires the same ones, refuses others,
// and uses the validator's words, defaults and limits. (schema-examples.test.ts runs examples.)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELDS, TARGET_DEFAULTS, TARGET_LIMITS } from './fields.js';
import type { ObjectKind } from './fields.js';
import { CANCEL_OUTCOMES, HTTP_METHODS, PURCHASE_OUTCOMES } from './types.js';

/** A schema, loosely: the keywords this test reads. */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  $ref?: string;
  $defs?: Record<string, Schema>;
  description?: string;
}

const root = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../schemas/target.schema.json'), 'utf8')) as Schema;
const defs = root.$defs!;

/** The fields of an object schema, or of a oneOf of object schemas taken together (a step, a source). */
function fieldsOf(schema: Schema): { known: string[]; required: string[] } {
  if (schema.oneOf !== undefined) {
    const known = schema.oneOf.flatMap((branch) => Object.keys(branch.properties ?? {}));
    return { known, required: [] };
  }
  return { known: Object.keys(schema.properties ?? {}), required: schema.required ?? [] };
}

/** The schema objects that stand for each kind of object of FIELDS. */
const SCHEMAS: Record<ObjectKind, Schema[]> = {
  file: [root],
  stores: [root.properties!.stores!],
  request: [defs.request!],
  operation: [defs.purchase!, defs.cancel!],
  outcomeRule: [defs.purchaseOutcome!, defs.cancelOutcome!],
  step: [defs.step!],
  verify: [defs.verify!],
  source: [defs.source!],
  httpSource: [defs.httpSource!],
  drain: [root.properties!.drain!],
  promises: [root.properties!.promises!],
};

/** Every schema in the file that has properties, wherever it is. */
function objectSchemas(schema: unknown, found: Schema[] = []): Schema[] {
  if (typeof schema !== 'object' || schema === null) return found;
  if ('properties' in schema) found.push(schema as Schema);
  for (const inner of Object.values(schema)) objectSchemas(inner, found);
  return found;
}

describe('schemas/target.schema.json', () => {
  it('is draft 2020-12, with a description for the file', () => {
    expect(root).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
    expect(root.description).toBeTruthy();
  });

  it('has exactly the fields the validator knows, and requires the same, object by object', () => {
    for (const [kind, schemas] of Object.entries(SCHEMAS)) {
      const { known, required } = FIELDS[kind as ObjectKind];
      for (const schema of schemas) {
        expect(new Set(fieldsOf(schema).known), kind).toEqual(new Set(known));
        expect(new Set(fieldsOf(schema).required), kind).toEqual(new Set(required));
      }
    }
  });

  it('requires one field of each branch of a step and a source', () => {
    for (const schema of [defs.step!, defs.source!]) {
      for (const branch of schema.oneOf!) expect(branch.required).toEqual(Object.keys(branch.properties!));
    }
  });

  it('refuses unknown fields in every object of fixed keys, and has no object the validator does not know', () => {
    const mapped = new Set(Object.values(SCHEMAS).flatMap((schemas) => schemas.flatMap((schema) => schema.oneOf ?? [schema])));
    for (const schema of objectSchemas(root)) {
      expect(schema.additionalProperties, Object.keys(schema.properties!).join()).toBe(false);
      expect(mapped.has(schema), Object.keys(schema.properties!).join()).toBe(true);
    }
  });

  it('describes every field', () => {
    for (const schema of objectSchemas(root)) {
      for (const [name, field] of Object.entries(schema.properties!)) {
        const described = field.description ?? (field.$ref === undefined ? undefined : defs[field.$ref.replace('#/$defs/', '')]!.description);
        expect(described, name).toBeTruthy();
      }
    }
  });

  it('uses the validator’s words, defaults and limits', () => {
    expect(defs.purchaseOutcome!.properties!.is!.enum).toEqual([...PURCHASE_OUTCOMES]);
    expect(defs.cancelOutcome!.properties!.is!.enum).toEqual([...CANCEL_OUTCOMES]);
    expect(defs.method!.enum).toEqual([...HTTP_METHODS]);
    const { timeoutMs } = root.properties!;
    const drain = root.properties!.drain!.properties!;
    expect([timeoutMs!.default, timeoutMs!.maximum]).toEqual([TARGET_DEFAULTS.timeoutMs, TARGET_LIMITS.timeoutMs]);
    expect([drain.timeoutMs!.default, drain.timeoutMs!.maximum]).toEqual([TARGET_DEFAULTS.drainTimeoutMs, TARGET_LIMITS.drainTimeoutMs]);
    expect([drain.settleMs!.default, drain.settleMs!.maximum]).toEqual([TARGET_DEFAULTS.settleMs, TARGET_LIMITS.settleMs]);
    expect(root.properties!.promises!.properties!.onePerPerson!.default).toBe(TARGET_DEFAULTS.onePerPerson);
  });
});
