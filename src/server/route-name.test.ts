import { describe, expect, it } from 'vitest';
import { routeName } from './routes.js';

describe('routeName', () => {
  it('names a route by its pattern, never by the sale or user it carries', () => {
    expect(routeName('POST', '/buy')).toBe('POST /buy');
    expect(routeName('GET', '/sales/concert-123/stock')).toBe('GET /sales/:sale/stock');
    expect(routeName('GET', '/users/alice')).toBe('unmatched');
  });
});
