// The lines of `ticketsim serve`: listening (plain and JSON; the reason when auto chose; the lane
// when writing behind), stopped, and what a stop had to leave.
import { describe, expect, it } from 'vitest';
import { loadServeConfig } from '../config/serve-config.js';
import type { RunningServer, ServerStopped } from '../server/serve.js';
import { listeningLine, stopWarnings, stoppedLine } from './serve-format.js';

const server: RunningServer = {
  host: '127.0.0.1',
  port: 8080,
  url: 'http://127.0.0.1:8080',
  runId: 'mx4n0hrn-e86f',
  kind: 'real',
  reason: '--infra real',
  stop: () => Promise.reject(new Error('not here')),
};
const lane = { topic: 'ticketsim.sales.mx4n0hrn-e86f', dlqTopic: 'ticketsim.sales.mx4n0hrn-e86f.dlq', group: 'ticketsim-workers-mx4n0hrn-e86f' };

describe('serve lines', () => {
  it('listening: strategy, write mode, infra and the address', () => {
    expect(listeningLine(loadServeConfig({ infra: 'real' }, {}), server)).toBe('ticketsim serve: lua, write sync, infra real — listening on http://127.0.0.1:8080');
    const auto = { ...server, kind: 'memory' as const, reason: 'auto: redis at 127.0.0.1:6379 unreachable, no service address given' };
    expect(listeningLine(loadServeConfig({ strategy: 'dcl' }, {}), auto)).toBe(
      'ticketsim serve: dcl, write sync, infra memory (auto: redis at 127.0.0.1:6379 unreachable, no service address given) — listening on http://127.0.0.1:8080',
    );
    expect(listeningLine(loadServeConfig({ infra: 'real', write: 'behind', workers: 2 }, {}), { ...server, lane })).toBe(
      'ticketsim serve: lua, write behind (2 workers on ticketsim.sales.mx4n0hrn-e86f), infra real — listening on http://127.0.0.1:8080',
    );
  });

  it('listening as one JSON line, with the lane when writing behind', () => {
    const line = listeningLine(loadServeConfig({ infra: 'real', write: 'behind', json: true }, {}), { ...server, lane });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      event: 'listening',
      url: 'http://127.0.0.1:8080',
      host: '127.0.0.1',
      port: 8080,
      strategy: 'lua',
      write: 'behind',
      infra: 'real',
      infraReason: '--infra real',
      runId: 'mx4n0hrn-e86f',
      ...lane,
      workers: 1,
    });
  });

  it('listening as JSON names the metrics endpoint when --metrics-port serves one', () => {
    const config = loadServeConfig({ infra: 'real', json: true }, {});
    expect(JSON.parse(listeningLine(config, server, 'http://127.0.0.1:41233/metrics'))).toMatchObject({ url: 'http://127.0.0.1:8080', metricsUrl: 'http://127.0.0.1:41233/metrics' });
    expect(JSON.parse(listeningLine(config, server))).not.toHaveProperty('metricsUrl');
    expect(listeningLine(loadServeConfig({ infra: 'real' }, {}), server, 'http://127.0.0.1:41233/metrics')).not.toContain('metrics');
  });

  it('stopped, and what the stop had to leave', () => {
    const stopped: ServerStopped = { counts: { answered: 12_345, failed: 2 }, cutOff: 3, graceMs: 10_000, unwritten: 7, kept: { names: 'topics a and a.dlq and group g', why: '7 acknowledged events not yet written' } };
    expect(stoppedLine(loadServeConfig({}, {}), 'SIGTERM', stopped)).toBe('ticketsim serve: stopped on SIGTERM — 12,345 requests answered, 2 failed');
    expect(JSON.parse(stoppedLine(loadServeConfig({ json: true }, {}), 'SIGINT', stopped))).toEqual({
      event: 'stopped',
      signal: 'SIGINT',
      answered: 12_345,
      failed: 2,
      cutOff: 3,
      unwritten: 7,
      kept: stopped.kept,
    });
    expect(stopWarnings(server, stopped)).toEqual([
      '3 requests were still in flight after 10 s; their connections were closed',
      'left topics a and a.dlq and group g (7 acknowledged events not yet written); `ticketsim clean --run mx4n0hrn-e86f` removes them',
    ]);
    expect(stopWarnings(server, { counts: { answered: 0, failed: 0 }, cutOff: 0, graceMs: 10_000 })).toEqual([]);
  });
});
