// `ticketsim serve` flags → a validated ServeConfig (every problem at once, exit 2): the engine's two
// axes, the infrastructure, where to listen (loopback unless --allow-remote), and the write-behind
// workers; the services as every command finds them.
import { DEFAULTS, INFRA_MODES, LIMITS } from './defaults.js';
import type { InfraMode } from './defaults.js';
import { oneOf } from './config.js';
import { isLoopback } from './endpoints.js';
import { buildServices } from './services.js';
import type { ServiceFlags, ServicesConfig } from './services.js';
import { STRATEGIES } from './strategies.js';
import type { StrategyName } from './strategies.js';
import { integer } from './whole-number.js';
import { WORKLOAD_OPTIONS } from './workload-options.js';
import { WRITE_MODES, buildWriteConfig } from './write-config.js';
import type { WriteConfig, WriteModeName } from './write-config.js';
import { UsageError } from '../errors.js';

/** Defaults of the serve command. */
export const SERVE_DEFAULTS = Object.freeze({ host: '127.0.0.1', port: 8080, write: 'sync' as WriteModeName });

/** The flags of `ticketsim serve` as parsed. */
export interface ServeFlags extends ServiceFlags {
  strategy?: string;
  write?: string;
  infra?: string;
  host?: string;
  port?: number;
  allowRemote?: boolean;
  workers?: number;
  poolSize?: number;
  insertGroup?: number;
  json?: boolean;
}

/** What `ticketsim serve` runs. */
export interface ServeConfig {
  services: ServicesConfig;
  strategy: StrategyName;
  infra: InfraMode;
  /** How purchases are made durable; writing behind, the server's own lane (workers, partitions, …). */
  write: WriteConfig;
  /** The address to listen on (brackets of an IPv6 address removed). */
  host: string;
  /** 0: any free port (the listening line says which). */
  port: number;
  poolSize: number;
  /** Most purchases one synchronous INSERT carries on real MySQL (1: one INSERT each). */
  insertGroup: number;
  /** The in-process infrastructure's seed (its simulated latencies). */
  seed: number;
  json: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Builds serve's config or throws a UsageError listing every problem. */
export function loadServeConfig(flags: ServeFlags, env: Env = process.env): ServeConfig {
  const problems: string[] = [];
  const services = buildServices(flags, env, problems);
  const strategy = oneOf(flags.strategy ?? DEFAULTS.strategy, STRATEGIES, '--strategy', problems);
  const infra = oneOf(flags.infra ?? DEFAULTS.infra, INFRA_MODES, '--infra', problems);
  const mode = oneOf(flags.write ?? SERVE_DEFAULTS.write, WRITE_MODES, '--write', problems);
  const host = (flags.host ?? SERVE_DEFAULTS.host).replace(/^\[(.*)\]$/, '$1');
  if (host === '') problems.push('--host needs an address, e.g. 127.0.0.1');
  else if (!isLoopback(host) && !flags.allowRemote) {
    problems.push(`--host ${host} is not a loopback address; the server listens only on 127.0.0.1/localhost/::1 unless --allow-remote is given too`);
  }
  const port = integer(flags.port ?? SERVE_DEFAULTS.port, '--port', 0, 65_535, problems);
  const poolSize = integer(flags.poolSize ?? WORKLOAD_OPTIONS.poolSize.default, '--pool-size', 1, LIMITS.maxPoolSize, problems);
  const insertGroup = integer(flags.insertGroup ?? WORKLOAD_OPTIONS.insertGroup.default, '--insert-group', 1, LIMITS.maxInsertGroup, problems);
  const { min, max } = WORKLOAD_OPTIONS.workers.kind;
  const workers = integer(flags.workers ?? WORKLOAD_OPTIONS.workers.default, '--workers', min, max, problems);
  if (flags.workers !== undefined && mode !== 'behind') problems.push('--workers applies only with --write behind (the workers write MySQL behind the requests)');
  if (problems.length > 0 || services === undefined) throw new UsageError(problems);
  const write = buildWriteConfig(mode, {
    workers,
    partitions: workers,
    redeliver: WORKLOAD_OPTIONS.redeliver.default,
    drainTimeout: WORKLOAD_OPTIONS.drainTimeout.default,
    batchSize: WORKLOAD_OPTIONS.batchSize.default,
    writesInFlight: WORKLOAD_OPTIONS.writesInFlight.default,
    keepTopic: WORKLOAD_OPTIONS.keepTopic.default,
  });
  const seed = WORKLOAD_OPTIONS.seed.default;
  return Object.freeze({ services, strategy, infra, write, host, port, poolSize, insertGroup, seed, json: flags.json ?? false });
}
