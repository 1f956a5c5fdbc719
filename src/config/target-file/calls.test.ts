// Tests of the calls a validated file expands to: whole HTTP calls (URL, headers, the body and
// its Content-Type), the steps and verify sources of the shop example, and the run's ids.
import { describe, expect, it } from 'vitest';
import { expandRequest, expandSource, expandStep, saleId, userId } from './calls.js';
import { shopExample } from './fixtures.js';
import { validateTargetFile } from './validate.js';

const file = validateTargetFile(shopExample()).file!;
const run = { run: 'r1', sale: saleId(file, 'r1'), stock: 100 };
const buyer = { ...run, i: 3, user: userId(file, 'r1', 3), attempt: 'r1-3-1' };

describe('ids', () => {
  it('expand the sale and users templates', () => {
    expect(saleId(file, 'r1')).toBe('concert-r1');
    expect(userId(file, 'r1', 3)).toBe('ur1-3');
  });
});

describe('expandRequest', () => {
  it('makes the purchase: URL, JSON body with typed values, Content-Type', () => {
    expect(expandRequest(file.purchase, buyer, file.baseUrl)).toEqual({
      method: 'POST',
      path: '/buy',
      url: 'http://127.0.0.1:8080/buy',
      headers: { 'Content-Type': 'application/json' },
      body: '{"user":"ur1-3","sale":"concert-r1"}',
    });
  });

  it('joins baseUrl and path on one slash, appends the query, expands headers', () => {
    const request = { method: 'GET', path: '/sales/{sale}', query: { user: '{user}' }, headers: { 'Idempotency-Key': '{attempt}' } } as const;
    expect(expandRequest(request, buyer, 'http://127.0.0.1:8080/api/')).toEqual({
      method: 'GET',
      path: '/sales/concert-r1?user=ur1-3',
      url: 'http://127.0.0.1:8080/api/sales/concert-r1?user=ur1-3',
      headers: { 'Idempotency-Key': 'r1-3-1' },
    });
  });

  it('sends a form as a form, and keeps a Content-Type the request sets', () => {
    expect(expandRequest({ method: 'POST', path: '/buy', form: { user: '{user}' } }, buyer, 'http://h')).toMatchObject({
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'user=ur1-3',
    });
    const own = { method: 'POST', path: '/buy', headers: { 'content-type': 'application/vnd.shop+json' }, json: { n: '{stock}' } } as const;
    expect(expandRequest(own, buyer, 'http://h')).toMatchObject({ headers: { 'content-type': 'application/vnd.shop+json' }, body: '{"n":100}' });
  });

  it('sends a raw body as written, with no Content-Type of its own', () => {
    expect(expandRequest({ method: 'PUT', path: '/x', body: 'user={user}' }, buyer, 'http://h')).toEqual({
      method: 'PUT',
      path: '/x',
      url: 'http://h/x',
      headers: {},
      body: 'user=ur1-3',
    });
  });
});

describe('expandStep and expandSource', () => {
  it('expand each kind of setup step', () => {
    expect(file.setup.map((step) => expandStep(step, run, file.baseUrl))).toEqual([
      {
        http: {
          method: 'POST',
          path: '/admin/sales',
          url: 'http://127.0.0.1:8080/admin/sales',
          headers: { 'Content-Type': 'application/json' },
          body: '{"id":"concert-r1","stock":100}',
        },
      },
      { sql: { sql: 'DELETE FROM orders WHERE sale_id = ?', params: ['concert-r1'] } },
      { redis: ['SET', 'stock:concert-r1', '100'] },
      { redisDelete: 'idem:*' },
    ]);
  });

  it('expand each kind of verify source (http as a GET)', () => {
    expect(expandSource(file.verify.records, run, file.baseUrl)).toEqual({ sql: { sql: 'SELECT user_id FROM orders WHERE sale_id = ?', params: ['concert-r1'] } });
    expect(expandSource(file.verify.stock!, run, file.baseUrl)).toEqual({ redis: ['GET', 'stock:concert-r1'] });
    expect(expandSource({ http: { path: '/sales/{sale}', pointer: '/stock' } }, run, file.baseUrl)).toEqual({
      http: { call: { method: 'GET', path: '/sales/concert-r1', url: 'http://127.0.0.1:8080/sales/concert-r1', headers: {} }, pointer: '/stock' },
    });
  });
});
