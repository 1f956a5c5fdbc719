// A run's whole set of ports, real or in-process, as one value: the services it stands for, what it
// holds, and the switches a run may take those services away with.
import type { Clock } from './clock.js';
import type { EventLog } from './event-log.js';
import type { Inventory } from './inventory.js';
import type { Ledger } from './ledger.js';
import type { Locks } from './locks.js';
import type { RowFeedOpener } from './row-feed.js';

/** A backing service a run may need. */
export type ServiceName = 'redis' | 'mysql' | 'kafka';

/**
 * A service a run may take away and bring back on purpose (the service-down fault): only ever one
 * that ticketsim itself started.
 */
export interface ServiceSwitch {
  /** What it is, e.g. `the Kafka broker scripts/services.sh started, pid 4242`. */
  readonly describe: string;
  /** Resolves once the service is down. */
  stop(): Promise<void>;
  /** Resolves once the service answers again. */
  start(): Promise<void>;
}

/** A connected set of ports, real or in-process, and how to close it. */
export interface Infrastructure {
  kind: 'real' | 'memory';
  inventory: Inventory;
  ledger: Ledger;
  locks: Locks;
  clock: Clock;
  /** The event log, when the run needs one (write-behind). */
  log?: EventLog;
  /**
   * In process only: the same database seen by workers running in this process, without the run's
   * observer (a worker's SQL is not the run's own, as a real worker process's is not).
   */
  workerLedger?: Ledger;
  /**
   * Real only: watches a sale's new rows from a thread of the run's own, off its event loop (in
   * process, a watcher looks through the ledger on the virtual clock).
   */
  rowFeed?: RowFeedOpener;
  /** In process only: services the run may take away and bring back (service-down); all are its own. */
  switches?: { kafka?: ServiceSwitch };
  /** Server versions, for the result's environment block (undefined for services not used). */
  versions: { redis?: string; mysql?: string; kafka?: string };
  close(): Promise<void>;
}
