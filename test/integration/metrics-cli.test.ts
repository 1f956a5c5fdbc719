// `ticketsim run --metrics-port 0 --metrics-linger`: the built CLI in a child process serves its
// Prometheus metrics, and a scrape during the linger (awaited by its line on stderr, never by
// sleeping) sees the final figures: as many latency observations as attempts, answers by outcome
// as the result JSON counts them. promtool, Prometheus's own checker, must accept the exposition
// (and, to show it can fail, refuse a planted bad one); without promtool that part is skipped.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/result.js';
import { BIN, until } from './cli.js';
import { checkMetrics, promtool, sampleSum } from './scrape.js';

describe('ticketsim run --metrics-port', () => {
  it('serves the final figures while it lingers, and Ctrl-C ends the linger', async () => {
    const child = spawn(BIN, ['run', 'oversell', '--infra', 'memory', '--json', '--metrics-port', '0', '--metrics-linger', '30'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const ended = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    await until('the run to end and its metrics to linger', () => /stays up 30 s/.test(stderr), 50_000);
    const url = /metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(stderr)![1]!;
    const text = await (await fetch(url)).text();
    child.kill('SIGINT');
    expect(await ended).toBe(0);
    const result = JSON.parse(stdout) as RunResult;
    const run = { run_id: result.runId, scenario: 'oversell', strategy: result.strategy, write: 'sync' };

    expect(sampleSum(text, 'ticketsim_latency_seconds_count', { ...run, operation: 'purchase' })).toBe(result.counts.attempts);
    expect(sampleSum(text, 'ticketsim_latency_seconds_bucket', { ...run, le: '+Inf' })).toBe(result.counts.attempts);
    expect(sampleSum(text, 'ticketsim_attempts_total', run)).toBe(result.counts.attempts);
    expect(sampleSum(text, 'ticketsim_answers_total', { ...run, outcome: 'purchased' })).toBe(result.counts.purchased);
    expect(sampleSum(text, 'ticketsim_answers_total', { ...run, outcome: 'sold-out' })).toBe(result.counts.soldOut);
    expect(sampleSum(text, 'ticketsim_answers_total', { ...run, outcome: 'error' })).toBe(result.counts.errors);
    expect(sampleSum(text, 'ticketsim_in_flight', run)).toBe(0);
    expect(text).not.toMatch(/user/i);
  });

  it.skipIf(!promtool)('writes an exposition promtool accepts, and promtool refuses a planted bad one', async () => {
    const child = spawn(BIN, ['run', 'cancel-storm', '--infra', 'memory', '--json', '--metrics-port', '0', '--metrics-linger', '30'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const ended = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    await until('the run to end and its metrics to linger', () => /stays up 30 s/.test(stderr), 50_000);
    const text = await (await fetch(/metrics: (\S+)/.exec(stderr)![1]!)).text();
    child.kill('SIGINT');
    await ended;
    expect(checkMetrics(text)).toEqual({ status: 0, said: '' });
    const planted = text.replace(/^(ticketsim_attempts_total\{.*\}) \d+$/m, '$1 many');
    expect(planted).not.toBe(text);
    expect(checkMetrics(planted)).toMatchObject({ status: 1, said: expect.stringContaining('expected float') });
  });
});
