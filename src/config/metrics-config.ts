// --metrics-port, --metrics-host and --metrics-linger (and TICKETSIM_METRICS_PORT) → where a command
// serves its Prometheus metrics, or nothing when no port is given; every problem at once (exit 2).
import { UsageError } from '../errors.js';
import { ENV } from './defaults.js';
import { isLoopback } from './endpoints.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The metrics endpoint listens on loopback unless told otherwise: it names runs and services, nothing to publish. */
export const METRICS_HOST = '127.0.0.1';

/** Where a command serves its metrics. */
export interface MetricsConfig {
  /** The address to listen on (brackets of an IPv6 address removed). */
  host: string;
  /** 0: any free port (the one taken is said on stderr). */
  port: number;
  /** Seconds the endpoint stays up once the run has ended, so a scrape sees the final values. */
  lingerSeconds: number;
}

/** The metrics flags as yargs parsed them. */
export interface MetricsFlags {
  metricsPort?: number;
  metricsHost?: string;
  metricsLinger?: number;
  /** The command's --allow-remote: lets --metrics-host be an address that is not loopback. */
  allowRemote?: boolean;
}

/** The help of the flags, shared by every command that serves metrics. */
export const METRICS_PORT_HELP = `serve Prometheus metrics on http://HOST:N/metrics (0: any free port, said on stderr) [env: ${ENV.metricsPort}]`;
export const METRICS_HOST_HELP = `address the metrics endpoint listens on; loopback only unless --allow-remote [default: ${METRICS_HOST}]`;
export const METRICS_LINGER_HELP = 'keep the metrics endpoint up S seconds after the run ends, so a scrape sees the final values (Ctrl-C ends it) [default: 0]';

/** The metrics endpoint asked for, or undefined when neither the flag nor the env names a port. */
export function loadMetricsConfig(flags: MetricsFlags, env: Env = process.env): MetricsConfig | undefined {
  const problems: string[] = [];
  const fromEnv = env[ENV.metricsPort];
  const port = flags.metricsPort ?? (fromEnv === undefined || fromEnv === '' ? undefined : Number(fromEnv));
  const named = flags.metricsPort === undefined ? ENV.metricsPort : '--metrics-port';
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) problems.push(`${named} must be a port number from 0 to 65535, not ${flags.metricsPort ?? fromEnv}`);
  const linger = flags.metricsLinger ?? 0;
  if (!(Number.isFinite(linger) && linger >= 0)) problems.push(`--metrics-linger must be a number of seconds ≥ 0, not ${flags.metricsLinger}`);
  if (port === undefined && flags.metricsLinger !== undefined) problems.push('--metrics-linger needs --metrics-port (or TICKETSIM_METRICS_PORT)');
  const host = (flags.metricsHost ?? METRICS_HOST).replace(/^\[(.*)\]$/, '$1');
  const hostProblem = metricsHostProblem(host, flags.allowRemote ?? false);
  if (hostProblem !== undefined) problems.push(hostProblem);
  else if (port === undefined && flags.metricsHost !== undefined) problems.push('--metrics-host needs --metrics-port (or TICKETSIM_METRICS_PORT)');
  if (problems.length > 0) throw new UsageError(problems);
  return port === undefined ? undefined : Object.freeze({ host, port, lingerSeconds: linger });
}

/** Why the endpoint may not listen on `host`: empty, or off loopback (127.0.0.0/8, ::1, localhost) without --allow-remote. */
export function metricsHostProblem(host: string, allowRemote: boolean): string | undefined {
  if (host.trim() === '') return '--metrics-host needs an address, e.g. 127.0.0.1';
  if (isLoopback(host) || allowRemote) return undefined;
  return `--metrics-host ${host} is not a loopback address; metrics are served only on 127.0.0.1/localhost/::1 unless --allow-remote is given too`;
}
