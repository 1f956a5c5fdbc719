// How a target file's verify sources are named in the checks and the result: by the store they read
// (MySQL, Redis, or the service's own API), and as a person would look the data up there.
import type { Source, TemplateVars } from '../../config/target-file/index.js';
import { expandRedis } from '../../config/target-file/index.js';

/** The store a source reads: `MySQL`, `Redis`, or `HTTP` (the service's own API). */
export function storeOf(source: Source): string {
  if ('sql' in source) return 'MySQL';
  if ('redis' in source) return 'Redis';
  return 'HTTP';
}

/** `SELECT user_id FROM orders WHERE sale_id = 'concert-r1'`, `SMEMBERS buyers:concert-r1`, `GET /sales/concert-r1 /stock`. */
export function describeSource(source: Source, vars: TemplateVars): string {
  if ('sql' in source) return source.sql.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? `'${String(vars[name as keyof TemplateVars])}'` : whole));
  if ('redis' in source) return expandRedis(source.redis, vars).join(' ');
  return `GET ${source.http.path.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name as keyof TemplateVars]) : whole))} ${source.http.pointer}`;
}
