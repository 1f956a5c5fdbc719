// The example target file of a shop (loopback, MySQL and Redis), as tests start from it: a fresh,
// valid object each call, and the problems of a copy changed by a test.
import { validateTargetFile } from './validate.js';

/** A target file as a test edits it: loose on purpose, since tests plant wrong values anywhere. */
export type Draft = Record<string, any>;

/** The example target file of a shop on loopback, with MySQL and Redis. */
export function shopExample(): Draft {
  return {
    name: 'shop',
    baseUrl: 'http://127.0.0.1:8080',
    timeoutMs: 10000,
    users: 'u{run}-{i}',
    sale: 'concert-{run}',
    stores: { mysql: 'mysql://app@127.0.0.1:3306/shop', redis: 'redis://127.0.0.1:6379' },
    setup: [
      { http: { method: 'POST', path: '/admin/sales', json: { id: '{sale}', stock: '{stock}' } } },
      { sql: 'DELETE FROM orders WHERE sale_id = {sale}' },
      { redis: ['SET', 'stock:{sale}', '{stock}'] },
      { redisDelete: 'idem:*' },
    ],
    teardown: [],
    purchase: {
      method: 'POST',
      path: '/buy',
      json: { user: '{user}', sale: '{sale}' },
      outcomes: [
        { status: 200, is: 'purchased' },
        { status: 410, is: 'sold-out' },
        { status: 409, is: 'duplicate' },
        { status: 400, body: 'already', is: 'duplicate' },
        { status: [429, 503], is: 'rejected' },
      ],
    },
    cancel: {
      method: 'POST',
      path: '/cancel',
      json: { user: '{user}', sale: '{sale}' },
      outcomes: [
        { status: 200, is: 'cancelled' },
        { status: 404, is: 'not-purchased' },
      ],
    },
    verify: {
      records: { sql: 'SELECT user_id FROM orders WHERE sale_id = {sale}' },
      stock: { redis: ['GET', 'stock:{sale}'] },
      buyerIndex: { redis: ['SMEMBERS', 'buyers:{sale}'] },
    },
    drain: { timeoutMs: 30000, settleMs: 1000 },
    promises: { onePerPerson: true },
  };
}

/** The problems of the shop example after `edit` changed it. */
export function problemsAfter(edit: (file: Draft) => void): string[] {
  const file = shopExample();
  edit(file);
  return validateTargetFile(file).problems;
}
