// Tests of the setup and teardown steps and the verify sources: one kind each, their own rules,
// and the store each kind needs.
import { describe, expect, it } from 'vitest';
import { shopExample, problemsAfter } from './fixtures.js';
import { validateTargetFile } from './validate.js';

describe('setup and teardown steps', () => {
  it('are each exactly one of http, sql, redis, redisDelete', () => {
    expect(problemsAfter((f) => (f.setup[1] = {}))).toEqual(['setup[1]: is empty: a step is one of { "http": … }, { "sql": … }, { "redis": … }, { "redisDelete": … }']);
    expect(problemsAfter((f) => (f.setup[1].redis = ['DEL', 'x']))).toEqual(['setup[1]: has sql and redis: a step does one thing (make them separate steps)']);
    expect(problemsAfter((f) => (f.teardown = [{ sqll: 'DELETE FROM orders' }]))).toEqual(['teardown[0].sqll: unknown field (did you mean sql?)']);
    expect(problemsAfter((f) => (f.setup[0] = 'POST /admin'))).toEqual(['setup[0]: must be an object (got "POST /admin")']);
  });

  it('http: a request, whose templates may not name a buyer', () => {
    expect(problemsAfter((f) => (f.setup[0].http.methd = 'POST'))).toEqual(['setup[0].http.methd: unknown field (did you mean method?)']);
    expect(problemsAfter((f) => (f.setup[0].http.outcomes = []))).toEqual(['setup[0].http.outcomes: unknown field']);
    expect(problemsAfter((f) => (f.setup[0].http.json.owner = '{user}'))).toEqual([
      'setup[0].http.json.owner: {user} is not available here: setup and teardown run once per run, not per buyer (available: {run}, {sale}, {stock}, {attempt})',
    ]);
  });

  it('sql: a statement for stores.mysql', () => {
    expect(problemsAfter((f) => (f.setup[1].sql = ''))).toEqual(['setup[1].sql: must not be empty']);
    expect(problemsAfter((f) => delete f.stores.mysql)).toEqual([
      'setup[1].sql: needs stores.mysql, the MySQL server to run it on',
      'verify.records.sql: needs stores.mysql, the MySQL server to run it on',
    ]);
  });

  it('redis: a command name, then string arguments, for stores.redis', () => {
    expect(problemsAfter((f) => (f.setup[2].redis = ['SET', 'stock:{sale}', 100]))).toEqual([
      'setup[2].redis[2]: must be a string (got 100): Redis arguments are text, so write "100"',
    ]);
    expect(problemsAfter((f) => (f.setup[2].redis = ['{sale}', 'x']))).toEqual(['setup[2].redis[0]: "{sale}" is not a Redis command name']);
    expect(problemsAfter((f) => (f.setup[2].redis = []))).toEqual(['setup[2].redis: must not be empty']);
    expect(problemsAfter((f) => (f.setup[2].redis = ['JSON.SET', 'sale:{sale}', '$', '{{"stock":{stock}}}']))).toEqual([]);
    expect(problemsAfter((f) => delete f.stores.redis)).toEqual([
      'setup[2].redis: needs stores.redis, the Redis server to send it to',
      'setup[3].redisDelete: needs stores.redis, the Redis server to send it to',
      'verify.stock.redis: needs stores.redis, the Redis server to send it to',
      'verify.buyerIndex.redis: needs stores.redis, the Redis server to send it to',
    ]);
  });

  it('redisDelete: a pattern that names some keys', () => {
    expect(problemsAfter((f) => (f.setup[3].redisDelete = 'idem:{sale}:*'))).toEqual([]);
    expect(problemsAfter((f) => (f.setup[3].redisDelete = '*'))).toEqual([
      'setup[3].redisDelete: "*" would delete every key of the Redis server; name the keys (e.g. "idem:{sale}:*")',
    ]);
    expect(problemsAfter((f) => (f.setup[3].redisDelete = '{user}:*'))).toEqual([
      'setup[3].redisDelete: {user} is not available here: setup and teardown run once per run, not per buyer (available: {run}, {sale}, {stock}, {attempt})',
    ]);
  });
});

describe('verify', () => {
  it('needs records; stock and buyerIndex are optional', () => {
    expect(problemsAfter((f) => delete f.verify.records)).toEqual(['verify.records: required']);
    const file = shopExample();
    delete file.verify.stock;
    delete file.verify.buyerIndex;
    expect(validateTargetFile(file).file!.verify).toEqual({ records: { sql: 'SELECT user_id FROM orders WHERE sale_id = {sale}' } });
    expect(problemsAfter((f) => (f.verify.buyerIndx = {}))).toEqual(['verify.buyerIndx: unknown field (did you mean buyerIndex?)']);
  });

  it('reads each figure from exactly one of sql, redis, http', () => {
    expect(problemsAfter((f) => (f.verify.stock.sql = 'SELECT 1'))).toEqual(['verify.stock: has sql and redis: a figure is read from one place (keep one)']);
    expect(problemsAfter((f) => (f.verify.stock = {}))).toEqual(['verify.stock: is empty: a source is one of { "sql": … }, { "redis": … }, { "http": … }']);
    expect(problemsAfter((f) => (f.verify.records = { redisDelete: 'x' }))).toEqual(['verify.records.redisDelete: unknown field']);
  });

  it('http: a path template and a JSON pointer', () => {
    expect(problemsAfter((f) => (f.verify.stock = { http: { path: '/sales/{sale}', pointer: '/stock' } }))).toEqual([]);
    expect(problemsAfter((f) => (f.verify.stock = { http: { path: '/sales/{sale}' } }))).toEqual(['verify.stock.http.pointer: required']);
    expect(problemsAfter((f) => (f.verify.stock = { http: { path: 'sales', pointer: 'stock' } }))).toEqual([
      'verify.stock.http.path: "sales" must start with / (it is appended to baseUrl)',
      'verify.stock.http.pointer: "stock" is not a JSON pointer (write "/stock")',
    ]);
    expect(problemsAfter((f) => (f.verify.stock = { http: { path: '/s/{sale}', pointer: '/x', method: 'GET' } }))).toEqual([
      'verify.stock.http.method: unknown field',
    ]);
  });

  it('templates may not name a buyer', () => {
    expect(problemsAfter((f) => (f.verify.records.sql = 'SELECT user_id FROM orders WHERE user_id = {user}'))).toEqual([
      'verify.records.sql: {user} is not available here: verify reads the stores once per run, not per buyer (available: {run}, {sale}, {stock})',
    ]);
  });
});
