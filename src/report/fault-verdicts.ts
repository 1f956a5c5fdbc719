// Why a strategy held or broke under each fault, in words, by fault name: one entry per fault the
// config knows (a test holds the names to the config's). Each reads only the result: its checks,
// its guards and the fault's own record. A fault whose checks say all there is has no verdict.
import type { FaultRecord, RunResult } from '../result.js';
import { failedChecks, formatCount } from './format.js';

/** The mechanism behind a run's verdict under one of its faults, or undefined when there is nothing to add. */
export type FaultVerdict = (result: RunResult, fault: FaultRecord) => string | undefined;

/**
 * A stalled lock holder: a lock's TTL is a lease, not a guarantee; fencing tokens make the storage
 * enforce it.
 */
const pauseHolder: FaultVerdict = (result, fault) => {
  if (fault.fired === 0) return undefined;
  const failed = failedChecks(result.checks).map((check) => `\`${check.name}\``);
  const refused = result.guards.staleRefused;
  if (failed.length > 0) {
    return (
      `A lock holder stalled past the lock's TTL, the lock expired under it and the next buyer took it; when the stalled holder ` +
      `woke up it acted on checks made before the stall (the stock it had read, the buyer it had looked up) and wrote anyway: ` +
      `${failed.join(', ')} caught it. A lock's TTL is a lease, not a guarantee: nothing stops a holder that outlived it.`
    );
  }
  if (refused > 0) {
    return (
      `Every holder took a fencing token (Redis INCR per sale) with the lock, and the stores refused any step carrying an ` +
      `older token than one they had already seen: ${formatCount(refused)} stale step${refused === 1 ? ' was' : 's were'} refused, ` +
      `and each refused purchase took the lock again and re-read the sale. A stall past the TTL cost time, not correctness.`
    );
  }
  return 'Lock holders stalled past the TTL, yet no second holder acted on stale checks in this run: every check held.';
};

/**
 * The write-behind faults say what they did in their summaries and firings; whether an
 * acknowledged write was lost or written twice is the write-behind checks' verdict (no-lost-write,
 * no-double-buyer), which name the mechanism themselves.
 */
const toldByTheChecks: FaultVerdict = () => undefined;

/** Every fault's verdict, by name. */
export const FAULT_VERDICTS: Readonly<Record<string, FaultVerdict>> = Object.freeze({
  'pause-holder': pauseHolder,
  'kill-worker': toldByTheChecks,
  redeliver: toldByTheChecks,
  'service-down': toldByTheChecks,
});
