// The HTTP API of `ticketsim serve`, as a function from a request (method, path, body text) to a
// reply (status, JSON body, headers) over the sale operations: no sockets here. Outcomes map to
// status codes (sold out 410, duplicate 409, lock timeout 503 with retry-after, …); a body that is
// not what a route takes is 400; a sale that does not exist is 404; anything the infrastructure
// throws is 500 with its one-line message, never a stack trace.
import { SaleExistsError, SaleNotFoundError, TicketsimError, describeError } from '../errors.js';
import { LIMITS } from '../config/defaults.js';
import type { CancelOutcome, PurchaseOutcome } from '../engine/ports.js';

/** What the routes need of the engine. */
export interface SaleOperations {
  /** Creates a sale; throws SaleExistsError when one exists (never overwritten). */
  createSale(id: string, stock: number): Promise<void>;
  purchase(sale: string, user: string): Promise<PurchaseOutcome>;
  cancel(sale: string, user: string): Promise<CancelOutcome>;
  /** The sale's stock counter; throws SaleNotFoundError when the sale does not exist. */
  stock(sale: string): Promise<number>;
  /** What /health says of the engine. */
  health(): { strategy: string; write: string; infra: string };
}

/** One request as the routes see it. */
export interface ApiRequest {
  method: string;
  /** The path without its query string, still percent-encoded. */
  path: string;
  body: string;
}

/** One reply: a status, a JSON body and any headers beyond content-type. */
export interface ApiReply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A sale id, as the engine names its Redis keys and MySQL ticket_name after it. */
const SALE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Longest user id, in characters. */
const MAX_USER = 64;

/** Said to a client told to come back: a lock timeout, or a server still starting or stopping. */
export const RETRY_AFTER = { 'retry-after': '1' } as const;

/** A body or path that is not what the route takes (400). */
class BadRequest extends Error {}

const PURCHASE_STATUS: Record<PurchaseOutcome['kind'], number> = { purchased: 200, 'sold-out': 410, duplicate: 409, 'lock-timeout': 503 };
const CANCEL_STATUS: Record<CancelOutcome['kind'], number> = { cancelled: 200, 'not-purchased': 404, 'lock-timeout': 503 };

/** The routes: each path with the handler of each method it takes. */
const ROUTES: { name: string; path: RegExp; methods: Record<string, (ops: SaleOperations, body: string, params: string[]) => Promise<ApiReply>> }[] = [
  { name: '/sales', path: /^\/sales$/, methods: { POST: createSale } },
  { name: '/buy', path: /^\/buy$/, methods: { POST: (ops, body) => operate(body, (sale, user) => ops.purchase(sale, user), PURCHASE_STATUS) } },
  { name: '/cancel', path: /^\/cancel$/, methods: { POST: (ops, body) => operate(body, (sale, user) => ops.cancel(sale, user), CANCEL_STATUS) } },
  { name: '/sales/:sale/stock', path: /^\/sales\/([^/]+)\/stock$/, methods: { GET: readStock } },
  { name: '/health', path: /^\/health$/, methods: { GET: async (ops) => ({ status: 200, body: { ok: true, ...ops.health() } }) } },
];

/** A request's route as metrics name it: `POST /buy`, `GET /sales/:sale/stock` (never a sale or user), or `unmatched`. */
export function routeName(method: string, path: string): string {
  const found = ROUTES.find((route) => route.path.test(path));
  return found === undefined ? 'unmatched' : `${method} ${found.name}`;
}

/** Answers one request. Never throws: every failure becomes a reply. */
export async function route(ops: SaleOperations, request: ApiRequest): Promise<ApiReply> {
  for (const { path, methods } of ROUTES) {
    const match = path.exec(request.path);
    if (match === null) continue;
    const handler = methods[request.method];
    if (handler === undefined) {
      const allow = Object.keys(methods).join(', ');
      return { status: 405, body: { error: `${request.method} is not allowed on ${request.path}; use ${allow}` }, headers: { allow } };
    }
    try {
      return await handler(ops, request.body, match.slice(1));
    } catch (error) {
      return failure(error);
    }
  }
  return { status: 404, body: { error: `no route ${request.method} ${request.path}` } };
}

/** A thrown error as a reply: 400 for a bad request, 404 for a missing sale, 409 for an existing one, else 500. */
function failure(error: unknown): ApiReply {
  if (error instanceof BadRequest) return { status: 400, body: { error: error.message } };
  if (error instanceof SaleNotFoundError) return { status: 404, body: { error: error.message } };
  if (error instanceof SaleExistsError) return { status: 409, body: { error: error.message } };
  return { status: 500, body: { error: error instanceof TicketsimError ? error.message : describeError(error) } };
}

async function createSale(ops: SaleOperations, body: string): Promise<ApiReply> {
  const fields = jsonObject(body);
  const id = saleId(fields.id, 'id');
  const stock = stockOf(fields.stock);
  await ops.createSale(id, stock);
  return { status: 201, body: { id, stock } };
}

/** A purchase or a cancel: `{ user, sale }` in, the outcome out with its status. */
async function operate<O extends { kind: string }>(body: string, act: (sale: string, user: string) => Promise<O>, statuses: Record<O['kind'], number>): Promise<ApiReply> {
  const fields = jsonObject(body);
  const user = userId(fields.user);
  const sale = saleId(fields.sale, 'sale');
  const { kind, ...rest } = await act(sale, user);
  const status = statuses[kind as O['kind']];
  return { status, body: { outcome: kind, ...rest }, ...(kind === 'lock-timeout' ? { headers: { ...RETRY_AFTER } } : {}) };
}

async function readStock(ops: SaleOperations, _body: string, [encoded]: string[]): Promise<ApiReply> {
  let id: string;
  try {
    id = decodeURIComponent(encoded!);
  } catch {
    throw new BadRequest(`the sale id in the path is not percent-encoded properly: ${encoded}`);
  }
  return { status: 200, body: { stock: await ops.stock(saleId(id, 'the sale id in the path')) } };
}

/** The body as a JSON object, or a BadRequest saying why not. */
function jsonObject(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new BadRequest(`the body is not JSON (${describeError(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequest('the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function saleId(value: unknown, label: string): string {
  if (typeof value === 'string' && SALE_ID.test(value)) return value;
  throw new BadRequest(`${label} must be a sale id: 1 to 64 letters, digits, '.', '_', ':' or '-' (got ${shown(value)})`);
}

function userId(value: unknown): string {
  if (typeof value === 'string' && value.length >= 1 && value.length <= MAX_USER) return value;
  throw new BadRequest(`user must be a string of 1 to ${MAX_USER} characters (got ${shown(value)})`);
}

/** A whole number of seats, given as a number or as a string of digits (a template may give either). */
function stockOf(value: unknown): number {
  const stock = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  if (typeof stock === 'number' && Number.isInteger(stock) && stock >= 0 && stock <= LIMITS.maxStock) return stock;
  throw new BadRequest(`stock must be a whole number from 0 to ${LIMITS.maxStock} (got ${shown(value)})`);
}

/** A value as a reply quotes it: JSON, cut short. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
