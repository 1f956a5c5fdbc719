// Opens the ports a run uses: the real services, or the in-process ones. `auto` asks each service
// the scenario needs for a connection (about a second at most) and lets infra-choice.ts decide,
// which says why it chose what it chose.
import type { ServicesConfig } from '../config/config.js';
import type { InfraMode } from '../config/defaults.js';
import { formatEndpoint } from '../config/endpoints.js';
import type { Endpoint } from '../config/endpoints.js';
import { InfrastructureError } from '../errors.js';
import { START_SERVICES_HINT } from './hints.js';
import { chooseAuto } from './infra-choice.js';
import type { ServiceAnswer } from './infra-choice.js';
import { createMemoryInfrastructure } from './memory/index.js';
import { createRealClock } from './real-clock.js';
import { acceptsConnection } from './tcp-probe.js';
import type { OpenOptions } from './open-options.js';
import type { Infrastructure, ServiceName } from './ports.js';

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
      clock: options.wallClock ? createRealClock() : undefined,
      steps: options.steps,
      splitReserve: options.splitReserve,
    });
  if (options.mode === 'memory') return { infra: inProcess(), reason: '--infra memory' };
  let reason = '--infra real';
  if (options.mode === 'auto') {
    const choice = chooseAuto(await askNeeded(options.services, options.needs));
    if (choice.infra === 'memory') return { infra: inProcess(), reason: choice.reason };
    reason = choice.reason;
  }
  // The drivers load only for a real run: an in-process run starts without them.
  const { openReal } = await import('./real-infrastructure.js');
  return { infra: await openReal(options), reason };
}

/**
 * Throws, without opening anything, what {@link openInfrastructure} would throw for a service that
 * does not accept a connection (an InfrastructureError, exit 3): under `real` any needed one, under
 * `auto` one auto may not do without. For a command of several runs to check before the first.
 */
export async function checkReachable(mode: InfraMode, services: ServicesConfig, needs: readonly ServiceName[]): Promise<void> {
  if (mode === 'memory') return;
  const answers = await askNeeded(services, needs);
  if (mode === 'auto') {
    chooseAuto(answers);
    return;
  }
  const silent = answers.find((answer) => !answer.answered);
  if (silent !== undefined) throw new InfrastructureError(silent.service, formatEndpoint(silent.endpoint), 'does not accept connections', { hint: START_SERVICES_HINT });
}

/** Where a service is: Redis and MySQL from their URLs, Kafka by its first broker. */
export function endpointOf(services: ServicesConfig, name: ServiceName): Endpoint {
  if (name === 'redis') return services.redis.endpoint;
  if (name === 'mysql') return services.mysql.endpoint;
  return services.kafka.brokers[0]!;
}

/** Asks every needed service for a TCP connection at once. */
async function askNeeded(services: ServicesConfig, needs: readonly ServiceName[]): Promise<ServiceAnswer[]> {
  return Promise.all(
    needs.map(async (service) => {
      const endpoint = endpointOf(services, service);
      return { service, endpoint, givenBy: services[service].givenBy, answered: await acceptsConnection(endpoint, AUTO_PROBE_MS) };
    }),
  );
}
