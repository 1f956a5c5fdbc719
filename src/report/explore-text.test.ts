// Tests of how explore's results read: a failure as its broken check, the shown steps of its
// timeline (with who preempted whom), the stores and the replay command; a search without one as
// PASS with how far it went; and the markdown report's table and sequence diagram.
import { describe, expect, it } from 'vitest';
import type { ExploreResult, FoundFailure, TimelineStep } from '../result.js';
import { renderExploreReport } from './explore-markdown.js';
import { formatExplore, formatReplay } from './explore-text.js';

const step = (at: number, actor: number, label: string, result: string, extra: Partial<TimelineStep> = {}): TimelineStep => ({
  step: at, atMs: 0, actor, actorName: `buy user-${actor}`, store: label.startsWith('INSERT') ? 'MySQL' : 'Redis', label, result, changes: [], shown: true, ...extra,
});

const FAILURE: FoundFailure = {
  workload: { scenario: 'oversell', strategy: 'naive', buyers: 2, stock: 1, requestsPerUser: 1, seed: 1 },
  token: 'ts1.oversell.naive.b2.s1.r1.x1.d_-1',
  steps: 4,
  preemptions: 1,
  actors: [{ id: 0, name: 'buy user-0' }, { id: 1, name: 'buy user-1' }],
  timeline: [
    step(1, 0, 'GET stock', '1'),
    step(2, 1, 'GET stock', '1', { preempted: 0 }),
    step(3, 1, 'SADD buyers user-1', 'true', { shown: false }),
    step(4, 1, 'INSERT purchase user-1', 'inserted', { changes: ['rows ∅ → {user-1}'] }),
  ],
  broken: { name: 'no-oversell', ok: false, expected: 'sold ≤ 1', observed: 'rows sold 2', detail: 'oversold by 1', reads: ['records (MySQL)'] },
  stores: { stock: '0', rows: '{user-0, user-1}' },
  foundAt: { run: 4, steps: 8, preemptions: 2 },
  shrinkReplays: 7,
};

const SEARCH: Omit<ExploreResult, 'ok'> = {
  workload: FAILURE.workload, search: { kind: 'dfs', budget: 1000, preemptions: 2 }, runs: 4, distinct: 4, exhausted: false, durationMs: 120,
};

describe('formatExplore', () => {
  it('tells a failure: the check, the shown steps, the stores and the replay command', () => {
    const text = formatExplore({ ...SEARCH, failure: FAILURE, ok: false }, false);
    expect(text).toContain('FAIL: no-oversell broke on run 4 (4 runs, 4 distinct schedules');
    expect(text).toContain('shrunk from 8 steps, 2 preemptions to 4 steps, 1 preemption in 7 replays');
    expect(text).toContain('✗ no-oversell: expected sold ≤ 1, observed rows sold 2');
    expect(text).toContain('The schedule, 3 of 4 steps (1 preemption); 1 step left out');
    expect(text).toMatch(/2 +0 ms +B buy user-1 \(preempts A\) +Redis GET stock +1/);
    expect(text).not.toContain('SADD');
    expect(text).toContain('The stores at the end: stock 0 · rows {user-0, user-1}');
    expect(text).toContain('ticketsim replay ts1.oversell.naive.b2.s1.r1.x1.d_-1');
  });

  it('tells a search that found nothing how far it went', () => {
    expect(formatExplore({ ...SEARCH, runs: 18, distinct: 18, exhausted: true, ok: true }, false)).toContain(
      'PASS: no check broke in 18 runs, 18 distinct schedules',
    );
    expect(formatExplore({ ...SEARCH, runs: 18, distinct: 18, exhausted: true, ok: true }, false)).toContain('the space is exhausted');
    expect(formatExplore({ ...SEARCH, runs: 1000, distinct: 990, ok: true }, false)).toContain('the budget of 1,000 runs was spent before the search was through');
  });

  it('tells a replay whose checks all held', () => {
    const { broken: _, ...held } = FAILURE;
    expect(formatReplay(held, false)).toContain('every check held');
  });
});

describe('renderExploreReport', () => {
  it('has the timeline table and a sequence diagram of the shown steps', () => {
    const markdown = renderExploreReport({ ...SEARCH, failure: FAILURE, ok: false }, { generatedAt: new Date(0), version: '0.0.0' });
    expect(markdown).toContain('## Verdict: ✗ FAIL');
    expect(markdown).toContain('| 2 | 0 ms | B buy user-1 (preempts A) | Redis `GET stock` | 1 | – |');
    expect(markdown).toContain('```mermaid\nsequenceDiagram\n    participant A as A buy user-0');
    expect(markdown).toContain('    B->>MySQL: INSERT purchase user-1\n    MySQL-->>B: inserted (rows ∅ → {user-1})');
    expect(markdown.slice(0, markdown.indexOf('## The result JSON'))).not.toContain('SADD');
    expect(markdown).toContain('ticketsim replay ts1.oversell.naive.b2.s1.r1.x1.d_-1');
  });
});

describe('a search stopped by Ctrl-C', () => {
  it('says it was stopped, not that it passed or spent its budget', () => {
    const text = formatExplore({ ...SEARCH, runs: 1040, distinct: 1040, interrupted: true, ok: true }, false);
    expect(text).toContain('STOPPED (Ctrl-C): no check broke in 1,040 runs');
    expect(text).not.toContain('PASS');
    expect(text).not.toContain('was spent');
  });
});

describe('a failure shrunk to fewer buyers and seats', () => {
  it('names the sale on both sides', () => {
    const found = { ...SEARCH, workload: { ...SEARCH.workload, buyers: 5, stock: 4 }, failure: FAILURE, ok: false };
    expect(formatExplore(found, false)).toContain('shrunk from 5 buyers and 4 seats, 8 steps, 2 preemptions to 2 buyers and 1 seat, 4 steps, 1 preemption in 7 replays');
  });
});

describe('a worker polling an empty log', () => {
  it('is one row of the table and one arrow of the diagram, with how many times', () => {
    const polls = [5, 6, 7].map((at) => step(at, 2, 'fetch', 'nothing', { actorName: 'worker 1', store: 'Kafka', atMs: (at - 4) * 5 }));
    const failure = { ...FAILURE, timeline: [...FAILURE.timeline, ...polls] };
    expect(formatExplore({ ...SEARCH, failure, ok: false }, false)).toMatch(/5–7 +5–15 ms +C worker 1 +Kafka fetch ×3 +nothing/);
    expect(renderExploreReport({ ...SEARCH, failure, ok: false }, { generatedAt: new Date(0), version: '0.0.0' })).toContain('    C->>Kafka: fetch ×3\n    Kafka-->>C: nothing\n```');
  });
});
