// Opens the ports a run uses: the real services, or the in-process ones. `auto` takes the real
// services when each one the scenario needs accepts a connection within about a second, and says
// why it chose what it chose.
import type { ServicesConfig } from '../config/config.js';
import type { InfraMode } from '../config/defaults.js';
import { formatEndpoint } from '../config/endpoints.js';
import type { Endpoint } from '../config/endpoints.js';
import { createMemoryInfrastructure } from './memory/index.js';
import { acceptsConnection } from './tcp-probe.js';
import type { EngineObserver, Infrastructure } from './ports.js';
import type { LedgerTable } from './mysql/tables.js';

export type ServiceName = 'redis' | 'mysql' | 'kafka';

export interface OpenOptions {
  mode: InfraMode;
  services: ServicesConfig;
  needs: readonly ServiceName[];
  poolSize: number;
  seed: number;
  /** Hears about lock acquisitions and SQL statements (the run's measurements). */
  observer?: EngineObserver;
  /** The server counts statements slower than this (session long_query_time), for the sql section. */
  slowSqlMs?: number;
  /**
   * The planted non-idempotent worker's table (plainTableOf): the ledger writes it instead of
   * purchases; on the real services it is created after connecting and dropped on close.
   */
  table?: LedgerTable;
}

/** Opened infrastructure and the one-line reason it was chosen. */
export interface OpenedInfrastructure {
  infra: Infrastructure;
  reason: string;
}

/** How long auto mode waits for a service before choosing the in-process infrastructure. */
const AUTO_PROBE_MS = 1000;

/** Opens real or in-process infrastructure; real-mode connection failures throw InfrastructureError. */
export async function openInfrastructure(options: OpenOptions): Promise<OpenedInfrastructure> {
  const inProcess = () =>
    createMemoryInfrastructure({
      seed: options.seed,
      poolSize: options.poolSize,
      observer: options.observer,
      slowSqlMs: options.slowSqlMs,
      withLog: options.needs.includes('kafka'),
      idempotentLedger: options.table?.idempotent,
    });
  if (options.mode === 'memory') return { infra: inProcess(), reason: '--infra memory' };
  if (options.mode === 'auto') {
    const missing = await firstUnreachable(options.needs.map((name) => [name, endpointOf(options.services, name)] as const));
    if (missing !== undefined) return { infra: inProcess(), reason: `auto: ${missing} unreachable; --infra real requires the real services` };
  }
  // The drivers load only for a real run: an in-process run starts without them.
  const { openReal } = await import('./real-infrastructure.js');
  const infra = await openReal(options);
  const reason = options.mode === 'auto' ? `auto: ${options.needs.join(', ').replace(/, (\w+)$/, ' and $1')} answered` : '--infra real';
  return { infra, reason };
}

/** Where a service is: Redis and MySQL from their URLs, Kafka by its first broker. */
export function endpointOf(services: ServicesConfig, name: ServiceName): Endpoint {
  if (name === 'redis') return services.redis.endpoint;
  if (name === 'mysql') return services.mysql.endpoint;
  return services.kafka.brokers[0]!;
}

/** "redis at 127.0.0.1:6379" for the first service that refuses or ignores a TCP connect. */
async function firstUnreachable(targets: readonly (readonly [ServiceName, Endpoint])[]): Promise<string | undefined> {
  const answers = await Promise.all(targets.map(([, endpoint]) => acceptsConnection(endpoint, AUTO_PROBE_MS)));
  const index = answers.indexOf(false);
  return index === -1 ? undefined : `${targets[index]![0]} at ${formatEndpoint(targets[index]![1])}`;
}
