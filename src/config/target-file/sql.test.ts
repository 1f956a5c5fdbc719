// Tests of SQL templates: values become bound parameters (never text), and a placeholder that
// could not be one (in quotes, a quoted identifier or a comment) or a bare ? is refused.
import { describe, expect, it } from 'vitest';
import { problemsAfter } from './fixtures.js';
import { expandSql } from './sql.js';

describe('expandSql', () => {
  it('binds every value as a parameter, in order, never splicing it into the text', () => {
    const vars = { run: 'r1', sale: "x'; DROP TABLE orders; --", stock: 5 };
    expect(expandSql('DELETE FROM orders WHERE sale_id = {sale} AND n < {stock} OR sale_id = {sale}', vars)).toEqual({
      sql: 'DELETE FROM orders WHERE sale_id = ? AND n < ? OR sale_id = ?',
      params: ["x'; DROP TABLE orders; --", 5, "x'; DROP TABLE orders; --"],
    });
  });

  it('keeps literal braces and question marks inside quotes as written', () => {
    expect(expandSql("SELECT '{{}}', '?' FROM t WHERE a = {run}", { run: 'r1' })).toEqual({ sql: "SELECT '{}', '?' FROM t WHERE a = ?", params: ['r1'] });
  });
});

describe('SQL in the file', () => {
  const sql = (text: string) => problemsAfter((f) => (f.verify.records.sql = text));

  it('takes placeholders where values stand, and quotes and comments without them', () => {
    expect(sql("SELECT user_id FROM orders WHERE sale_id = {sale} AND note <> 'it''s -- {{x}}' /* ok */ # fine")).toEqual([]);
    expect(sql('SELECT user_id FROM orders WHERE sale_id = {sale} -- the sale\nAND 1 = 1')).toEqual([]);
    expect(sql('SELECT user_id FROM orders WHERE n = 5--{stock}')).toEqual([]);
  });

  it('refuses a placeholder inside quotes, and says why', () => {
    expect(sql("SELECT user_id FROM orders WHERE sale_id = '{sale}'")).toEqual([
      "verify.records.sql: {sale} is inside quotes: values are bound parameters, never spliced into the text, so write = {sale}, not = '{sale}'",
    ]);
    expect(sql('SELECT user_id FROM orders WHERE sale_id = "s-{sale}"')).toEqual([
      'verify.records.sql: {sale} is inside quotes: values are bound parameters, never spliced into the text, so write = {sale}, not = "{sale}"',
    ]);
    expect(sql("SELECT 'a\\'' , user_id FROM orders WHERE sale_id = {sale}")).toEqual([]);
  });

  it('refuses a placeholder naming a table or standing in a comment', () => {
    expect(sql('SELECT user_id FROM `orders_{run}`')).toEqual([
      'verify.records.sql: {run} is inside a quoted identifier: values are bound parameters, which cannot name a table or column',
    ]);
    expect(sql('SELECT user_id FROM orders /* {sale} */')).toEqual(['verify.records.sql: {sale} is inside a comment, where a bound parameter cannot stand']);
    expect(sql('SELECT user_id FROM orders # {sale}')).toEqual(['verify.records.sql: {sale} is inside a comment, where a bound parameter cannot stand']);
  });

  it('refuses a bare ?, which would be taken for a parameter', () => {
    expect(sql('SELECT user_id FROM orders WHERE sale_id = ?')).toEqual([
      'verify.records.sql: a bare ? would be taken for a bound parameter (quote it, or use a placeholder)',
    ]);
  });
});
