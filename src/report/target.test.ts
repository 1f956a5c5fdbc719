import { describe, expect, it } from 'vitest';
import { passingResult } from './fixtures.js';
import { renderMarkdownReport } from './markdown.js';

const target = {
  name: 'shop',
  baseUrl: 'http://127.0.0.1:8080',
  file: 'shop.json',
  rules: [
    { operation: 'purchase' as const, when: 'status 200', is: 'purchased' },
    { operation: 'purchase' as const, when: 'status 409 and body contains "already"', is: 'duplicate' },
  ],
};

describe('the report of a --target run', () => {
  const text = renderMarkdownReport(
    { ...passingResult, strategy: 'shop', target, counts: { ...passingResult.counts, unknown: 3, rejected: 2 } },
    { generatedAt: new Date(0), version: '0.0.0' },
  );

  it('has a Target section in place of the Strategy one: the service, its outcome rules, the unknown answers', () => {
    expect(text).toContain('## Target');
    expect(text).not.toContain('## Strategy');
    expect(text).toContain('Driven over HTTP: **shop** at `http://127.0.0.1:8080`, as the target file `shop.json` describes.');
    expect(text).toContain('| purchase | status 409 and body contains "already" | duplicate |');
    expect(text).toContain('Unknown answers: 3 · rejected (refused without effect): 2.');
  });

  it('shows the unknown and rejected answers among the outcomes', () => {
    expect(text).toContain('| unknown (may or may not have taken effect) | 3 |');
    expect(text).toContain('| rejected (refused without effect) | 2 |');
  });
});
