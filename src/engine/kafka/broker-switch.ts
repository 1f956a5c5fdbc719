// The service-down fault on the real stack: the Kafka broker that scripts/services.sh started (its
// pid file and command line say so) is stopped and started again through that same script. A broker
// started any other way, or at another address, is never touched: the fault is refused instead.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Endpoint } from '../../config/endpoints.js';
import { formatBrokers } from '../../config/endpoints.js';
import { InfrastructureError } from '../../errors.js';
import type { ServiceSwitch } from '../ports.js';

/** The script that runs the local services (from src/engine/kafka or dist/engine/kafka alike). */
const SERVICES_SCRIPT = fileURLToPath(new URL('../../../scripts/services.sh', import.meta.url));

/** Where scripts/services.sh runs its broker. */
const SCRIPT_BROKER_PORT = 9092;

/** How long the script may take: stopping waits up to 30 s for the broker, starting up to 90 s. */
const SCRIPT_TIMEOUT_MS = { owns: 10_000, stop: 45_000, start: 120_000 };

/** Runs `scripts/services.sh <args>`; resolves with its stdout, rejects with its output on failure. */
function services(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [SERVICES_SCRIPT, ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { output: `${stdout}${stderr}`.trim().split('\n').slice(-3).join(' | ') }));
      else resolve(stdout);
    });
  });
}

/**
 * The broker scripts/services.sh started, as a switch; or, when the configured brokers are not that
 * broker, the reason it may not be stopped (the caller refuses the fault with it, exit 2).
 */
export async function scriptedBrokerSwitch(brokers: readonly Endpoint[]): Promise<ServiceSwitch | { refusal: string }> {
  const address = formatBrokers(brokers);
  const refusal = (why: string) => ({
    refusal: `--fault service-down stops only a Kafka broker ticketsim started itself (bash scripts/services.sh start kafka); ${why}, so it is not stopped`,
  });
  const [only] = brokers;
  if (brokers.length !== 1 || only === undefined || only.port !== SCRIPT_BROKER_PORT || !['127.0.0.1', 'localhost'].includes(only.host)) {
    return refusal(`${address} is not where that script runs its broker (127.0.0.1:${SCRIPT_BROKER_PORT})`);
  }
  let pid: string;
  try {
    pid = (await services(['owns', 'kafka'], SCRIPT_TIMEOUT_MS.owns)).trim();
  } catch {
    return refusal(`the broker on ${address} was not started by scripts/services.sh`);
  }
  const failed = (what: string) => (error: unknown) => {
    throw new InfrastructureError('kafka', address, `${what} failed: ${(error as { output?: string }).output ?? String(error)}`, {
      hint: 'bash scripts/services.sh start kafka',
    });
  };
  return {
    describe: `the Kafka broker scripts/services.sh started, pid ${pid}`,
    stop: () => services(['stop', 'kafka'], SCRIPT_TIMEOUT_MS.stop).then(() => undefined, failed('stopping the broker')),
    start: () => services(['start', 'kafka'], SCRIPT_TIMEOUT_MS.start).then(() => undefined, failed('starting the broker again')),
  };
}
