// A validated request, step or verify source expanded with a run's values into what a target
// sends: the full URL, headers and body of an HTTP call; a statement with bound parameters; a
// Redis command. Nothing is sent here.
import { expandForm, expandJson, expandPath, expandPattern, expandQuery, expandRedis, expandText } from './expand.js';
import { expandSql } from './sql.js';
import type { BoundSql } from './sql.js';
import type { TemplateVars } from './template.js';
import type { HttpMethod, RequestTemplate, Source, Step, TargetFile } from './types.js';

/** An HTTP call ready to send (its method, path, headers and body are what the HTTP driver sends). */
export interface HttpCall {
  method: HttpMethod;
  /** The expanded path and `?query`, for a driver that holds the base URL: `/buy?sale=concert-r1`. */
  path: string;
  /** The whole URL: baseUrl (without its trailing /) + path. */
  url: string;
  /** The request's headers, plus Content-Type for a json or form body unless it sets its own. */
  headers: Record<string, string>;
  body?: string;
}

/** A setup or teardown step ready to run. */
export type StepCall = { http: HttpCall } | { sql: BoundSql } | { redis: string[] } | { redisDelete: string };

/** A verify source ready to read: for http, the value at `pointer` of the reply's JSON. */
export type SourceCall = { sql: BoundSql } | { redis: string[] } | { http: { call: HttpCall; pointer: string } };

const CONTENT_TYPES = { json: 'application/json', form: 'application/x-www-form-urlencoded' } as const;

/** The call `request` makes with `vars`, against `baseUrl` (a trailing / of it is dropped). */
export function expandRequest(request: RequestTemplate, vars: TemplateVars, baseUrl: string): HttpCall {
  const query = request.query === undefined || Object.keys(request.query).length === 0 ? '' : `?${expandQuery(request.query, vars)}`;
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name, expandText(value, vars)]));
  const kind = request.json !== undefined ? 'json' : request.form !== undefined ? 'form' : undefined;
  if (kind !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = CONTENT_TYPES[kind];
  const body =
    request.json !== undefined
      ? JSON.stringify(expandJson(request.json, vars))
      : request.form !== undefined
        ? expandForm(request.form, vars)
        : request.body !== undefined
          ? expandText(request.body, vars)
          : undefined;
  const path = `${expandPath(request.path, vars)}${query}`;
  return {
    method: request.method,
    path,
    url: `${baseUrl.replace(/\/+$/, '')}${path}`,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}

/** A setup or teardown step expanded with the run's values. */
export function expandStep(step: Step, vars: TemplateVars, baseUrl: string): StepCall {
  if ('http' in step) return { http: expandRequest(step.http, vars, baseUrl) };
  if ('sql' in step) return { sql: expandSql(step.sql, vars) };
  if ('redis' in step) return { redis: expandRedis(step.redis, vars) };
  return { redisDelete: expandPattern(step.redisDelete, vars) };
}

/** A verify source expanded with the run's values (an http source is a GET). */
export function expandSource(source: Source, vars: TemplateVars, baseUrl: string): SourceCall {
  if ('sql' in source) return { sql: expandSql(source.sql, vars) };
  if ('redis' in source) return { redis: expandRedis(source.redis, vars) };
  return { http: { call: expandRequest({ method: 'GET', path: source.http.path }, vars, baseUrl), pointer: source.http.pointer } };
}

/** The sale id of run `run`: the file's `sale` template expanded. */
export function saleId(file: Pick<TargetFile, 'sale'>, run: string): string {
  return expandText(file.sale, { run });
}

/** The user id of buyer `i` of run `run`: the file's `users` template expanded. */
export function userId(file: Pick<TargetFile, 'users'>, run: string, i: number): string {
  return expandText(file.users, { run, i });
}
