// SQL templates: each placeholder becomes a bound parameter (`?`, MySQL style), never text spliced
// into the statement. So a placeholder must stand where a value may (not inside quotes, a quoted
// identifier or a comment), and a bare `?` of the user's would be mistaken for one.
import { checkTemplate, segmentsOf, valueOf } from './template.js';
import type { PlaceholderName, Scope, Segment, TemplateVars } from './template.js';
import type { Problems } from './problems.js';

/** A statement ready for a prepared execution: `?` for each value, the values in order. */
export interface BoundSql {
  sql: string;
  params: (string | number)[];
}

/** `WHERE sale_id = {sale}` → `{ sql: 'WHERE sale_id = ?', params: ['concert-r1'] }`. */
export function expandSql(template: string, vars: TemplateVars): BoundSql {
  const params: (string | number)[] = [];
  const sql = segmentsOf(template)
    .map((segment) => {
      if (!('name' in segment)) return segment.text;
      params.push(valueOf(vars, segment.name));
      return '?';
    })
    .join('');
  return { sql, params };
}

/** Checks an SQL template at `path`: a template of `scope`, each placeholder where a value may stand. */
export function checkSql(template: string, path: string, scope: Scope, problems: Problems): void {
  const segments = checkTemplate(template, path, scope, problems);
  if (segments !== undefined) for (const problem of misplaced(segments)) problems.add(path, problem);
}

type State = 'code' | "'" | '"' | '`' | 'line-comment' | 'block-comment';

const WHERE: Record<Exclude<State, 'code'>, (name: PlaceholderName) => string> = {
  "'": (name) => `{${name}} is inside quotes: values are bound parameters, never spliced into the text, so write = {${name}}, not = '{${name}}'`,
  '"': (name) => `{${name}} is inside quotes: values are bound parameters, never spliced into the text, so write = {${name}}, not = "{${name}}"`,
  '`': (name) => `{${name}} is inside a quoted identifier: values are bound parameters, which cannot name a table or column`,
  'line-comment': (name) => `{${name}} is inside a comment, where a bound parameter cannot stand`,
  'block-comment': (name) => `{${name}} is inside a comment, where a bound parameter cannot stand`,
};

/** What is wrong with where the placeholders and question marks of a parsed SQL template stand. */
function misplaced(segments: readonly Segment[]): string[] {
  const found: string[] = [];
  let state: State = 'code';
  for (const segment of segments) {
    if ('name' in segment) {
      if (state !== 'code') found.push(WHERE[state](segment.name));
      continue;
    }
    const text = segment.text;
    for (let at = 0; at < text.length; at++) {
      const char = text[at]!;
      const next = text[at + 1];
      if (state === 'code') {
        if (char === "'" || char === '"' || char === '`') state = char;
        else if (char === '#' || (char === '-' && next === '-' && /\s/.test(text[at + 2] ?? ''))) state = 'line-comment';
        else if (char === '/' && next === '*') [state, at] = ['block-comment', at + 1];
        else if (char === '?') found.push('a bare ? would be taken for a bound parameter (quote it, or use a placeholder)');
      } else if (state === 'line-comment') {
        if (char === '\n') state = 'code';
      } else if (state === 'block-comment') {
        if (char === '*' && next === '/') [state, at] = ['code', at + 1];
      } else if (char === '\\' && state !== '`') {
        at++;
      } else if (char === state) {
        if (next === state) at++;
        else state = 'code';
      }
    }
  }
  return [...new Set(found)];
}
