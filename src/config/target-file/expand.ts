// Template expansion in each context but SQL (sql.ts): plain text, URL paths and query strings
// (values URL-encoded), JSON bodies (a lone placeholder keeps its value's type), form bodies,
// Redis arguments and Redis key patterns (values glob-escaped).
import { segmentsOf, valueOf } from './template.js';
import type { TemplateVars } from './template.js';
import type { JsonValue } from './types.js';

/** A template with each placeholder replaced by `encode(value)` (the value as text by default). */
export function expandText(template: string, vars: TemplateVars, encode: (value: string) => string = (value) => value): string {
  return segmentsOf(template)
    .map((segment) => ('name' in segment ? encode(String(valueOf(vars, segment.name))) : segment.text))
    .join('');
}

/** A URL path: the literal text as written, each value URL-encoded (`u 1/x` → `u%201%2Fx`). */
export function expandPath(template: string, vars: TemplateVars): string {
  return expandText(template, vars, encodeURIComponent);
}

/** `name=value&…` with names and expanded values URL-encoded, in the order given. */
export function expandQuery(query: Readonly<Record<string, string>>, vars: TemplateVars): string {
  return Object.entries(query)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(expandText(value, vars))}`)
    .join('&');
}

/**
 * A JSON value with every string expanded: a string that is exactly one placeholder becomes the
 * value itself (`"{stock}"` → 100, a number), any other string stays a string. Keys are not expanded.
 */
export function expandJson(value: JsonValue, vars: TemplateVars): JsonValue {
  if (typeof value === 'string') {
    const segments = segmentsOf(value);
    const only = segments.length === 1 ? segments[0]! : undefined;
    return only !== undefined && 'name' in only ? valueOf(vars, only.name) : expandText(value, vars);
  }
  if (Array.isArray(value)) return value.map((item: JsonValue) => expandJson(item, vars));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandJson(item, vars)]));
  }
  return value;
}

/** An `application/x-www-form-urlencoded` body (spaces as `+`), in the order given. */
export function expandForm(form: Readonly<Record<string, string>>, vars: TemplateVars): string {
  return new URLSearchParams(Object.entries(form).map(([name, value]): [string, string] => [name, expandText(value, vars)])).toString();
}

/** A Redis command, each argument expanded as text. */
export function expandRedis(args: readonly string[], vars: TemplateVars): string[] {
  return args.map((arg) => expandText(arg, vars));
}

/** A Redis key pattern (SCAN MATCH): the literal text is the pattern, each value matches only itself. */
export function expandPattern(template: string, vars: TemplateVars): string {
  return expandText(template, vars, (value) => value.replace(/[\\*?[\]]/g, (char) => `\\${char}`));
}
