// How a target file's verify sources are named in the checks and the result: by the store they read
// (MySQL, Redis, or the service's own API), and as a person would look the data up there.
import { format } from 'mysql2';
import { expandPath, expandRedis, expandSql } from '../../config/target-file/index.js';
import type { Source, TemplateVars } from '../../config/target-file/index.js';

/** The store a source reads: `MySQL`, `Redis`, or `HTTP` (the service's own API). */
export function storeOf(source: Source): string {
  if ('sql' in source) return 'MySQL';
  if ('redis' in source) return 'Redis';
  return 'HTTP';
}

/**
 * `SELECT user_id FROM orders WHERE sale_id = 'concert-r1'`, `SMEMBERS buyers:concert-r1`,
 * `GET /sales/concert-r1 /stock`: expanded as a run sends them, a statement's bound values shown in
 * their places, escaped as MySQL literals (so the line can be pasted into a client; the run itself
 * binds them).
 */
export function describeSource(source: Source, vars: TemplateVars): string {
  if ('sql' in source) {
    const { sql, params } = expandSql(source.sql, vars);
    return format(sql, params);
  }
  if ('redis' in source) return expandRedis(source.redis, vars).join(' ');
  return `GET ${expandPath(source.http.path, vars)} ${source.http.pointer}`;
}
