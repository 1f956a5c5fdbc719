// The histogram buckets every ticketsim latency metric shares: 100 µs to 30 s in 1-2.5-5 steps,
// wide enough for an in-process lua purchase and for a sync INSERT stuck behind a full pool.
/** Upper bounds in seconds (+Inf is prom-client's). */
export const LATENCY_BUCKETS: readonly number[] = Object.freeze([
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
]);

/** µs → seconds, the unit Prometheus expects of a duration. */
export function seconds(us: number): number {
  return us / 1e6;
}
