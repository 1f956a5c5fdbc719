// A run beside its baseline as the text summary and the markdown report show it: each figure now
// and then with the change, the limit and its verdict, and what the baseline ran otherwise.
import { describe, expect, it } from 'vitest';
import type { BaselineSummary, RunResult } from '../result.js';
import { passingResult } from './fixtures.js';
import { renderMarkdownReport } from './markdown.js';
import { formatSummary } from './text.js';

const BASELINE: BaselineSummary = {
  runId: 'base-run',
  file: 'old.json',
  differences: ['users 500 in the baseline, 1000 now'],
  figures: [
    { name: 'purchase.p50', unit: 'us', current: 1000, baseline: 1000, change: 0 },
    { name: 'purchase.p99', unit: 'us', current: 4100, baseline: 3200, change: 0.28125, limit: { text: 'p99=20%', allowed: 0.2, ok: false } },
    { name: 'purchase.max', unit: 'us', current: 9000, baseline: 9000, change: 0 },
    { name: 'throughput', unit: 'per-second', current: 5500, baseline: 5000, change: 0.1, limit: { text: 'throughput=10%', allowed: 0.1, ok: true } },
    { name: 'errors.rate', unit: 'share', current: 0.002, baseline: 0.001, change: 0.001 },
  ],
};
const RESULT: RunResult = { ...passingResult, baseline: BASELINE };

describe('the baseline in the text summary', () => {
  const text = formatSummary(RESULT, { color: false });

  it('shows a compact vs-baseline block: p50/p99, throughput and error rate, with the change and the limits', () => {
    expect(text).toContain('vs baseline base-run (old.json)');
    expect(text).toContain('ran otherwise: users 500 in the baseline, 1000 now');
    expect(text).toMatch(/purchase\.p99\s+4\.1ms\s+baseline 3\.2ms\s+\+28\.1%\s+✗ ≤ \+20%/);
    expect(text).toMatch(/throughput\s+5,500\/s\s+baseline 5,000\/s\s+\+10%\s+✓ ≥ −10%/);
    expect(text).toMatch(/errors\.rate\s+0\.2%\s+baseline 0\.1%\s+\+0\.1 pts/);
    expect(text).not.toContain('purchase.max');
  });
});

describe('the baseline in the markdown report', () => {
  const report = renderMarkdownReport(RESULT, { generatedAt: new Date('2025-03-14T09:30:00Z'), version: '0.1.0' });

  it('has a Baseline section with every figure: this run, baseline, change, limit, verdict', () => {
    const section = report.slice(report.indexOf('## Baseline'), report.indexOf('## Checks'));
    expect(section).toContain('Compared with run `base-run` (`old.json`).');
    expect(section).toContain('The baseline ran otherwise: users 500 in the baseline, 1000 now.');
    expect(section).toContain('| figure | this run | baseline | change | limit | verdict |');
    expect(section).toContain('| purchase.p99 | 4.1ms | 3.2ms | +28.1% | ≤ +20% | ✗ beyond |');
    expect(section).toContain('| purchase.max | 9ms | 9ms | 0% | – | – |');
    expect(section).toContain('| throughput | 5,500/s | 5,000/s | +10% | ≥ −10% | ✓ within |');
  });

  it('has no Baseline section without a baseline', () => {
    expect(renderMarkdownReport(passingResult, { generatedAt: new Date(0), version: '0.1.0' })).not.toContain('## Baseline');
  });
});
