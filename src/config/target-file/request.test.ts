// Tests of a request's validation: method, path, headers, query and the one body, each rule
// planted in the shop example and read back as the exact line that names the field.
import { describe, expect, it } from 'vitest';
import { shopExample, problemsAfter } from './fixtures.js';
import { validateTargetFile } from './validate.js';

describe('a request', () => {
  it('needs a method and a path', () => {
    expect(problemsAfter((f) => delete f.purchase.method)).toEqual(['purchase.method: required']);
    expect(problemsAfter((f) => delete f.setup[0].http.path)).toEqual(['setup[0].http.path: required']);
  });

  it('method: one of the HTTP methods, in capitals', () => {
    expect(problemsAfter((f) => (f.purchase.method = 'post'))).toEqual(['purchase.method: "post" is not one of GET, POST, PUT, PATCH, DELETE (did you mean POST?)']);
    expect(problemsAfter((f) => (f.cancel.method = 'SEND'))).toEqual(['cancel.method: "SEND" is not one of GET, POST, PUT, PATCH, DELETE']);
  });

  it('path: from /, without a query string or fragment', () => {
    expect(problemsAfter((f) => (f.purchase.path = 'buy'))).toEqual(['purchase.path: "buy" must start with / (it is appended to baseUrl)']);
    expect(problemsAfter((f) => (f.purchase.path = '/buy?sale={sale}'))).toEqual([
      'purchase.path: has a query string: give its parameters in query, so their values are URL-encoded',
    ]);
    expect(problemsAfter((f) => (f.purchase.path = '/buy#now'))).toEqual(['purchase.path: has a fragment (#), which is never sent to the server']);
  });

  it('path: a template', () => {
    expect(problemsAfter((f) => (f.purchase.path = '/sales/{sael}/buy'))).toEqual(['purchase.path: unknown placeholder {sael} (did you mean {sale}?)']);
  });

  it('headers: names that are tokens, one-line string values that are templates', () => {
    const ok = shopExample();
    ok.purchase.headers = { 'Idempotency-Key': '{attempt}', 'X-User': 'u {user}' };
    expect(validateTargetFile(ok).problems).toEqual([]);
    expect(problemsAfter((f) => (f.purchase.headers = { 'Bad Name': 'x' }))).toEqual([
      'purchase.headers["Bad Name"]: is not a header name (letters, digits and !#$%&\'*+-.^_`|~)',
    ]);
    expect(problemsAfter((f) => (f.purchase.headers = { 'X-N': 5 }))).toEqual(['purchase.headers["X-N"]: must be a string (got 5)']);
    expect(problemsAfter((f) => (f.purchase.headers = { 'X-A': 'a\r\nX-B: b' }))).toEqual(['purchase.headers["X-A"]: must be one line']);
    expect(problemsAfter((f) => (f.purchase.headers = { 'X-A': '{usr}' }))).toEqual(['purchase.headers["X-A"]: unknown placeholder {usr} (did you mean {user}?)']);
  });

  it('query: strings (templates), numbers or booleans, kept as text', () => {
    const ok = shopExample();
    ok.purchase.query = { sale: '{sale}', page: 2, dry: false };
    expect(validateTargetFile(ok).file!.purchase.query).toEqual({ sale: '{sale}', page: '2', dry: 'false' });
    expect(problemsAfter((f) => (f.purchase.query = { sale: ['a'] }))).toEqual(['purchase.query.sale: must be a string, number or boolean (got a list)']);
    expect(problemsAfter((f) => (f.purchase.query = 'sale=1'))).toEqual(['purchase.query: must be an object (got "sale=1")']);
  });

  it('json: any JSON, its strings templates (its keys are not)', () => {
    const ok = shopExample();
    ok.purchase.json = { '{user}': ['{i}', 1, null, { deep: 'x{stock}' }] };
    expect(validateTargetFile(ok).problems).toEqual([]);
    expect(problemsAfter((f) => (f.purchase.json = { items: [{ who: '{buyer}' }] }))).toEqual(['purchase.json.items[0].who: unknown placeholder {buyer}']);
  });

  it('form and body: a form of text, a raw body that is a template', () => {
    const ok = shopExample();
    delete ok.purchase.json;
    ok.purchase.form = { user: '{user}', qty: 1 };
    ok.cancel.body = '';
    delete ok.cancel.json;
    expect(validateTargetFile(ok).problems).toEqual([]);
    expect(problemsAfter((f) => (f.purchase.body = 5))).toEqual(['purchase: has json and body: a request has one body at most', 'purchase.body: must be a string (got 5)']);
  });

  it('has one body at most, and none on a GET', () => {
    expect(problemsAfter((f) => (f.purchase.form = { a: 'b' }))).toEqual(['purchase: has json and form: a request has one body at most']);
    expect(problemsAfter((f) => (f.purchase.method = 'GET'))).toEqual(['purchase.json: a GET request has no body']);
  });
});
