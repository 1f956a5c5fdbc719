// Times one SQL statement in its two measured parts, as both ledgers (MySQL and in-process) report
// them: the wait for a pool connection, and the execution on it. The observer hears every
// statement, failed ones included.
import type { Clock, EngineObserver, StatementKind } from './ports.js';

/** How a ledger takes a connection from its pool and gives it back. */
export interface Checkout<C> {
  take(): Promise<C>;
  give(connection: C): void;
}

/**
 * Runs `run` on a connection from `pool`, telling `observer` how long it waited and ran. The wait
 * counts from `sinceUs` when given (a grouped INSERT: when its first row queued), else from now.
 */
export async function timeStatement<C, T>(
  clock: Clock,
  observer: EngineObserver | undefined,
  kind: StatementKind,
  pool: Checkout<C>,
  run: (connection: C) => Promise<T>,
  sinceUs?: number,
): Promise<T> {
  const startUs = sinceUs ?? clock.nowUs();
  let connectedUs: number | undefined;
  let ok = false;
  try {
    const connection = await pool.take();
    connectedUs = clock.nowUs();
    try {
      const value = await run(connection);
      ok = true;
      return value;
    } finally {
      pool.give(connection);
    }
  } finally {
    const endUs = clock.nowUs();
    const waitUs = (connectedUs ?? endUs) - startUs;
    observer?.statement?.({ kind, startUs, waitUs, execUs: endUs - startUs - waitUs, ok });
  }
}
