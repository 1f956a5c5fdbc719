// Records operation latencies in microseconds into HDR histograms: one per outcome, corrected
// (timed from the intended start, i.e. the barrier release) and raw (timed from dispatch), plus
// log2 buckets for drawing. Summaries are cheap enough to take at 10 Hz.
import hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { HistogramBucket, LatencySummary, OperationLatency } from '../result.js';

/** One hour in µs: anything slower is clamped (and still counted). */
const HIGHEST_US = 3_600_000_000;

function newHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3, autoResize: false });
}

/** Percentiles of one histogram (zeros when it is empty). */
export function summarize(histogram: Histogram): LatencySummary {
  const count = histogram.totalCount;
  const at = (p: number) => (count === 0 ? 0 : histogram.getValueAtPercentile(p));
  return {
    unit: 'us',
    count,
    min: count === 0 ? 0 : histogram.minNonZeroValue,
    mean: count === 0 ? 0 : Math.round(histogram.mean),
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p999: at(99.9),
    max: count === 0 ? 0 : histogram.maxValue,
  };
}

/** Latency of one operation (e.g. `purchase`), split by outcome. */
export class LatencyRecorder {
  private readonly all = newHistogram();
  private readonly raw = newHistogram();
  private readonly byOutcome = new Map<string, Histogram>();
  /** counts[k] = values in [2^k, 2^(k+1)) µs. */
  private readonly log2Counts: number[] = [];

  /** Records one completed operation: µs since its intended start, and since it was sent. */
  record(outcome: string, correctedUs: number, rawUs: number): void {
    const corrected = clamp(correctedUs);
    this.all.recordValue(corrected);
    this.raw.recordValue(clamp(rawUs));
    let histogram = this.byOutcome.get(outcome);
    if (histogram === undefined) {
      histogram = newHistogram();
      this.byOutcome.set(outcome, histogram);
    }
    histogram.recordValue(corrected);
    const bucket = Math.floor(Math.log2(corrected));
    this.log2Counts[bucket] = (this.log2Counts[bucket] ?? 0) + 1;
  }

  get count(): number {
    return this.all.totalCount;
  }

  /** The whole picture: percentiles overall, per outcome, raw, and the non-empty bucket range. */
  summary(): OperationLatency {
    const byOutcome: Record<string, LatencySummary> = {};
    for (const [outcome, histogram] of [...this.byOutcome].sort(([a], [b]) => a.localeCompare(b))) {
      byOutcome[outcome] = summarize(histogram);
    }
    return { ...summarize(this.all), byOutcome, buckets: this.buckets(), raw: summarize(this.raw) };
  }

  private buckets(): HistogramBucket[] {
    const used = this.log2Counts.flatMap((count, k) => (count ? [k] : []));
    if (used.length === 0) return [];
    const buckets: HistogramBucket[] = [];
    for (let k = used[0]!; k <= used[used.length - 1]!; k += 1) {
      buckets.push({ fromUs: 2 ** k, toUs: 2 ** (k + 1), count: this.log2Counts[k] ?? 0 });
    }
    return buckets;
  }
}

function clamp(us: number): number {
  return Math.min(HIGHEST_US, Math.max(1, Math.round(us)));
}
