// Tests of template parsing: placeholders, {{ and }} escapes, braces that open or close nothing,
// unknown names (with the likely one), and the placeholders each part of the file may use.
import { describe, expect, it } from 'vitest';
import { problemsAfter } from './fixtures.js';
import { parseTemplate, placeholdersOf } from './template.js';

describe('parseTemplate', () => {
  it('splits text and placeholders', () => {
    expect(parseTemplate('u{run}-{i}')).toEqual({ segments: [{ text: 'u' }, { name: 'run' }, { text: '-' }, { name: 'i' }] });
    expect(parseTemplate('plain')).toEqual({ segments: [{ text: 'plain' }] });
    expect(parseTemplate('')).toEqual({ segments: [] });
    expect(placeholdersOf('{sale}:{sale}:{stock}')).toEqual(['sale', 'stock']);
  });

  it('reads {{ and }} as literal braces', () => {
    expect(parseTemplate('{{user}}')).toEqual({ segments: [{ text: '{user}' }] });
    expect(parseTemplate('{{{user}}}')).toEqual({ segments: [{ text: '{' }, { name: 'user' }, { text: '}' }] });
    expect(parseTemplate('{{"stock":{stock}}}')).toEqual({ segments: [{ text: '{"stock":' }, { name: 'stock' }, { text: '}' }] });
  });

  it('refuses a brace that opens or closes nothing', () => {
    const open = 'a lone { opens no placeholder (write {{ for a literal brace, {name} for a value)';
    expect(parseTemplate('{"a":1}')).toEqual({ error: open });
    expect(parseTemplate('{ user }')).toEqual({ error: open });
    expect(parseTemplate('x{user')).toEqual({ error: open });
    expect(parseTemplate('x}')).toEqual({ error: 'a lone } closes no placeholder (write }} for a literal brace)' });
  });

  it('names an unknown placeholder, with the one it likely meant', () => {
    expect(parseTemplate('{usr}')).toEqual({ error: 'unknown placeholder {usr} (did you mean {user}?)' });
    expect(parseTemplate('{Sale}')).toEqual({ error: 'unknown placeholder {Sale} (did you mean {sale}?)' });
    expect(parseTemplate('{quantity}')).toEqual({ error: 'unknown placeholder {quantity}' });
  });
});

describe('placeholders in the file', () => {
  it('an unknown one is a problem naming the field', () => {
    expect(problemsAfter((f) => (f.purchase.json.user = '{usr}'))).toEqual(['purchase.json.user: unknown placeholder {usr} (did you mean {user}?)']);
    expect(problemsAfter((f) => (f.setup[1].sql = 'DELETE FROM orders WHERE sale_id = {sales}'))).toEqual([
      'setup[1].sql: unknown placeholder {sales} (did you mean {sale}?)',
    ]);
    expect(problemsAfter((f) => (f.verify.stock.redis[1] = 'stock:{sael}'))).toEqual(['verify.stock.redis[1]: unknown placeholder {sael} (did you mean {sale}?)']);
  });

  it('users may name {run} and {i}; sale only {run}', () => {
    expect(problemsAfter((f) => (f.users = '{sale}-{i}'))).toEqual([
      'users: {sale} is not available here: users makes the user ids themselves (available: {run}, {i})',
    ]);
    expect(problemsAfter((f) => (f.sale = 'concert-{run}-{i}'))).toEqual([
      'sale: {i} is not available here: the sale is named once per run, before any buyer (available: {run})',
    ]);
  });

  it('purchase and cancel may name them all', () => {
    expect(problemsAfter((f) => (f.cancel.json = { all: '{run} {i} {user} {sale} {stock} {attempt}' }))).toEqual([]);
  });

  it('an escaped brace is text, not a placeholder', () => {
    expect(problemsAfter((f) => (f.users = 'u{{i}}'))).toEqual([
      'users: "u{{i}}" must contain {i}, the buyer index, so that every buyer is a different user (one ticket per person is checked user by user)',
    ]);
  });
});
