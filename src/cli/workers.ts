// The worker launcher a run or a server gets from the CLI (the targets and the server may not import
// the worker module): real `ticketsim worker` processes on the real services (told the spec's table,
// if any), in-process workers on the in-process log (they write the infrastructure's worker ledger,
// which is that table).
import type { ServicesConfig } from '../config/config.js';
import type { WorkerLauncher } from '../engine/ports.js';
import { startInProcessFleet, startProcessFleet } from '../worker/fleet.js';
import { TicketsimError } from '../errors.js';

/**
 * Launches workers for whichever infrastructure the run (or the server) opened; without `services`,
 * in-process workers only (explored runs, which never reach a service).
 */
export function workerLauncher(services?: ServicesConfig): WorkerLauncher {
  return {
    start(infra, spec) {
      if (infra.kind === 'real') {
        if (services === undefined) throw new TicketsimError('worker processes need the services\' addresses, and none were given');
        return startProcessFleet({ ...spec, services });
      }
      if (infra.log === undefined) throw new TicketsimError('the in-process infrastructure was opened without its event log');
      return startInProcessFleet({ ...spec, log: infra.log, ledger: infra.workerLedger ?? infra.ledger });
    },
  };
}
