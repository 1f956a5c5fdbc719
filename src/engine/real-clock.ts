// The wall clock as a Clock port: performance.now() in µs and setTimeout sleeps.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './ports.js';

/** The real, monotonic clock. */
export function createRealClock(): Clock {
  return {
    nowUs: () => performance.now() * 1000,
    sleep: (ms) => sleep(ms),
  };
}
