// The lines `ticketsim serve` prints: one when listening and one when stopped (each a JSON line with
// --json), and what a stop could not do cleanly (stderr).
import type { ServeConfig } from '../config/serve-config.js';
import type { RunningServer, ServerStopped } from '../server/serve.js';

/**
 * `ticketsim serve: lua, write sync, infra real — listening on http://127.0.0.1:8080`, or its JSON
 * line, which carries `metricsUrl` when --metrics-port serves metrics (the plain line leaves that to
 * the `metrics:` line on stderr).
 */
export function listeningLine(config: ServeConfig, server: RunningServer, metricsUrl?: string): string {
  const { strategy, write } = config;
  const infraReason = server.reason;
  if (config.json) {
    const lane = server.lane === undefined ? {} : { ...server.lane, workers: write.workers };
    const { url, host, port, runId, kind } = server;
    const metrics = metricsUrl === undefined ? {} : { metricsUrl };
    return JSON.stringify({ event: 'listening', url, host, port, strategy, write: write.mode, infra: kind, infraReason, runId, ...lane, ...metrics });
  }
  const behind = server.lane === undefined ? '' : ` (${write.workers} worker${write.workers === 1 ? '' : 's'} on ${server.lane.topic})`;
  const infra = config.infra === 'auto' ? `${server.kind} (${infraReason})` : server.kind;
  return `ticketsim serve: ${strategy}, write ${write.mode}${behind}, infra ${infra} — listening on ${server.url}`;
}

/** `ticketsim serve: stopped on SIGTERM — 1,234 requests answered, 0 failed`, or its JSON line. */
export function stoppedLine(config: ServeConfig, signal: NodeJS.Signals, stopped: ServerStopped): string {
  const { counts, cutOff, unwritten, kept } = stopped;
  if (config.json) return JSON.stringify({ event: 'stopped', signal, ...counts, cutOff, ...(unwritten === undefined ? {} : { unwritten }), ...(kept === undefined ? {} : { kept }) });
  const n = (value: number) => value.toLocaleString('en-US');
  return `ticketsim serve: stopped on ${signal} — ${n(counts.answered)} requests answered, ${n(counts.failed)} failed`;
}

/** What a stop could not do cleanly, one line each. */
export function stopWarnings(server: RunningServer, { cutOff, graceMs, kept }: ServerStopped): string[] {
  return [
    ...(cutOff > 0 ? [`${cutOff} requests were still in flight after ${graceMs / 1000} s; their connections were closed`] : []),
    ...(kept === undefined ? [] : [`left ${kept.names} (${kept.why}); \`ticketsim clean --run ${server.runId}\` removes them`]),
  ];
}
