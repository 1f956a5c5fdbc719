// Run ids: short, unique, sortable by start time, safe in Redis keys and MySQL ticket names.
import { randomBytes } from 'node:crypto';

/** e.g. `mhx3k2p1-9f2a`: base-36 milliseconds, then 4 random hex digits. */
export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}-${randomBytes(2).toString('hex')}`;
}
