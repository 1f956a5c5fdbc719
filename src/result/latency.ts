// Latency as a result carries it: percentiles in µs per operation and outcome, and the histogram.

/** Latency percentiles of one operation (or one outcome of it), in microseconds. */
export interface LatencySummary {
  unit: 'us';
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** One bar of a log-scale latency histogram: values in [fromUs, toUs). */
export interface HistogramBucket {
  fromUs: number;
  toUs: number;
  count: number;
}

/** Percentiles of all outcomes together, and the histogram to draw. */
export interface LatencyOverview extends LatencySummary {
  buckets: HistogramBucket[];
}

/** Latency of one operation: all outcomes together, per outcome, and the histogram to draw. */
export interface OperationLatency extends LatencyOverview {
  byOutcome: Record<string, LatencySummary>;
  /**
   * Service time, measured from when the request was actually sent rather than from its intended
   * start (the barrier release); differs from the main figures only when requests had to queue.
   */
  raw: LatencySummary;
}
