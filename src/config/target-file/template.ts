// Templates: the strings of a target file in which `{name}` stands for a value of the run
// (`{run}`, `{i}`, `{user}`, `{sale}`, `{stock}`, `{attempt}`) and `{{` / `}}` for literal braces.
// Parsing into literal text and placeholders, and which placeholders each part of the file may use.
import { childPath, suggestion } from './problems.js';
import type { Problems } from './problems.js';

/** Every placeholder a template may name. */
export const PLACEHOLDERS = ['run', 'i', 'user', 'sale', 'stock', 'attempt'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

/**
 * The values a template is expanded with: the run id; the buyer's index and user id; the sale id;
 * the sale's stock; an id unique to each request, in this run and every other (for idempotency keys). Each scope needs only
 * the values it may name.
 */
export interface TemplateVars {
  run: string;
  i?: number;
  user?: string;
  sale?: string;
  stock?: number;
  attempt?: string | number;
}

/** Where in the file a template is: which placeholders it may name, and why only those. */
export const SCOPES = {
  users: { names: ['run', 'i'], why: 'users makes the user ids themselves' },
  sale: { names: ['run'], why: 'the sale is named once per run, before any buyer' },
  setup: { names: ['run', 'sale', 'stock', 'attempt'], why: 'setup and teardown run once per run, not per buyer' },
  buyer: { names: ['run', 'i', 'user', 'sale', 'stock', 'attempt'], why: '' },
  verify: { names: ['run', 'sale', 'stock'], why: 'verify reads the stores once per run, not per buyer' },
} as const satisfies Record<string, { names: readonly PlaceholderName[]; why: string }>;
export type Scope = keyof typeof SCOPES;

/** A piece of a parsed template: literal text, or a placeholder. */
export type Segment = { readonly text: string } | { readonly name: PlaceholderName };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const parsed = new Map<string, readonly Segment[]>();

/** A template's pieces, or the first thing wrong with its braces or names. */
export function parseTemplate(template: string): { segments: readonly Segment[] } | { error: string } {
  const cached = parsed.get(template);
  if (cached !== undefined) return { segments: cached };
  const segments: Segment[] = [];
  let text = '';
  for (let at = 0; at < template.length; at++) {
    const char = template[at]!;
    if ((char === '{' || char === '}') && template[at + 1] === char) {
      text += char;
      at++;
    } else if (char === '}') {
      return { error: 'a lone } closes no placeholder (write }} for a literal brace)' };
    } else if (char === '{') {
      const end = template.indexOf('}', at);
      const name = end < 0 ? undefined : template.slice(at + 1, end);
      if (name === undefined || !NAME.test(name)) {
        return { error: `a lone { opens no placeholder (write {{ for a literal brace, {name} for a value)` };
      }
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
        return { error: `unknown placeholder {${name}}${suggestion(name, PLACEHOLDERS, (known) => `{${known}}`)}` };
      }
      if (text !== '') segments.push({ text });
      segments.push({ name: name as PlaceholderName });
      text = '';
      at = end;
    } else {
      text += char;
    }
  }
  if (text !== '') segments.push({ text });
  parsed.set(template, segments);
  return { segments };
}

/** A template's pieces; throws on a template that was not validated. */
export function segmentsOf(template: string): readonly Segment[] {
  const result = parseTemplate(template);
  if ('error' in result) throw new Error(`template "${template}": ${result.error}`);
  return result.segments;
}

/** The placeholders a template names, each once, in order. */
export function placeholdersOf(template: string): PlaceholderName[] {
  return [...new Set(segmentsOf(template).flatMap((segment) => ('name' in segment ? [segment.name] : [])))];
}

/**
 * Checks a template at `path` in `scope`: its braces, that each name is a placeholder, and that
 * the scope may use it. Returns its pieces when it is sound.
 */
export function checkTemplate(template: string, path: string, scope: Scope, problems: Problems): readonly Segment[] | undefined {
  const result = parseTemplate(template);
  if ('error' in result) {
    problems.add(path, result.error);
    return undefined;
  }
  const { names, why } = SCOPES[scope];
  const outside = placeholdersOf(template).filter((name) => !(names as readonly string[]).includes(name));
  for (const name of outside) {
    problems.add(path, `{${name}} is not available here: ${why} (available: ${names.map((known) => `{${known}}`).join(', ')})`);
  }
  return outside.length === 0 ? result.segments : undefined;
}

/** Checks every string inside a JSON value as a template (object keys are not templates). */
export function checkJsonTemplates(value: unknown, path: string, scope: Scope, problems: Problems): void {
  if (typeof value === 'string') checkTemplate(value, path, scope, problems);
  else if (Array.isArray(value)) value.forEach((item, index) => checkJsonTemplates(item, childPath(path, index), scope, problems));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) checkJsonTemplates(item, childPath(path, key), scope, problems);
  }
}

/** The value of a placeholder; throws when the caller did not give it (a scope was not respected). */
export function valueOf(vars: TemplateVars, name: PlaceholderName): string | number {
  const value = vars[name];
  if (value === undefined) throw new Error(`{${name}} has no value in this expansion`);
  return value;
}
