// Tests of classify(): every kind of condition (status code, list, class, body substring, regular
// expression, JSON pointer values), the first matching rule winning, and `unknown`.
import { describe, expect, it } from 'vitest';
import { classify } from './classify.js';
import { shopExample } from './fixtures.js';
import { resolvePointer } from './json-pointer.js';
import type { OutcomeRule } from './types.js';
import { validateTargetFile } from './validate.js';

const rules: OutcomeRule[] = [
  { status: [200], json: { '/order/state': 'confirmed', '/order/seats': [1] }, is: 'purchased' },
  { status: [200], json: { '/queued': true }, is: 'rejected' },
  { status: [400], body: 'already', is: 'duplicate' },
  { status: [400], bodyMatches: '^sold ?out$', is: 'sold-out' },
  { status: [409, 410], is: 'sold-out' },
  { status: [400], is: 'error' },
  { status: ['5xx'], is: 'error' },
];

describe('classify', () => {
  it('matches a status code, one of a list, and a class', () => {
    expect(classify(rules, { status: 410, body: '' })).toBe('sold-out');
    expect(classify(rules, { status: 409, body: '' })).toBe('sold-out');
    expect(classify(rules, { status: 503, body: 'busy' })).toBe('error');
    expect(classify(rules, { status: 500, body: '' })).toBe('error');
  });

  it('matches a body substring and a regular expression', () => {
    expect(classify(rules, { status: 400, body: 'you already bought one' })).toBe('duplicate');
    expect(classify(rules, { status: 400, body: 'soldout' })).toBe('sold-out');
    expect(classify(rules, { status: 400, body: 'sold out!' })).toBe('error');
  });

  it('matches values at JSON pointers, deeply, every one of a rule', () => {
    expect(classify(rules, { status: 200, body: '{"order":{"state":"confirmed","seats":[1]}}' })).toBe('purchased');
    expect(classify(rules, { status: 200, body: '{"order":{"state":"confirmed","seats":[2]}}' })).toBe('unknown');
    expect(classify(rules, { status: 200, body: '{"queued":true}' })).toBe('rejected');
  });

  it("classifies by a validated file's frozen rules", () => {
    const draft = shopExample();
    draft.purchase.outcomes.unshift({ status: 200, json: { '/seats': [1, 2], '/by': { id: 'u1' } }, is: 'duplicate' });
    const { purchase } = validateTargetFile(draft).file!;
    expect(classify(purchase.outcomes, { status: 200, body: '{"by":{"id":"u1"},"seats":[1,2]}' })).toBe('duplicate');
    expect(classify(purchase.outcomes, { status: 200, body: '{"seats":[1,2]}' })).toBe('purchased');
  });

  it('lets the first rule that matches win', () => {
    const ordered: OutcomeRule[] = [
      { status: [400], body: 'already', is: 'duplicate' },
      { status: ['4xx'], is: 'rejected' },
      { status: [400], is: 'error' },
    ];
    expect(classify(ordered, { status: 400, body: 'already' })).toBe('duplicate');
    expect(classify(ordered, { status: 400, body: 'nope' })).toBe('rejected');
  });

  it('is unknown when no rule matches, a body that is not JSON included', () => {
    expect(classify(rules, { status: 302, body: '' })).toBe('unknown');
    expect(classify(rules, { status: 200, body: '<html>ok</html>' })).toBe('unknown');
    expect(classify([], { status: 200, body: '' })).toBe('unknown');
  });

  it('parses the body only when a rule asks for JSON, and then once', () => {
    const parse = JSON.parse;
    let calls = 0;
    JSON.parse = (...args: Parameters<typeof JSON.parse>) => {
      calls++;
      return parse(...args);
    };
    try {
      classify([{ status: [200], body: 'ok', is: 'purchased' }], { status: 200, body: 'ok' });
      expect(calls).toBe(0);
      classify(rules, { status: 200, body: '{"queued":false}' });
      expect(calls).toBe(1);
    } finally {
      JSON.parse = parse;
    }
  });
});

describe('resolvePointer', () => {
  it('follows RFC 6901: escapes, array indices, the whole document', () => {
    const document = { 'a/b': { 'm~n': [10, 20] }, '': 1 };
    expect(resolvePointer(document, '/a~1b/m~0n/1')).toBe(20);
    expect(resolvePointer(document, '/')).toBe(1);
    expect(resolvePointer(document, '')).toBe(document);
    expect(resolvePointer(document, '/a~1b/m~0n/01')).toBeUndefined();
    expect(resolvePointer(document, '/missing/x')).toBeUndefined();
    expect(resolvePointer({ a: 1 }, '/toString')).toBeUndefined();
  });
});
