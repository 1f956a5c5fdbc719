// How the validator words a problem: one line naming the JSON path of the field
// (`purchase.outcomes[2].is: …`), collected with every other so the user sees them all at once;
// and the readers of each kind of value, which add a problem when the value is not of it.
import { closestMatch } from '../did-you-mean.js';
import { FIELDS } from './fields.js';
import type { ObjectKind } from './fields.js';

/** The path of a member: `purchase.outcomes[2]`, `purchase.json["user-id"]`; '' is the file itself. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** ` (did you mean sold-out?)` when a candidate is near `given`, else ''. */
export function suggestion(given: string, candidates: Iterable<string>, show: (candidate: string) => string = (candidate) => candidate): string {
  const match = closestMatch(given, candidates);
  return match === undefined ? '' : ` (did you mean ${show(match)}?)`;
}

/** A value as a problem quotes it: `"sold_out"`, `5`, `null`, `a list`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  return String(value);
}

/** A plain JSON object (not a list, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problems found so far, and readers that add one when a value is not what its field needs. */
export class Problems {
  readonly lines: string[] = [];

  /** Adds `path: message` (just `message` for the file itself). */
  add(path: string, message: string): void {
    this.lines.push(path === '' ? message : `${path}: ${message}`);
  }

  /** An object of a kind of FIELDS: each unknown and each missing required field is a problem. */
  fields(value: unknown, path: string, kind: ObjectKind): Record<string, unknown> | undefined {
    const record = this.object(value, path);
    if (record === undefined) return undefined;
    const { known, required } = FIELDS[kind];
    for (const key of Object.keys(record)) {
      if (!(known as readonly string[]).includes(key)) this.add(childPath(path, key), `unknown field${suggestion(key, known)}`);
    }
    for (const key of required) if (record[key] === undefined) this.add(childPath(path, key), 'required');
    return record;
  }

  /** A JSON object with any keys (a body, headers, a query). */
  object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (isObject(value)) return value;
    this.add(path, `must be an object (got ${describeValue(value)})`);
    return undefined;
  }

  /** A string, non-empty unless `allowEmpty`. */
  string(value: unknown, path: string, allowEmpty = false): string | undefined {
    if (typeof value === 'string' && (allowEmpty || value !== '')) return value;
    this.add(path, typeof value === 'string' ? 'must not be empty' : `must be a string (got ${describeValue(value)})`);
    return undefined;
  }

  /** A whole number from `min` to `max`. */
  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.add(path, `must be a whole number from ${min} to ${max} (got ${describeValue(value)})`);
    return undefined;
  }

  /** true or false. */
  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.add(path, `must be true or false (got ${describeValue(value)})`);
    return undefined;
  }

  /** A list, non-empty unless `allowEmpty`. */
  list(value: unknown, path: string, allowEmpty = false): readonly unknown[] | undefined {
    if (Array.isArray(value) && (allowEmpty || value.length > 0)) return value;
    this.add(path, Array.isArray(value) ? 'must not be empty' : `must be a list (got ${describeValue(value)})`);
    return undefined;
  }

  /** One of `allowed`: `"sold_out" is not one of …, error (did you mean sold-out?)`. */
  choice<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if ((allowed as readonly unknown[]).includes(value)) return value as T;
    const near = typeof value === 'string' ? suggestion(value, allowed) : '';
    this.add(path, `${describeValue(value)} is not one of ${allowed.join(', ')}${near}`);
    return undefined;
  }
}
