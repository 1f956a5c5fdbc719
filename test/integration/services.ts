// Decides whether integration tests can reach the real services. On a developer's machine a missing
// service skips its tests with a printed reason; with CI=true or TICKETSIM_REQUIRE_SERVICES=1 it
// fails the run instead.
import { loadConfig } from '../../src/config/config.js';
import type { Config } from '../../src/config/config.js';
import { formatEndpoint } from '../../src/config/endpoints.js';
import { acceptsConnection } from '../../src/engine/tcp-probe.js';
import { endpointOf } from '../../src/engine/infrastructure.js';
import type { ServiceName } from '../../src/engine/ports.js';

/** The services config every integration test uses (env vars honoured, defaults otherwise). */
export const servicesConfig: Config['services'] = loadConfig({}).services;

const required = process.env.CI === 'true' || process.env.TICKETSIM_REQUIRE_SERVICES === '1';

/**
 * True when every named service accepts connections. False (with a printed reason) when one does
 * not; throws instead when services are required.
 */
export async function servicesAvailable(...names: ServiceName[]): Promise<boolean> {
  for (const name of names) {
    const endpoint = endpointOf(servicesConfig, name);
    if (await acceptsConnection(endpoint, 1500)) continue;
    const reason = `${name} at ${formatEndpoint(endpoint)} is unreachable (start it: bash scripts/services.sh start)`;
    if (required) throw new Error(`${reason}; integration tests are required here (CI=true or TICKETSIM_REQUIRE_SERVICES=1)`);
    console.warn(`skipping integration tests that need ${names.join(', ')}: ${reason}`);
    return false;
  }
  return true;
}
