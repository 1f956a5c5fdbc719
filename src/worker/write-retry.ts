// A worker's writes through services that may be away (issue 20): a statement (MySQL) or a dead
// letter (Kafka) that fails is tried again, backing off up to every RETRY_CAP_MS, until it goes
// through, or the worker's partition is taken from it, or the worker stops (then the last failure
// is thrown and nothing after it is committed). Nothing behind it is written or committed
// meanwhile, so no offset moves past an unwritten record, and a valid record never goes to the
// dead-letter topic because a service is away. The first failure of a service and its recovery
// are told once (however many writes wait on it), with the error and how long it lasted.

import { describeError } from '../errors.js';

/** A service a worker writes through. */
export type WorkerService = 'mysql' | 'kafka';

/** First retry after this long; each next one waits twice as long, up to RETRY_CAP_MS. */
export const RETRY_FIRST_MS = 250;
export const RETRY_CAP_MS = 2000;

/** A service that failed a write and has not answered one since. */
export interface Outage {
  service: WorkerService;
  /** The latest failure, worded (`ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:3306`). */
  error: string;
  /** When the first write failed, as `now()` tells it (ms). */
  sinceMs: number;
  /** How long the next retry waits (ms). */
  retryEveryMs: number;
}

/** Hears a service go away and come back; synchronous, must not throw. */
export interface OutageListener {
  away(outage: Outage): void;
  back(service: WorkerService, awayMs: number): void;
}

/** What a retrying write needs of its batch: whether it still owns it, and keeping its membership alive. */
export interface RetryScope {
  active(): boolean;
  heartbeat(): Promise<void>;
}

/** Which services are away: told of each failure and success, it tells its listener of each change. */
export interface Outages {
  /** A call to `service` failed; the next try waits `retryEveryMs`. */
  failed(service: WorkerService, error: unknown, retryEveryMs: number): void;
  /** A call to `service` went through. */
  succeeded(service: WorkerService): void;
  /** The services away now. */
  list(): Outage[];
}

/** Outages on the clock `now` (ms), telling `listener` when a service goes away and comes back. */
export function createOutages(listener: OutageListener, now: () => number = () => performance.now()): Outages {
  const away = new Map<WorkerService, Outage>();
  return {
    failed(service, error, retryEveryMs) {
      const worded = describeError(error);
      const known = away.get(service);
      if (known !== undefined) {
        known.error = worded;
        known.retryEveryMs = Math.max(known.retryEveryMs, retryEveryMs);
        return;
      }
      const outage = { service, error: worded, sinceMs: now(), retryEveryMs };
      away.set(service, outage);
      listener.away({ ...outage });
    },
    succeeded(service) {
      const known = away.get(service);
      if (known === undefined) return;
      away.delete(service);
      listener.back(service, now() - known.sinceMs);
    },
    list: () => [...away.values()].map((outage) => ({ ...outage })),
  };
}

/** A worker's retrying writes. */
export interface WriteRetry {
  /** Runs `write` until it goes through; rejects with its failure once `scope` is no longer active. */
  attempt<T>(service: WorkerService, write: () => Promise<T>, scope: RetryScope): Promise<T>;
}

/** Retries over `sleep` (ms), telling `outages` of every failure and success. */
export function createWriteRetry(outages: Outages, sleep: (ms: number) => Promise<void>): WriteRetry {
  return {
    async attempt(service, write, scope) {
      for (let waitMs = RETRY_FIRST_MS; ; waitMs = Math.min(RETRY_CAP_MS, waitMs * 2)) {
        try {
          const result = await write();
          outages.succeeded(service);
          return result;
        } catch (error) {
          if (!scope.active()) throw error;
          outages.failed(service, error, waitMs);
          await sleep(waitMs);
          // Still a member while it waits: the group keeps its partition here, so no one else writes it.
          await scope.heartbeat().catch(() => undefined);
          if (!scope.active()) throw error;
        }
      }
    },
  };
}
