// Tests of expansion in each context: JSON keeps a lone placeholder's type, paths and query
// strings URL-encode values, forms encode as forms, Redis arguments are text, and Redis patterns
// match a value only as itself.
import { describe, expect, it } from 'vitest';
import { expandForm, expandJson, expandPath, expandPattern, expandQuery, expandRedis, expandText } from './expand.js';
import type { TemplateVars } from './template.js';

const vars: TemplateVars = { run: 'r1', i: 7, user: 'u r1/7', sale: 'concert-r1', stock: 100, attempt: 'r1-7-1' };

describe('expandText', () => {
  it('puts each value in as text, braces escaped as written', () => {
    expect(expandText('u{run}-{i}', vars)).toBe('ur1-7');
    expect(expandText('{{sale}} is {sale}', vars)).toBe('{sale} is concert-r1');
  });

  it('throws when a value the template names was not given', () => {
    expect(() => expandText('{user}', { run: 'r1' })).toThrow('{user} has no value in this expansion');
  });
});

describe('expandJson', () => {
  it('gives a string that is exactly one placeholder the value and its type', () => {
    expect(expandJson({ id: '{sale}', stock: '{stock}', i: '{i}' }, vars)).toEqual({ id: 'concert-r1', stock: 100, i: 7 });
  });

  it('keeps any other string a string, and other values as they are', () => {
    expect(expandJson({ label: '{stock} seats', n: 3, ok: true, none: null, list: ['{i}', 'x{i}'] }, vars)).toEqual({
      label: '100 seats',
      n: 3,
      ok: true,
      none: null,
      list: [7, 'x7'],
    });
  });

  it('leaves keys alone, and reads an escaped placeholder as text', () => {
    expect(expandJson({ '{user}': '{{stock}}' }, vars)).toEqual({ '{user}': '{stock}' });
  });
});

describe('paths and query strings', () => {
  it('URL-encode each value in a path, leaving the literal path as written', () => {
    expect(expandPath('/sales/{sale}/buyers/{user}', vars)).toBe('/sales/concert-r1/buyers/u%20r1%2F7');
  });

  it('URL-encode names and whole values of a query, in order', () => {
    expect(expandQuery({ user: '{user}', 'a b': 'x&y={i}' }, vars)).toBe('user=u%20r1%2F7&a%20b=x%26y%3D7');
  });

  it('encode a form as application/x-www-form-urlencoded', () => {
    expect(expandForm({ user: '{user}', qty: '1' }, vars)).toBe('user=u+r1%2F7&qty=1');
  });
});

describe('Redis', () => {
  it('substitutes each argument as text', () => {
    expect(expandRedis(['SET', 'stock:{sale}', '{stock}'], vars)).toEqual(['SET', 'stock:concert-r1', '100']);
  });

  it('escapes glob characters of a value in a key pattern, not the pattern’s own', () => {
    expect(expandPattern('idem:{sale}:*', { run: 'r', sale: 'a*b?[c]\\' })).toBe('idem:a\\*b\\?\\[c\\]\\\\:*');
  });
});
