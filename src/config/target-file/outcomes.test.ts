// Tests of the outcome rules' validation: status forms, the outcomes each operation may name, the
// body conditions (a regular expression that compiles, JSON pointers), and a rule for success.
import { describe, expect, it } from 'vitest';
import { shopExample, problemsAfter } from './fixtures.js';
import { validateTargetFile } from './validate.js';

describe('outcome rules', () => {
  it('need a status and an outcome, and know no other field', () => {
    expect(problemsAfter((f) => (f.purchase.outcomes[1] = { is: 'sold-out' }))).toEqual(['purchase.outcomes[1].status: required']);
    expect(problemsAfter((f) => delete f.cancel.outcomes[1].is)).toEqual(['cancel.outcomes[1].is: required']);
    expect(problemsAfter((f) => (f.purchase.outcomes[3].bodyMatch = 'x'))).toEqual(['purchase.outcomes[3].bodyMatch: unknown field (did you mean bodyMatches?)']);
    expect(problemsAfter((f) => (f.purchase.outcomes = []))).toEqual(['purchase.outcomes: must not be empty']);
    expect(problemsAfter((f) => delete f.purchase.outcomes)).toEqual(['purchase.outcomes: required']);
    expect(problemsAfter((f) => (f.purchase.outcomes[0] = 200))).toEqual(['purchase.outcomes[0]: must be an object (got 200)']);
  });

  it('status: a code, a class like 5xx, or a list of them', () => {
    const ok = shopExample();
    ok.purchase.outcomes.push({ status: '5xx', is: 'error' }, { status: [502, '4xx'], is: 'error' });
    expect(validateTargetFile(ok).file!.purchase.outcomes.slice(5).map((rule) => rule.status)).toEqual([['5xx'], [502, '4xx']]);
    const wrong = 'must be a status code from 100 to 599, a class like "5xx", or a list of them';
    expect(problemsAfter((f) => (f.purchase.outcomes[0].status = 999))).toEqual([`purchase.outcomes[0].status: ${wrong} (got 999)`]);
    expect(problemsAfter((f) => (f.purchase.outcomes[0].status = '5XX'))).toEqual([`purchase.outcomes[0].status: ${wrong} (got "5XX") (write "5xx")`]);
    expect(problemsAfter((f) => (f.purchase.outcomes[4].status = [429, '200']))).toEqual([`purchase.outcomes[4].status[1]: ${wrong} (got "200")`]);
    expect(problemsAfter((f) => (f.purchase.outcomes[4].status = []))).toEqual(['purchase.outcomes[4].status: must not be empty']);
  });

  it('is: a purchase rule names a purchase outcome', () => {
    expect(problemsAfter((f) => (f.purchase.outcomes[2].is = 'sold_out'))).toEqual([
      'purchase.outcomes[2].is: "sold_out" is not one of purchased, sold-out, duplicate, rejected, error (did you mean sold-out?)',
    ]);
    expect(problemsAfter((f) => (f.purchase.outcomes[2].is = 'cancelled'))).toEqual([
      'purchase.outcomes[2].is: "cancelled" is not one of purchased, sold-out, duplicate, rejected, error',
    ]);
  });

  it('is: a cancel rule names a cancel outcome', () => {
    expect(problemsAfter((f) => (f.cancel.outcomes[1].is = 'sold-out'))).toEqual([
      'cancel.outcomes[1].is: "sold-out" is not one of cancelled, not-purchased, rejected, error',
    ]);
    expect(problemsAfter((f) => f.cancel.outcomes.push({ status: 429, is: 'rejected' }, { status: '5xx', is: 'error' }))).toEqual([]);
  });

  it('one rule names the operation succeeding', () => {
    expect(problemsAfter((f) => (f.purchase.outcomes[0].is = 'error'))).toEqual([
      'purchase.outcomes: no rule says purchased, so no reply could ever count as purchased',
    ]);
    expect(problemsAfter((f) => f.cancel.outcomes.shift())).toEqual(['cancel.outcomes: no rule says cancelled, so no reply could ever count as cancelled']);
  });

  it('body: a non-empty substring', () => {
    expect(problemsAfter((f) => (f.purchase.outcomes[3].body = ''))).toEqual(['purchase.outcomes[3].body: must not be empty']);
  });

  it('bodyMatches: a regular expression that compiles', () => {
    expect(problemsAfter((f) => (f.purchase.outcomes[3].bodyMatches = 'already (bought|ordered)'))).toEqual([]);
    expect(problemsAfter((f) => (f.purchase.outcomes[3].bodyMatches = 'already (bought'))).toEqual([
      'purchase.outcomes[3].bodyMatches: not a valid regular expression (Invalid regular expression: /already (bought/: Unterminated group)',
    ]);
  });

  it('json: RFC 6901 pointers to the values expected', () => {
    expect(problemsAfter((f) => (f.purchase.outcomes[3].json = { '/error/code': 'DUP', '': { any: 1 }, '/a~1b': null }))).toEqual([]);
    expect(problemsAfter((f) => (f.purchase.outcomes[3].json = { status: 'ok' }))).toEqual([
      'purchase.outcomes[3].json.status: "status" is not a JSON pointer (write "/status")',
    ]);
    expect(problemsAfter((f) => (f.purchase.outcomes[3].json = { '/a~2': 1 }))).toEqual([
      'purchase.outcomes[3].json["/a~2"]: "/a~2" is not a JSON pointer (in a name, ~ is written ~0 and / is written ~1)',
    ]);
    expect(problemsAfter((f) => (f.purchase.outcomes[3].json = {}))).toEqual(['purchase.outcomes[3].json: names no JSON pointer (write { "/status": "ok" })']);
  });
});
