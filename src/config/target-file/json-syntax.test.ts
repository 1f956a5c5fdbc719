// Tests of finding where a text stops being JSON: the same place JSON.parse names when it names
// one, in lines and columns, with a hint for the usual mistakes (comments, trailing commas).
import { describe, expect, it } from 'vitest';
import { shopExample } from './fixtures.js';
import { jsonSyntaxError, lineAndColumn } from './json-syntax.js';

/** The position JSON.parse reports, when its message has one. */
function parsePosition(text: string): number | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const match = /at position (\d+)/.exec((error as Error).message);
    return match === null ? undefined : Number(match[1]);
  }
}

describe('jsonSyntaxError', () => {
  it('finds nothing wrong with JSON', () => {
    for (const text of ['{}', '[]', ' 0 ', '-1.5e+3', '"\\u00e9\\n"', 'null', JSON.stringify(shopExample(), null, 2)]) {
      expect(jsonSyntaxError(text)).toBeUndefined();
    }
  });

  it('stops where JSON.parse does', () => {
    const bad = ['{\n  "a": 1,\n    x\n}', '{"a":1', '{"a":1}x', '{"a": 01}', '{"a": 1.}', '{"a":"\\q"}', '{"a":"x\ny"}', '{"a" 1}', '{"a":1,}', '-', '1e', '[1 2]'];
    for (const text of bad) {
      const found = jsonSyntaxError(text);
      const at = parsePosition(text);
      expect(found, text).toBeDefined();
      if (at !== undefined) expect(found!, text).toMatchObject(lineAndColumn(text, at));
    }
  });

  it('words what it found, in lines and columns from 1', () => {
    expect(jsonSyntaxError('{\n  "a": 1,\n    x\n}')).toEqual({ reason: 'Unexpected token x', line: 3, column: 5, hint: 'a property name must be in double quotes' });
    expect(jsonSyntaxError('{"a": tru}')).toEqual({ reason: 'Unexpected token }', line: 1, column: 10 });
    expect(jsonSyntaxError('{"a": 1')).toEqual({ reason: 'Unexpected end of input', line: 1, column: 8 });
    expect(jsonSyntaxError('{"a": 1} x')).toEqual({ reason: 'Unexpected token x', line: 1, column: 10, hint: 'nothing may follow the JSON value' });
    expect(jsonSyntaxError('{"a":\t"\u0001"}')).toEqual({ reason: 'Bad control character in string', line: 1, column: 8, hint: 'write it escaped, like \\n' });
  });

  it('points an unterminated string at its opening quote', () => {
    expect(jsonSyntaxError('{\n"name": "shop\n}')).toEqual({ reason: 'Bad control character in string', line: 2, column: 14, hint: 'write it escaped, like \\n' });
    expect(jsonSyntaxError('{\n"name": "shop')).toEqual({ reason: 'Unterminated string', line: 2, column: 9 });
  });

  it('names the usual mistakes: a trailing comma, a comment', () => {
    expect(jsonSyntaxError('[\n  1,\n  2,\n]')).toEqual({ reason: 'Unexpected token ]', line: 4, column: 1, hint: 'JSON allows no trailing comma' });
    expect(jsonSyntaxError('{\n  // the shop\n}')).toEqual({ reason: 'Unexpected token /', line: 2, column: 3, hint: 'JSON has no comments' });
    expect(jsonSyntaxError('[1, /* two */ 2]')).toEqual({ reason: 'Unexpected token /', line: 1, column: 5, hint: 'JSON has no comments' });
  });
});
