// When each attempt of a phase is due: all at the release (a burst, the closed model's start), or
// spread over time at a fixed rate, optionally ramping linearly from a start rate (the open model,
// as k6's constant- and ramping-arrival-rate executors). Pure arithmetic: no per-attempt state.
import { plannedRateArrivals } from '../config/config.js';

/** How a phase's attempts arrive. */
export type ArrivalPlan =
  | { kind: 'burst' }
  | {
      kind: 'rate';
      /** Arrivals per second at the end of the ramp (or throughout, without one). */
      rate: number;
      durationMs: number;
      /** Arrivals per second at the start; the rate grows linearly to `rate` over the duration. */
      rampFrom?: number;
    };

/** The schedule of a plan: how many arrivals it has and when the n-th is due. */
export interface ArrivalSchedule {
  /** Arrivals in the plan (capped by what the phase offers). */
  readonly total: number;
  /** Microseconds after the release at which arrival `n` (0-based) is due. */
  dueOffsetUs(n: number): number;
}

/** The schedule of `plan` for a phase that offers `available` attempts. */
export function arrivalSchedule(plan: ArrivalPlan, available: number): ArrivalSchedule {
  if (plan.kind === 'burst') return { total: available, dueOffsetUs: () => 0 };
  const seconds = plan.durationMs / 1000;
  const from = plan.rampFrom ?? plan.rate;
  const slope = (plan.rate - from) / seconds; // arrivals/s per second
  return {
    total: Math.min(available, plannedRateArrivals(plan)),
    // Arrivals by time t: from·t + slope·t²/2 = n, solved for t (the linear case when flat).
    dueOffsetUs(n) {
      if (Math.abs(slope) < 1e-12) return (n / from) * 1e6;
      const t = (-from + Math.sqrt(from * from + 2 * slope * n)) / slope;
      return t * 1e6;
    },
  };
}
