// The in-process MySQL server's own statement counters, as the real ledger reads them from its
// sessions (Com_insert + Com_delete, Slow_queries under a session long_query_time): what the server
// executed and how much of it was slow by server time alone, without pool wait or network.
import type { ServerStatementStats } from '../ports.js';

/** The server's counters of the run's own sessions. */
export interface ServerCounters {
  /** Counts a data-changing statement that took `serverMs` on the server. */
  countWrite(serverMs: number): void;
  /** The counters over `sessions` sessions; undefined without a slow threshold (nothing was asked). */
  stats(sessions: number): ServerStatementStats | undefined;
}

/** Creates the counters; `slowThresholdMs` is the sessions' long_query_time (none: not counted). */
export function createServerCounters(slowThresholdMs: number | undefined): ServerCounters {
  let writes = 0;
  let slow = 0;
  return {
    countWrite(serverMs) {
      writes++;
      if (slowThresholdMs !== undefined && serverMs > slowThresholdMs) slow++;
    },
    stats(sessions) {
      if (slowThresholdMs === undefined) return undefined;
      return {
        source: 'the in-process server\'s own count (server time = execution without pool wait or network)',
        writes,
        slow,
        thresholdMs: slowThresholdMs,
        sessions,
      };
    },
  };
}
