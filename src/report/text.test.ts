// Tests of the plain-text summary, start and progress lines: content, verdicts, and no escape
// codes at all when colour is off (NO_COLOR, not a TTY).
import { describe, expect, it } from 'vitest';
import { behindResult, failingResult, interruptedResult, passingResult, rateResult, slowSql, spamLockResult, stormNaiveResult } from './fixtures.js';
import { dataLocation, formatProgressLine, formatStartLine, formatSummary } from './text.js';

describe('formatSummary', () => {
  const text = formatSummary(passingResult, { color: false });

  it('shows parameters, infra, outcomes, latency, checks and verdict', () => {
    expect(text).toContain('oversell · strategy lua · infra: real (auto: redis and mysql answered)');
    expect(text).toContain('1,000 users · stock 100 · concurrency unlimited · pool 10 · write sync · seed 42');
    expect(text).toMatch(/purchased\s+100\n/);
    expect(text).toMatch(/sold out\s+900\n/);
    expect(text).toMatch(/Latency\s+count\s+min\s+mean\s+p50\s+p90\s+p99\s+p99\.9\s+max\n/);
    expect(text).toMatch(/purchase\s+1,000\s+41µs\s+797µs\s+406µs\s+1\.19ms\s+3\.21ms\s+5\.9ms\s+6\.1ms/);
    expect(text).toMatch(/sold-out\s+900\s+41µs\s+771µs\s+391µs/);
    expect(text).toMatch(/✓\s+no-oversell\s+≤ 100 sold\s+100 sold\s+redis stock 0, mysql rows 100/);
    expect(text).toContain('PASS  all 4 checks held');
    expect(text).toContain(`reproduce: ${passingResult.command}`);
  });

  it('says the error rate, what the run cost ticketsim, where it ran and the versions', () => {
    expect(text).toContain('1,000 attempts in 412ms · 2,427/s · error rate 0%');
    expect(text).toContain('ticketsim itself: 1.92s CPU (147% of one core) · peak memory 212 MiB · wall 1.31s, set-up and checks included');
    expect(text).toContain('ran on: AMD EPYC 7B13 × 2 logical CPUs · 8 GiB memory · Debian GNU/Linux 12 (bookworm), Linux 6.1.0-18-amd64');
    expect(text).toContain('versions: node v20.20.2 · ticketsim 0.1.0 · redis 7.0.15 · mysql 10.11.6-MariaDB · kafka not used');
    expect(formatSummary(interruptedResult, { color: false })).toContain('600 attempts in 412ms · 2,427/s · error rate 52%');
  });

  it('contains no escape codes when colour is off', () => {
    for (const result of [passingResult, failingResult, interruptedResult]) {
      expect(formatSummary(result, { color: false })).not.toContain('\u001b');
    }
    expect(formatStartLine(passingResult, { color: false })).not.toContain('\u001b');
  });

  it('colours the verdict when colour is on', () => {
    expect(formatSummary(passingResult, { color: true })).toContain('\u001b[32mPASS');
  });

  it('renders ✗ and FAIL for a planted failing run', () => {
    const failing = formatSummary(failingResult, { color: false });
    expect(failing).toMatch(/✗\s+no-oversell\s+≤ 100 sold\s+1000 sold\s+sold 1000 of 100/);
    expect(failing).toContain('FAIL  2 of 3 checks failed — no-oversell: sold 1000 of 100: oversold by 900; also stock-conserved');
    expect(failing).not.toContain('PASS');
  });

  it('never cuts a failed check: its observed value and detail are there whole, however long', () => {
    const detail = '1,500 cancels honoured with no row deleted; 500 users told cancelled more than once (user-0 3 times, user-1 3 times and 498 more)';
    const observed = 'told purchased 1,000 + re-bought 1,000 − cancelled 2,000 = 0; rows 1,500';
    const checks = [{ name: 'cancels-honoured-once', ok: false, expected: 'cancelled = deleted', observed, detail }, ...stormNaiveResult.checks];
    const summary = formatSummary({ ...stormNaiveResult, checks }, { color: false });
    expect(summary).toMatch(new RegExp(`✗\\s+cancels-honoured-once\\s+cancelled = deleted\\s+${observed.replace(/[+]/g, '\\+')}\\s+${detail.replace(/[()]/g, '\\$&')}\n`));
    expect(summary).toContain(`FAIL  3 of 3 checks failed — cancels-honoured-once: ${detail}`);
    expect(summary).not.toContain('…');
  });

  it('lists error causes and says INTERRUPTED for a stopped run', () => {
    const stopped = formatSummary(interruptedResult, { color: false });
    expect(stopped).toContain('300 × ER_CON_COUNT_ERROR: Too many connections');
    expect(stopped).toMatch(/not started\s+400/);
    expect(stopped).toMatch(/^INTERRUPTED PASS {2}all 4 checks held · 312 infrastructure errors, mostly ER_CON_COUNT_ERROR: Too many connections \(stopped by Ctrl-C; 400 attempts not started\)$/m);
  });
});

describe('start and progress lines', () => {
  it('names the infra and why it was chosen, loudly when in-process', () => {
    expect(formatStartLine(passingResult, { color: false })).toBe(
      'ticketsim oversell · strategy lua · 1,000 users · stock 100 · infra: real (auto: redis and mysql answered)',
    );
    const memory = { ...passingResult, infra: 'memory' as const, infraReason: 'auto: redis unreachable' };
    expect(formatStartLine(memory, { color: false })).toContain('infra: memory (auto: redis unreachable) — in-process');
  });

  it('prints done/total, rate and outcomes so far', () => {
    const snapshot = {
      scenario: 'oversell', strategy: 'lua', infra: 'real' as const, infraReason: undefined, params: passingResult.params,
      phase: 'running' as const, total: 1000, done: 650, inFlight: 120, counts: { ...passingResult.counts, purchased: 100, soldOut: 550 },
      elapsedMs: 1200, ratePerSec: 2826.4, operations: [], stage: undefined, guards: passingResult.guards, sql: undefined, writeBehind: undefined, faults: undefined, recent: [],
    };
    expect(formatProgressLine(snapshot, { color: false })).toBe(
      'running 650/1,000 (65%) · 2,826/s · in flight 120 · purchased 100 · sold out 550 · duplicate 0 · errors 0 · 1.2s',
    );
  });
});

describe('formatSummary: guards and sql', () => {
  it('shows lock traffic and where duplicates were caught', () => {
    const text = formatSummary(spamLockResult, { color: false });
    expect(text).toContain('100 users × 20 requests · stock 100');
    expect(text).toContain('  2,000 locks granted of 2,000 asked · 9,130 tries · 0 rejected before the lock');
    expect(text).toContain('  duplicates caught by: ledger 48');
  });

  it('shows pool wait apart from execution, the finding, the slowest statement and the server count', () => {
    const text = formatSummary({ ...passingResult, sql: slowSql }, { color: false });
    expect(text).toMatch(/insert\s+10,000\s+pool wait\s+41µs\s+1\.11s\s+812ms\s+1\.4s\s+1\.53s/);
    expect(text).toMatch(/execution\s+41µs\s+1\.7ms\s+1\.1ms\s+2\.3ms\s+4\.1ms/);
    expect(text).toContain('  6,512 of 10,000 statements took over 500ms; 99.8% of their time was spent waiting for a pool connection');
    expect(text).toContain('  slowest: insert 1.55s = 1.55s waiting + 3ms executing');
    expect(text).toContain('  server: 10,000 writes executed, 0 slower than 500ms on the server');
  });

  it('leaves the sections out when nothing happened there', () => {
    const { sql: _unused, ...withoutSql } = passingResult;
    const text = formatSummary(withoutSql, { color: false });
    expect(text).not.toContain('SQL (client-side)');
    expect(text).not.toContain('Guards');
  });
});

describe('formatProgressLine in a storm', () => {
  it('names the phase and counts cancels', () => {
    const snapshot = {
      scenario: 'cancel-storm', strategy: 'lua', infra: 'real' as const, infraReason: undefined, params: stormNaiveResult.params,
      phase: 'running' as const, stage: { name: 'storm', index: 1, of: 2 }, total: 1200, done: 300, inFlight: 900,
      counts: { ...stormNaiveResult.counts, cancelled: 40, rebought: 12 }, elapsedMs: 999.7, ratePerSec: 300, operations: [],
      guards: stormNaiveResult.guards, sql: undefined, writeBehind: undefined, faults: undefined, recent: [],
    };
    expect(formatProgressLine(snapshot, { color: false })).toBe(
      'storm 2/2 300/1,200 (25%) · 300/s · in flight 900 · purchased 100 · sold out 0 · cancelled 40 · re-bought 12 · errors 0 · 1.0s',
    );
  });
});

describe('formatSummary: a cancel storm', () => {
  it('shows the storm parameters, cancel outcomes, each operation and the phases', () => {
    const text = formatSummary(stormNaiveResult, { color: false });
    expect(text).toContain('100 users, 50% cancel ×3, 100 re-buyers · stock 100');
    expect(text).toMatch(/cancelled\s+200\n\s+not purchased\s+0\n\s+re-bought\s+100\n/);
    expect(text).toMatch(/\n {2}cancel\s+200\s/);
    expect(text).toContain('phases: sell-out 100 attempts in 90ms · storm 300 attempts in 210ms');
  });
});

describe('formatSummary: writing behind', () => {
  it('shows the write-behind path with the workers, the redelivered copies and the drain curve', () => {
    const text = formatSummary(behindResult, { color: false });
    expect(text).toContain('write behind');
    expect(text).toContain('  workers: inserted 5,000 · skipped 2,500 · deleted 0 · absent 0 · dead-lettered 0 of 7,500 delivered');
    expect(text).toContain('  5,000 events in 10 produce requests, 2,500 sent twice on purpose');
    expect(text).toMatch(/ {4}2\.2s █+ 5,000/);
    expect(text).not.toContain('SQL (client-side)');
    expect(text).not.toContain('waited for');
  });

  it('says which service the workers waited for, how long and from when, or that it never came back', () => {
    const outages = [
      { service: 'mysql' as const, address: '127.0.0.1:3306', error: 'Connection lost', atMs: 1200, awayMs: 9900 },
      { service: 'kafka' as const, address: '127.0.0.1:9092', error: 'ECONNREFUSED', atMs: 15_000, awayMs: null },
    ];
    const result = { ...behindResult, writeBehind: { ...behindResult.writeBehind!, outages } };
    expect(formatSummary(result, { color: false })).toContain(
      '  the workers waited for MySQL at 127.0.0.1:3306 for 9.9s from 1.2s in (Connection lost); for Kafka at 127.0.0.1:9092 until the end (never back) from 15s in (ECONNREFUSED)',
    );
  });
});

describe('formatSummary: an open-model run', () => {
  const text = formatSummary(rateResult, { color: false });

  it('names the rate, how the generator kept up, the drops and the run over time', () => {
    expect(text).toContain('2,000 buyers/s for 3s · stock 5,000');
    expect(text).toMatch(/dropped \(cap\)\s+120\n/);
    expect(text).toContain('load: rate 2,000/s for 3s (achieved 1,960/s), at most 200 in flight');
    expect(text).toContain('generator: 37 of 5,880 started late');
    expect(text).toContain('ticketsim was the bottleneck: 120 arrivals dropped at the in-flight cap');
    expect(text).toMatch(/Over time\n {5}0s {2}[█▉▊▋▌▍▎▏]+\s+1,900\/s/);
  });

  it('leaves the series out of a run shorter than two seconds, and the warning out when the generator kept up', () => {
    const burst = formatSummary(passingResult, { color: false });
    expect(burst).not.toContain('Over time');
    expect(burst).not.toContain('bottleneck');
    expect(burst).toContain('load: burst: every attempt due at the release');
  });
});

describe('dataLocation', () => {
  it('names where the run left its data, store by store, as the target named it', () => {
    expect(dataLocation(passingResult)).toBe(
      "MySQL purchases rows with ticket_name = 'concert-01JQ7Z4K2M'; Redis ticketsim:{concert-01JQ7Z4K2M}:stock, ticketsim:{concert-01JQ7Z4K2M}:buyers",
    );
    const elsewhere = { ...passingResult, data: { sale: 's', stores: [{ store: 'Postgres', holds: ['orders rows with event = 7'] }] } };
    expect(dataLocation(elsewhere)).toBe('Postgres orders rows with event = 7');
  });
});
