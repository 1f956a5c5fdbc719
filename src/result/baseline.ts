// A run beside its baseline (--baseline FILE): each figure now and then, the change, and the limit
// (--max-regression) it was held to, if any.

/** One figure of the run beside the baseline's. */
export interface BaselineFigure {
  /** `purchase.p99`, `throughput`, `errors.rate`, `lag.p99`. */
  name: string;
  /** µs for a latency or lag, per second for throughput, a 0–1 share for errors.rate. */
  unit: 'us' | 'per-second' | 'share';
  /** This run's figure; null when it has none. */
  current: number | null;
  /** The baseline's; null when the baseline has none. */
  baseline: number | null;
  /** Relative change (0.28: +28%); for errors.rate the difference of the shares. Null when either side is missing. */
  change: number | null;
  /** The --max-regression limit it was held to: the key as given, the change allowed, whether it held. */
  limit?: { text: string; allowed: number; ok: boolean };
}

/** The comparison with a baseline run. */
export interface BaselineSummary {
  runId: string;
  /** The baseline file, as given. */
  file: string;
  /** Where the baseline ran otherwise than this run (users, stock, strategy, infra, write): said, not refused. */
  differences: string[];
  figures: BaselineFigure[];
}
