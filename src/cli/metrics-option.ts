// --metrics-port, --metrics-host and --metrics-linger on the commands that serve Prometheus metrics: the yargs
// options, and the endpoint they open: a registry of the process's own (never prom-client's global
// one), its URL said on stderr, kept up for the linger once the work is done (Ctrl-C or SIGTERM
// ends the linger at once), then closed. prom-client is loaded only when metrics are asked for.
import type { Argv } from 'yargs';
import type { Registry } from 'prom-client';
import { METRICS_HOST_HELP, METRICS_LINGER_HELP, METRICS_PORT_HELP, loadMetricsConfig } from '../config/metrics-config.js';
import type { MetricsConfig, MetricsFlags } from '../config/metrics-config.js';

/** Adds --metrics-port and --metrics-host (and, for a command that ends, --metrics-linger); the command declares --allow-remote. */
export function withMetricsOptions<T>(yargs: Argv<T>, { linger }: { linger: boolean }): Argv<T & MetricsFlags> {
  const withPort = yargs.option('metrics-port', { type: 'number', describe: METRICS_PORT_HELP }).option('metrics-host', { type: 'string', describe: METRICS_HOST_HELP });
  return (linger ? withPort.option('metrics-linger', { type: 'number', describe: METRICS_LINGER_HELP }) : withPort) as Argv<T & MetricsFlags>;
}

/** An open metrics endpoint and the metrics it serves. */
export interface OpenMetrics<T> {
  metrics: T;
  url: string;
  /** Keeps the endpoint up for the configured linger, saying so on stderr; Ctrl-C ends it early. */
  linger(what: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the endpoint the flags (or TICKETSIM_METRICS_PORT) ask for, with the metrics `build` adds
 * to a fresh registry; undefined when no port is asked for. Throws a UsageError on bad flags.
 */
export async function openMetrics<T>(flags: MetricsFlags, build: (registry: Registry) => T | Promise<T>): Promise<OpenMetrics<T> | undefined> {
  const config = loadMetricsConfig(flags);
  if (config === undefined) return undefined;
  const [{ Registry }, { serveMetrics }] = await Promise.all([import('prom-client'), import('../metrics/endpoint.js')]);
  const registry = new Registry();
  const metrics = await build(registry);
  const endpoint = await serveMetrics(registry, config.host, config.port);
  process.stderr.write(`metrics: ${endpoint.url}\n`);
  return { metrics, url: endpoint.url, linger: (what) => linger(config, endpoint.url, what), close: () => endpoint.close() };
}

/** Waits out the linger, or until Ctrl-C or SIGTERM. */
async function linger(config: MetricsConfig, url: string, what: string): Promise<void> {
  if (config.lingerSeconds <= 0) return;
  process.stderr.write(`metrics: ${what} ended; ${url} stays up ${config.lingerSeconds} s (Ctrl-C ends it)\n`);
  const signals = ['SIGINT', 'SIGTERM'] as const;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  for (const signal of signals) process.once(signal, stop);
  const timer = setTimeout(stop, config.lingerSeconds * 1000);
  await stopped;
  clearTimeout(timer);
  for (const signal of signals) process.off(signal, stop);
}
