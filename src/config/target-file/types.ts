// The shape of a validated target file (the JSON a user writes to describe their own ticket
// service), and the words it may use: outcome names, HTTP methods, status classes.

/** Any JSON value, as a request body or an expected value of an outcome rule. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Every outcome a rule may name; a response no rule matches is `unknown`. */
export const OUTCOMES = ['purchased', 'sold-out', 'duplicate', 'rejected', 'cancelled', 'not-purchased', 'error'] as const;
export type OutcomeName = (typeof OUTCOMES)[number];

/** What a purchase's reply may be classified as. */
export const PURCHASE_OUTCOMES = ['purchased', 'sold-out', 'duplicate', 'rejected', 'error'] as const;
export type PurchaseOutcomeName = (typeof PURCHASE_OUTCOMES)[number];

/** What a cancel's reply may be classified as. */
export const CANCEL_OUTCOMES = ['cancelled', 'not-purchased', 'rejected', 'error'] as const;
export type CancelOutcomeName = (typeof CANCEL_OUTCOMES)[number];

/** The methods a request may use. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A class of status codes: `5xx` is 500–599. */
export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';

/**
 * One HTTP request to the service, as the file writes it (expandRequest makes it a call). Every
 * string of `path`, `query`, `headers`, `json`, `form` and `body` is a template (see template.ts);
 * object keys are not. At most one of `json`, `form`, `body` is set.
 */
export interface RequestTemplate {
  method: HttpMethod;
  /** Starts with `/`; appended to the file's `baseUrl`. Placeholder values are URL-encoded. */
  path: string;
  headers?: Readonly<Record<string, string>>;
  /** Query parameters in order; names and values are URL-encoded. */
  query?: Readonly<Record<string, string>>;
  /** A JSON body; a string that is exactly one placeholder takes the value's type. */
  json?: JsonValue;
  /** An `application/x-www-form-urlencoded` body. */
  form?: Readonly<Record<string, string>>;
  /** A raw text body, sent as written (set its Content-Type in `headers`). */
  body?: string;
}

/**
 * One rule of an operation's `outcomes`: a reply matching every condition given is `is`. The
 * first rule that matches wins. `body`, `bodyMatches` and `json` are literal (no placeholders).
 */
export interface OutcomeRule<Is extends OutcomeName = OutcomeName> {
  /** Status codes and classes (`5xx`), any of which matches; never empty. */
  status: readonly (number | StatusClass)[];
  /** The body contains this text. */
  body?: string;
  /** The body matches this regular expression (JavaScript syntax, no flags). */
  bodyMatches?: string;
  /** The body is JSON and each RFC 6901 pointer holds the value given (deep equality). */
  json?: Readonly<Record<string, JsonValue>>;
  is: Is;
}

/** A request with the rules that classify its reply. */
export interface Operation<Is extends OutcomeName = OutcomeName> extends RequestTemplate {
  outcomes: readonly OutcomeRule<Is>[];
}

/** One step of `setup` or `teardown`: exactly one of these. */
export type Step =
  | { readonly http: RequestTemplate }
  /** A statement run on `stores.mysql`; placeholders become bound parameters. */
  | { readonly sql: string }
  /** A command run on `stores.redis`, one string an argument. */
  | { readonly redis: readonly string[] }
  /** A key pattern (SCAN MATCH syntax); every key on `stores.redis` it matches is deleted. */
  | { readonly redisDelete: string };

/** Where one figure of `verify` is read: a query, a Redis command, or a value in an HTTP reply. */
export type Source =
  | { readonly sql: string }
  | { readonly redis: readonly string[] }
  /** GET `path` (a template) and take the value at `pointer` (RFC 6901) of its JSON body. */
  | { readonly http: { readonly path: string; readonly pointer: string } };

/** How the stores are read back after a run. */
export interface Verify {
  /** The system of record: one user id per purchase record (a user twice holds two records). */
  records: Source;
  /** The seats left, a number; absent when the service keeps no counter. */
  stock?: Source;
  /** A second list of buyers' user ids (e.g. a Redis set); absent when there is none. */
  buyerIndex?: Source;
}

/** A validated, frozen target file, its defaults filled in. */
export interface TargetFile {
  name: string;
  /** An http(s) URL without query or fragment; request paths are appended to it. */
  baseUrl: string;
  /** How long one request may take, ms (default 10000). */
  timeoutMs: number;
  /** The user id of buyer `{i}` (a template that contains `{i}`). */
  users: string;
  /** The sale's id (a template that contains `{run}`). */
  sale: string;
  stores: { mysql?: string; redis?: string };
  setup: readonly Step[];
  teardown: readonly Step[];
  purchase: Operation<PurchaseOutcomeName>;
  cancel?: Operation<CancelOutcomeName>;
  verify: Verify;
  /** The service writes behind: after each phase, wait until the stores settle. */
  drain?: { timeoutMs: number; settleMs: number };
  promises: { onePerPerson: boolean };
}
