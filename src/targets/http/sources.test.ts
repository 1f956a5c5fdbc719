import { describe, expect, it } from 'vitest';
import { describeSource, storeOf } from './sources.js';

const vars = { run: 'r1', sale: 'concert-r1', stock: 5 };

describe('a verify source as the result names it', () => {
  it('shows a statement with its bound values in their places, a Redis command and an API read expanded', () => {
    expect(describeSource({ sql: 'SELECT user_id FROM orders WHERE sale_id = {sale} AND seats < {stock}' }, vars)).toBe(
      "SELECT user_id FROM orders WHERE sale_id = 'concert-r1' AND seats < 5",
    );
    expect(describeSource({ sql: 'SELECT user_id FROM orders WHERE sale_id = {sale}' }, { ...vars, sale: "o'b" })).toBe("SELECT user_id FROM orders WHERE sale_id = 'o\\'b'");
    expect(describeSource({ redis: ['SMEMBERS', 'buyers:{sale}'] }, vars)).toBe('SMEMBERS buyers:concert-r1');
    expect(describeSource({ http: { path: '/sales/{sale}', pointer: '/stock' } }, vars)).toBe('GET /sales/concert-r1 /stock');
  });

  it('names the store each reads', () => {
    expect([storeOf({ sql: 'SELECT 1' }), storeOf({ redis: ['GET', 'k'] }), storeOf({ http: { path: '/', pointer: '' } })]).toEqual(['MySQL', 'Redis', 'HTTP']);
  });
});
