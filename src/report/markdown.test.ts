// Tests of the markdown report: every section present, numbers equal to the RunResult's, a
// valid-looking mermaid xychart whose bars are the bucket counts, and ✗/FAIL for a failing run.
import { describe, expect, it } from 'vitest';
import { behindResult, failingResult, interruptedResult, passingResult, rateResult, slowSql, spamLockResult, stormNaiveResult } from './fixtures.js';
import { renderMarkdownReport } from './markdown.js';
import { mermaidHistogram } from './mermaid.js';
import { formatCount, formatMicros } from './format.js';

const meta = { generatedAt: new Date('2025-03-14T09:30:00Z'), version: '0.1.0' };

/** The body of the first fenced block with this info string. */
function fenced(markdown: string, info: string): string {
  const match = new RegExp(`\`\`\`${info}\\n([\\s\\S]*?)\\n\`\`\``).exec(markdown);
  if (!match) throw new Error(`no \`\`\`${info} block`);
  return match[1]!;
}

describe('renderMarkdownReport', () => {
  const report = renderMarkdownReport(passingResult, meta);

  it('has title, date, version, environment, parameters, outcomes, checks, data and command', () => {
    expect(report).toMatch(/^# ticketsim report: oversell · lua\n/);
    expect(report).toContain('Generated 2025-03-14T09:30:00.000Z by ticketsim 0.1.0');
    expect(report).toContain('| Node.js | v20.20.2 |');
    expect(report).toContain('| MySQL | 10.11.6-MariaDB |');
    expect(report).toContain('| Kafka | not used |');
    expect(report).toContain('| Infrastructure | real (auto: redis and mysql answered) |');
    const parameters = report.slice(report.indexOf('## Parameters'), report.indexOf('## Strategy'));
    for (const row of ['| Scenario | oversell |', '| Strategy | lua |', '| Write | sync |', '| Users | 1,000 |', '| Stock | 100 |', '| Attempts | 1,000 |']) {
      expect(parameters).toContain(row);
    }
    for (const row of ['| Seed | 42 |', '| Pool size | 10 |', '| Concurrency | unlimited |', '| Slow SQL | 500ms |']) expect(parameters).toContain(row);
    expect(parameters).not.toContain('Requests per user');
    expect(report).toContain('## Verdict: ✓ PASS');
    expect(report).toContain('| ✓ | no-oversell | ≤ 100 sold | 100 sold | redis stock 0, mysql rows 100 |');
    expect(report).toContain('- Run id: `01JQ7Z4K2M`');
    expect(report).toContain('- Removed, once inspected, by `ticketsim clean --run 01JQ7Z4K2M`');
    expect(fenced(report, 'sh')).toBe(passingResult.command);
  });

  it('prints the RunResult numbers: counts with separators, latencies in human units, the mean and the error rate beside them', () => {
    const { counts } = passingResult;
    for (const [label, value] of [['attempts', counts.attempts], ['purchased', counts.purchased], ['sold out', counts.soldOut]] as const) {
      expect(report).toContain(`| ${label} | ${formatCount(value)} |`);
    }
    const p = passingResult.latency.purchase!;
    const human = [p.min, p.mean, p.p50, p.p90, p.p99, p.p999, p.max].map(formatMicros).join(' | ');
    expect(report).toContain(`| Operation | Count | Errors | min | mean | p50 | p90 | p99 | p99.9 | max |`);
    expect(report).toContain(`| **purchase** | 1,000 | 0 (0%) | ${human} |`);
    expect(report).toContain('| **purchase** | 1,000 | 0 (0%) | 41µs | 797µs | 406µs | 1.19ms | 3.21ms | 5.9ms | 6.1ms |');
    expect(report).toContain('| error rate (errors of attempts) | 0% |');
    expect(report).toContain('412ms from barrier release to last reply (1.31s of wall time with connecting, set-up and checks); throughput 2,427 attempts/s.');
    expect(JSON.parse(fenced(report, 'json'))).toEqual(passingResult);
  });

  it('names the machine, the versions and what the run cost the generator', () => {
    expect(report).toContain('| CPU | AMD EPYC 7B13 × 2 logical CPUs |');
    expect(report).toContain('| Memory (total) | 8 GiB |');
    expect(report).toContain('| OS | Debian GNU/Linux 12 (bookworm) · Linux 6.1.0-18-amd64 · linux-x64 |');
    expect(report).toContain('| Node.js | v20.20.2 |');
    expect(report).toContain('| Redis | 7.0.15 |');
    expect(report).toContain('| wall time, start to verdict (connecting, set-up, phases, drains, checks) | 1.31s |');
    expect(report).toContain('| CPU time | 1.92s: user 1.5s + system 420ms, 147% of one core over the wall time |');
    expect(report).toContain('| peak memory (resident set) | 212 MiB (sampled every 100ms); the process\'s own peak since it started: 230 MiB |');
  });

  it('says whose cost it is: with the in-process services, without the worker processes', () => {
    const inProcess = renderMarkdownReport({ ...passingResult, infra: 'memory' }, meta);
    expect(inProcess).toContain("ticketsim's own process, which also ran the in-process services:");
    expect(inProcess).toContain('| release to last reply (the measured run) | 412ms on the in-process virtual clock |');
    expect(renderMarkdownReport(behindResult, meta)).toContain('the write-behind workers ran as processes of their own and are not counted');
    const outages = [{ service: 'mysql' as const, address: '127.0.0.1:3306', error: 'Connection lost', atMs: 1200, awayMs: 9900 }];
    const waited = renderMarkdownReport({ ...behindResult, writeBehind: { ...behindResult.writeBehind!, outages } }, meta);
    expect(waited).toContain('The workers waited for MySQL at 127.0.0.1:3306 for 9.9s from 1.2s in (Connection lost).');
    expect(renderMarkdownReport(behindResult, meta)).not.toContain('waited for');
  });

  it('prints no count of a table or sentence without its thousands separator', () => {
    for (const result of [passingResult, { ...passingResult, sql: slowSql }, spamLockResult, stormNaiveResult, behindResult, rateResult, interruptedResult]) {
      const rendered = renderMarkdownReport(result, meta);
      const prose = rendered.slice(0, rendered.indexOf('## Result JSON')).replaceAll(/```(mermaid|sh)\n[\s\S]*?```/g, '');
      // Four digits or more in a row: a raw count, or a duration in raw ms or µs.
      expect(prose.match(/(?<![\w.-])\d{4,}(?![\w-])/g) ?? [], result.runId).toEqual([]);
    }
  });

  it('draws the histogram as a mermaid xychart-beta bar chart with the bucket counts', () => {
    const chart = fenced(report, 'mermaid').split('\n');
    expect(chart[0]).toBe('xychart-beta');
    expect(chart).toContain('    x-axis "latency" ["32µs–64µs", "64µs–128µs", "128µs–256µs", "256µs–512µs", "512µs–1.02ms", "1.02ms–2.05ms", "2.05ms–4.1ms", "4.1ms–8.19ms"]');
    const bar = chart.find((line) => line.trim().startsWith('bar '));
    const values = /^\s*bar \[([\d, ]+)\]$/.exec(bar ?? '')![1]!.split(', ').map(Number);
    expect(values).toEqual(passingResult.latency.purchase!.buckets.map((bucket) => bucket.count));
    expect(fenced(report, 'text').split('\n')).toHaveLength(8);
  });

  it('trims empty edge buckets from the chart and escapes quotes in labels', () => {
    const chart = mermaidHistogram('say "hi"', [
      { fromUs: 1, toUs: 2, count: 0 },
      { fromUs: 2, toUs: 4, count: 3 },
      { fromUs: 4, toUs: 8, count: 0 },
      { fromUs: 8, toUs: 16, count: 1 },
      { fromUs: 16, toUs: 32, count: 0 },
    ]);
    expect(chart).toContain(`title "say 'hi'"`);
    expect(chart).toContain('x-axis "latency" ["2µs–4µs", "4µs–8µs", "8µs–16µs"]');
    expect(chart).toContain('bar [3, 0, 1]');
  });

  it('shows ✗ and FAIL for a planted failing run', () => {
    const failing = renderMarkdownReport(failingResult, meta);
    expect(failing).toContain('## Verdict: ✗ FAIL');
    expect(failing).toContain('| ✗ | no-oversell | ≤ 100 sold | 1000 sold | sold 1000 of 100: oversold by 900 |');
    expect(failing).not.toContain('PASS');
  });

  it('lists error causes and marks an interrupted run', () => {
    const stopped = renderMarkdownReport(interruptedResult, meta);
    expect(stopped).toContain('## Verdict: ✓ PASS · **INTERRUPTED**');
    expect(stopped).toContain('| 300 | ER_CON_COUNT_ERROR: Too many connections |');
    expect(stopped).toContain('| not started | 400 |');
  });

  it('says so when no latency was recorded', () => {
    const empty = renderMarkdownReport({ ...passingResult, latency: {} }, meta);
    expect(empty).not.toContain('```mermaid');
    expect(empty).toContain('No latency was recorded.');
  });
});

describe('renderMarkdownReport with thresholds', () => {
  it('lists each threshold as a row of the checks and counts it apart in the verdict', () => {
    const broken = { kind: 'threshold' as const, name: 'purchase.p99<1us', ok: false, expected: '< 1µs', observed: '5.6ms', detail: '5.6ms over the bound, at 5,603× it' };
    const report = renderMarkdownReport({ ...passingResult, checks: [...passingResult.checks, broken], ok: false }, meta);
    expect(report).toContain('## Verdict: ✗ FAIL');
    expect(report).toContain('1 of 1 threshold broken — purchase.p99<1us: 5.6ms over the bound, at 5,603× it');
    expect(report).toContain('| ✗ | purchase.p99<1us | < 1µs | 5.6ms | 5.6ms over the bound, at 5,603× it |');
  });
});

describe('renderMarkdownReport on spam and slow SQL', () => {
  it('says in two lines what the strategy does and why it failed', () => {
    const report = renderMarkdownReport(spamLockResult, meta);
    expect(report).toContain('- **What it does:** `lock` takes one Redlock lock per sale');
    expect(report).toContain(
      '- **Why it failed:** conservation: 48 seats leaked. Why: a repeat request of a buyer decrements the stock again',
    );
    expect(report).toContain('| lock tries (Redis round trips, retries included) | 9,130 |');
    expect(report).toContain('| duplicates caught by ledger | 48 |');
  });

  it('says why a strategy held', () => {
    expect(renderMarkdownReport(passingResult, meta)).toContain('- **Why it held:** Every check held: nothing can run between the check and the decrement');
  });

  it('shows where the SQL time went, the slowest statements and the source of every figure', () => {
    const report = renderMarkdownReport({ ...passingResult, sql: slowSql }, meta);
    const section = report.slice(report.indexOf('## SQL: where the time went'), report.indexOf('## Checks'));
    expect(section).toContain(
      '6,512 of 10,000 statements took over 500ms; 99.8% of their time was spent waiting for a pool connection (6,512 waited longer than they ran). Server: 10,000 writes executed, 0 slower than 500ms on the server.',
    );
    expect(section).toContain('| **insert** · pool wait | 10,000 | – | 41µs | 1.11s | 812ms | 1.4s | 1.53s | 1.55s | 1.55s |');
    expect(section).toContain('| insert · execution | 10,000 | – |');
    expect(section).toContain('| insert · total | 10,000 | 0 (0%) |');
    expect(section).toContain('| insert | 3.2ms | 1.55s | 1.55s | 3ms |');
    expect(section).toContain('- Pool wait: measured by ticketsim on the wall clock: from asking the pool for a connection to having it.');
    expect(section).toContain('- Server: SHOW SESSION STATUS (Com_insert + Com_delete, Slow_queries) of 10 pool sessions, session long_query_time 0.5 s.');
  });

  it('says so when no SQL ran', () => {
    const { sql: _unused, ...withoutSql } = passingResult;
    expect(renderMarkdownReport(withoutSql, meta)).toContain('## SQL: where the time went\n\nNo SQL statement ran.');
  });
});

describe('renderMarkdownReport on a cancel storm', () => {
  const report = renderMarkdownReport(stormNaiveResult, meta);

  it('judges the strategy by its cancel', () => {
    expect(report).toContain('- **What it does:** `naive` cancels by deleting the row, adding a seat back and dropping the buyer');
    expect(report).toContain('- **Why it failed:** no-over-stocking: over-stocked by 200 seats (all in the storm); cancels-honoured-once: 150 cancels honoured with no row deleted. Why: every duplicate or bogus cancel still gives a seat back');
  });

  it('lists the storm parameters, the phases and the cancel counts', () => {
    for (const row of ['| Cancel share | 50% |', '| Cancel dupes | 3 |', '| Re-buyers | 100 |']) expect(report).toContain(row);
    expect(report).toContain('| sell-out | 100 | 90ms | 100 | 100 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(report).toContain('| storm | 300 | 210ms | 300 | 0 | 0 | 200 | 0 | 100 | 0 | 0 |');
    expect(report).toContain('| re-bought (after a cancel) | 100 |');
    expect(report).toContain('| **cancel** | 200 |');
  });
});

describe('renderMarkdownReport on a write-behind run', () => {
  const report = renderMarkdownReport(behindResult, meta);
  const section = report.slice(report.indexOf('## Write-behind'), report.indexOf('## Data'));

  it('shows what was acknowledged, what the workers did, the drain and where the topic is', () => {
    expect(section).toContain('5,000 events acknowledged → 5,000 rows inserted · drained in 113ms · lag p50 156ms p99 396ms max 396ms.');
    expect(section).toContain('Topic ticketsim.sales.01JQ7ZK4CC (2 partitions), group ticketsim-workers-01JQ7ZK4CC, 2 workers; kept for inspection');
    expect(section).toContain('| skipped (already written: UNIQUE key) | 2,500 |');
    expect(section).toContain('| events sent twice on purpose (--redeliver) | 2,500 |');
    expect(section).toContain('| drain | done in 113ms |');
    expect(section).toContain('| acknowledged → row visible | 5,000 | 41µs | 228ms | 156ms | 300ms | 396ms | 396ms | 396ms |');
    expect(section).toContain('polling MySQL every 20ms');
  });

  it('draws the drain curve as a mermaid line with the rows as its values, and a text fallback', () => {
    expect(section).toContain('    line [0, 1000, 2500, 5000]');
    expect(section).toContain('x-axis "time after the first release" ["1s", "1.8s", "2s", "2.2s"]');
    expect(section).toMatch(/```text\n[^`]*\n\s+2\.2s █+ 5,000\n```/);
  });

  it('says a synchronous run had no write-behind path', () => {
    expect(renderMarkdownReport(passingResult, meta)).toContain('The run wrote synchronously (`--write sync`)');
  });
});

describe('renderMarkdownReport on an open-model run', () => {
  const report = renderMarkdownReport(rateResult, meta);
  const load = report.slice(report.indexOf('## Load'), report.indexOf('## Over time'));
  const overTime = report.slice(report.indexOf('## Over time'), report.indexOf('## SQL'));

  it('tabulates the model, the late starts, the drops and the generator delay, and says ticketsim was the bottleneck', () => {
    expect(load).toContain('| model | rate 2,000/s for 3s (achieved 1,960/s), at most 200 in flight |');
    expect(load).toContain('| attempts planned / started | 6,000 / 5,880 |');
    expect(load).toContain('| start lag p50 / p99 / max | 90µs / 2.9ms / 9.8ms |');
    expect(load).toContain('| generator event-loop delay p50 / p99 / max | 10.2ms / 61.4ms / 88ms |');
    expect(load).toContain('**ticketsim was the bottleneck:** 120 arrivals dropped');
    expect(report).toContain('| dropped at the in-flight cap | 120 |');
  });

  it('charts throughput and p99 per second, with a text fallback', () => {
    expect(overTime).toContain('title "Throughput over time"');
    expect(overTime).toContain('    line [1900, 1990, 1990]');
    expect(overTime).toContain('title "p99 latency over time"');
    expect(overTime).toMatch(/```text\n\s+0s {2}[█▉▊▋▌▍▎▏]+\s+1,900\/s/);
  });

  it('says a run under two seconds has no series', () => {
    expect(renderMarkdownReport(passingResult, meta)).toContain('The run lasted under two seconds: no series to draw.');
  });
});
