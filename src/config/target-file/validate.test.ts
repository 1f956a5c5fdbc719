// Tests of the whole-file validation: the shop example is valid, round-trips and is frozen;
// each top-level rule, planted, is one line naming its field; every problem is reported at once.
import { describe, expect, it } from 'vitest';
import { shopExample, problemsAfter } from './fixtures.js';
import { validateTargetFile } from './validate.js';

describe('a valid target file', () => {
  it('is the shop example, returned whole', () => {
    const { file, problems } = validateTargetFile(shopExample());
    expect(problems).toEqual([]);
    expect(file).toEqual({ ...shopExample(), purchase: { ...shopExample().purchase, outcomes: expect.any(Array) }, cancel: expect.any(Object) });
    expect(file!.purchase.outcomes.map((rule) => rule.status)).toEqual([[200], [410], [409], [400], [429, 503]]);
  });

  it('round-trips: its JSON validates to the same file', () => {
    const { file } = validateTargetFile(shopExample());
    expect(validateTargetFile(JSON.parse(JSON.stringify(file))).file).toEqual(file);
  });

  it('is frozen to the leaves, and the object given is left as it was', () => {
    const given = shopExample();
    const { file } = validateTargetFile(given);
    expect(Object.isFrozen(file)).toBe(true);
    expect(Object.isFrozen(file!.purchase.outcomes[4]!.status)).toBe(true);
    expect(Object.isFrozen((file!.setup[0] as { http: { json: object } }).http.json)).toBe(true);
    expect(Object.isFrozen(given.purchase)).toBe(false);
  });

  it('takes the defaults of what it leaves out, and allows $schema', () => {
    const { file, problems } = validateTargetFile({
      $schema: '../../schemas/target.schema.json',
      name: 'min',
      baseUrl: 'https://localhost',
      users: 'u-{i}-{run}',
      sale: 's-{run}',
      purchase: { method: 'POST', path: '/buy', outcomes: [{ status: '2xx', is: 'purchased' }] },
      verify: { records: { http: { path: '/sales/{sale}/orders', pointer: '/buyers' } } },
    });
    expect(problems).toEqual([]);
    expect(file).toMatchObject({ timeoutMs: 10000, stores: {}, setup: [], teardown: [], promises: { onePerPerson: true } });
    expect(file).not.toHaveProperty('$schema');
    expect(file).not.toHaveProperty('cancel');
    expect(file).not.toHaveProperty('drain');
  });
});

describe('the file itself', () => {
  it('must be one JSON object', () => {
    expect(validateTargetFile([1]).problems).toEqual(['the file must hold one JSON object (got a list)']);
    expect(validateTargetFile('shop').problems).toEqual(['the file must hold one JSON object (got "shop")']);
  });

  it('names each missing required field', () => {
    expect(validateTargetFile({}).problems).toEqual(['name: required', 'baseUrl: required', 'users: required', 'sale: required', 'purchase: required', 'verify: required']);
  });

  it('names an unknown field, with the one it most likely meant', () => {
    expect(problemsAfter((f) => (f.timeout = 5))).toEqual(['timeout: unknown field (did you mean timeoutMs?)']);
    expect(problemsAfter((f) => (f.purchase.methd = 'POST'))).toEqual(['purchase.methd: unknown field (did you mean method?)']);
    expect(problemsAfter((f) => (f.extra = true))).toEqual(['extra: unknown field']);
  });

  it('reports every problem at once', () => {
    const problems = problemsAfter((f) => {
      f.name = '';
      f.timeoutMs = 0;
      f.purchase.outcomes[2].is = 'sold_out';
      f.stores.redis = 'http://127.0.0.1:6379';
    });
    expect(problems).toEqual([
      'name: must not be empty',
      'timeoutMs: must be a whole number from 1 to 600000 (got 0)',
      'stores.redis: "http://127.0.0.1:6379" must start with redis:// or rediss://',
      'purchase.outcomes[2].is: "sold_out" is not one of purchased, sold-out, duplicate, rejected, error (did you mean sold-out?)',
    ]);
  });
});

describe('top-level fields', () => {
  it('name: a string of at most 64 characters', () => {
    expect(problemsAfter((f) => (f.name = 7))).toEqual(['name: must be a string (got 7)']);
    expect(problemsAfter((f) => (f.name = 'x'.repeat(65)))).toEqual(['name: must be at most 64 characters (got 65)']);
  });

  it('$schema: a string', () => {
    expect(problemsAfter((f) => (f.$schema = {}))).toEqual(['$schema: must be a string (got an object)']);
  });

  it('baseUrl: an http(s) URL without query or fragment', () => {
    expect(problemsAfter((f) => (f.baseUrl = '127.0.0.1:8080'))).toEqual(['baseUrl: "127.0.0.1:8080" is not a URL (write it like http://127.0.0.1:8080)']);
    expect(problemsAfter((f) => (f.baseUrl = 'ftp://127.0.0.1'))).toEqual(['baseUrl: "ftp://127.0.0.1" must start with http:// or https://']);
    expect(problemsAfter((f) => (f.baseUrl = 'http://127.0.0.1/api?v=2'))).toEqual(["baseUrl: has a query string or fragment: give query parameters in each request's query"]);
  });

  it('timeoutMs: a positive whole number', () => {
    expect(problemsAfter((f) => (f.timeoutMs = 1.5))).toEqual(['timeoutMs: must be a whole number from 1 to 600000 (got 1.5)']);
    expect(problemsAfter((f) => (f.timeoutMs = '10000'))).toEqual(['timeoutMs: must be a whole number from 1 to 600000 (got "10000")']);
  });

  it('users must contain {i}, and says why', () => {
    expect(problemsAfter((f) => (f.users = 'u{run}'))).toEqual([
      'users: "u{run}" must contain {i}, the buyer index, so that every buyer is a different user (one ticket per person is checked user by user)',
    ]);
  });

  it('sale must contain {run}, and says why', () => {
    expect(problemsAfter((f) => (f.sale = 'concert'))).toEqual([
      `sale: "concert" must contain {run}, the run id, so that each run opens a sale of its own and never reads back, or overwrites, an earlier run's`,
    ]);
  });

  it('stores: mysql:// and redis:// (or rediss://) URLs, and nothing else', () => {
    expect(problemsAfter((f) => (f.stores.mysql = 'postgres://127.0.0.1/shop'))).toEqual(['stores.mysql: "postgres://127.0.0.1/shop" must start with mysql://']);
    expect(problemsAfter((f) => (f.stores.redis = 'rediss://127.0.0.1:6380'))).toEqual([]);
    expect(problemsAfter((f) => (f.stores.redis = 'not a url'))).toEqual(['stores.redis: "not a url" is not a URL']);
    expect(problemsAfter((f) => (f.stores.kafka = 'x'))).toEqual(['stores.kafka: unknown field']);
  });

  it('setup and teardown: lists', () => {
    expect(problemsAfter((f) => (f.teardown = {}))).toEqual(['teardown: must be a list (got an object)']);
  });

  it('drain: positive whole numbers, defaulted, settling before the timeout', () => {
    expect(validateTargetFile({ ...shopExample(), drain: {} }).file!.drain).toEqual({ timeoutMs: 30000, settleMs: 1000 });
    expect(problemsAfter((f) => (f.drain.settleMs = -1))).toEqual(['drain.settleMs: must be a whole number from 1 to 600000 (got -1)']);
    expect(problemsAfter((f) => (f.drain = { timeoutMs: 500 }))).toEqual([
      'drain.settleMs: must be less than drain.timeoutMs (1000 ≥ 500): the stores must stay still for settleMs before the drain times out',
    ]);
    expect(problemsAfter((f) => (f.drain.timeout = 1))).toEqual(['drain.timeout: unknown field (did you mean timeoutMs?)']);
  });

  it('promises.onePerPerson: a boolean, true by default', () => {
    expect(validateTargetFile({ ...shopExample(), promises: {} }).file!.promises).toEqual({ onePerPerson: true });
    expect(validateTargetFile({ ...shopExample(), promises: { onePerPerson: false } }).file!.promises).toEqual({ onePerPerson: false });
    expect(problemsAfter((f) => (f.promises.onePerPerson = 'yes'))).toEqual(['promises.onePerPerson: must be true or false (got "yes")']);
  });

  it('cancel: optional, an operation like purchase', () => {
    const { cancel: _, ...withoutCancel } = shopExample();
    expect(validateTargetFile(withoutCancel).problems).toEqual([]);
    expect(problemsAfter((f) => (f.cancel = []))).toEqual(['cancel: must be an object (got a list)']);
  });
});
