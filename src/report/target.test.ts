import { describe, expect, it } from 'vitest';
import { passingResult } from './fixtures.js';
import { renderMarkdownReport } from './markdown.js';

const target = {
  name: 'shop',
  baseUrl: 'http://127.0.0.1:8080',
  file: 'shop.json',
  rules: [
    { operation: 'purchase' as const, when: 'status 200', is: 'purchased', count: 95 },
    { operation: 'purchase' as const, when: 'status 409 and body contains "already"', is: 'duplicate', count: 0 },
  ],
  unknown: [{ why: 'no answer within 300 ms', count: 3 }],
  drains: [{ ended: 'caught-up' as const, ms: 420, acknowledged: 95, records: 95, curve: [{ atMs: 0, rows: 40 }, { atMs: 100, rows: 80 }, { atMs: 420, rows: 95 }] }],
};

describe('the report of a --target run', () => {
  const text = renderMarkdownReport(
    {
      ...passingResult,
      strategy: 'shop',
      target,
      counts: { ...passingResult.counts, unknown: 3, rejected: 2 },
      // A write-behind run's options, which a target's report leaves out (its drain is the file's).
      params: { ...passingResult.params, options: { ...passingResult.params.options, workers: 1, drainTimeout: 30 } },
    },
    { generatedAt: new Date(0), version: '0.0.0' },
  );

  it('has a Target section in place of the Strategy one: the service, its outcome rules, the unknown answers', () => {
    expect(text).toContain('## Target');
    expect(text).not.toContain('## Strategy');
    expect(text).toContain('Driven over HTTP: **shop** at `http://127.0.0.1:8080`, as the target file `shop.json` describes.');
    expect(text).toContain('| purchase | status 409 and body contains "already" | duplicate | 0 |');
    expect(text).toContain('| purchase | status 200 | purchased | 95 |');
    expect(text).toContain('Unknown answers: 3 (3 × no answer within 300 ms) · rejected (refused without effect): 2.');
  });

  it('says how each drain ended, with its curve', () => {
    expect(text).toContain('**Drain 1** (the service writes behind): caught up in 420ms: 95 records for 95 acknowledged purchases.');
    expect(text).toContain('Drain 1: records read back over time');
  });

  it('leaves out what only the built-in engine has, and says whose data it is', () => {
    for (const section of ['## Guards', '## SQL: where the time went', '## Write-behind']) expect(text).not.toContain(section);
    for (const row of ['| Strategy |', '| Write |', '| Seed |', '| Pool size |', '| lock timeout |', '| Drain timeout |', '| Workers |']) expect(text).not.toContain(row);
    expect(text).toContain('| Target | shop (shop.json) |');
    expect(text).not.toContain('ticketsim clean --run');
    expect(text).toContain("- The service's own: ticketsim removes nothing of it but what the target file's teardown steps say");
  });

  it('shows what each check read', () => {
    const withReads = renderMarkdownReport(
      { ...passingResult, target, checks: [{ name: 'no-oversell', ok: true, expected: 'sold ≤ 100', observed: 'rows sold 100', detail: 'none oversold', reads: ['records (MySQL)', 'stock (Redis)'] }] },
      { generatedAt: new Date(0), version: '0.0.0' },
    );
    expect(withReads).toContain('| ✓ | no-oversell | sold ≤ 100 | rows sold 100 | none oversold | records (MySQL), stock (Redis) |');
  });

  it('shows the unknown and rejected answers among the outcomes', () => {
    expect(text).toContain('| unknown (may or may not have taken effect) | 3 |');
    expect(text).toContain('| rejected (refused without effect) | 2 |');
  });
});
