// The generator's in-flight cap of a run: the most attempts in flight at once, whoever sends them
// (the burst, and the HTTP driver's connection pool sized to match).
import type { RunConfig } from './config.js';
import { DEFAULTS } from './defaults.js';

/** --concurrency when smaller than the cap (--max-in-flight, or the default for where it runs). */
export function inFlightCap(run: Pick<RunConfig, 'maxInFlight' | 'concurrency'>, kind: 'real' | 'memory'): number {
  const cap = run.maxInFlight ?? (kind === 'memory' ? DEFAULTS.maxInFlightInProcess : DEFAULTS.maxInFlight);
  return Math.min(run.concurrency ?? Number.POSITIVE_INFINITY, cap);
}
