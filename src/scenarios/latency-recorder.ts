// Records operation latencies in microseconds into HDR histograms: one per outcome, corrected
// (timed from the intended start, i.e. the barrier release) and raw (timed from dispatch), plus
// log2 buckets for drawing. The live overview is cached until a new value arrives, so pulling it at
// 10 Hz costs nothing while nothing changes.
import hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { HistogramBucket, LatencyOverview, LatencySummary, OperationLatency } from '../result.js';

// The WebAssembly histograms record about 6× faster than the JavaScript ones (0.06 vs 0.37 µs a
// value, measured): at four values per operation, a million attempts save over a second.
hdr.initWebAssemblySync();

/**
 * Gives a histogram's WebAssembly memory back once what owns it is garbage: a process of many runs
 * (`explore` runs thousands) would otherwise keep every run's histograms, a few hundred KB each.
 */
const freed = new FinalizationRegistry<Histogram>((histogram) => histogram.destroy());

/** Frees `histogram` once `owner` is garbage, unless {@link destroyOwned} freed it first. */
export function freeWithOwner(owner: object, histogram: Histogram): void {
  freed.register(owner, histogram, owner);
}

/** Frees `owner`'s histogram now (a histogram must not be destroyed twice). */
export function destroyOwned(owner: object, histogram: Histogram): void {
  freed.unregister(owner);
  histogram.destroy();
}

/** One hour in µs: anything slower is clamped (and still counted). */
export const HIGHEST_US = 3_600_000_000;

/** A histogram of µs values and their running sum (hdr's own mean walks every bucket). */
export class LatencyTrack {
  readonly histogram: Histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
    useWebAssembly: true,
  });
  private sumUs = 0;

  constructor() {
    freeWithOwner(this, this.histogram);
  }

  /** Gives the histogram's WebAssembly memory back now; the track may not be used after. */
  free(): void {
    destroyOwned(this, this.histogram);
  }

  /** Records one value, clamped to 1 µs … 1 h. */
  record(us: number): void {
    const value = clamp(us);
    this.histogram.recordValue(value);
    this.sumUs += value;
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** Adds every value of `other` into this track. */
  merge(other: LatencyTrack): void {
    this.histogram.add(other.histogram);
    this.sumUs += other.sumUs;
  }

  /** One percentile (0 when empty), never above the maximum. */
  at(percentile: number): number {
    return percentileOf(this.histogram, percentile);
  }

  /** Percentiles (zeros when empty). */
  summary(): LatencySummary {
    const h = this.histogram;
    const count = h.totalCount;
    const max = count === 0 ? 0 : h.maxValue;
    // A percentile is reported at its bucket's upper edge, which can sit above the exact maximum.
    const at = (p: number) => this.at(p);
    return {
      unit: 'us',
      count,
      min: count === 0 ? 0 : h.minNonZeroValue,
      mean: count === 0 ? 0 : Math.round(this.sumUs / count),
      p50: at(50),
      p90: at(90),
      p99: at(99),
      p999: at(99.9),
      max,
    };
  }
}

/** Latency of one operation (e.g. `purchase`), split by outcome. */
export class LatencyRecorder {
  private readonly all = new LatencyTrack();
  private readonly raw = new LatencyTrack();
  private readonly byOutcome = new Map<string, LatencyTrack>();
  /** log2Counts[k] = values in [2^k, 2^(k+1)) µs. */
  private readonly log2Counts: number[] = [];
  private cachedOverview: LatencyOverview | undefined;

  /** Records one completed operation: µs since its intended start, and since it was sent. */
  record(outcome: string, correctedUs: number, rawUs: number): void {
    const corrected = clamp(correctedUs);
    this.all.record(corrected);
    this.raw.record(rawUs);
    let track = this.byOutcome.get(outcome);
    if (track === undefined) {
      track = new LatencyTrack();
      this.byOutcome.set(outcome, track);
    }
    track.record(corrected);
    const bucket = Math.floor(Math.log2(corrected));
    this.log2Counts[bucket] = (this.log2Counts[bucket] ?? 0) + 1;
    this.cachedOverview = undefined;
  }

  get count(): number {
    return this.all.histogram.totalCount;
  }

  /** Percentiles of all outcomes together and the histogram: what a live dashboard draws. */
  overview(): LatencyOverview {
    this.cachedOverview ??= { ...this.all.summary(), buckets: this.buckets() };
    return this.cachedOverview;
  }

  /** The whole picture: overall, per outcome, raw, and the non-empty bucket range. */
  summary(): OperationLatency {
    const byOutcome: Record<string, LatencySummary> = {};
    for (const [outcome, track] of [...this.byOutcome].sort(([a], [b]) => a.localeCompare(b))) {
      byOutcome[outcome] = track.summary();
    }
    return { ...this.overview(), byOutcome, raw: this.raw.summary() };
  }

  /** Frees every track (see LatencyTrack.free). */
  free(): void {
    for (const track of [this.all, this.raw, ...this.byOutcome.values()]) track.free();
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

/** A value as the histograms take it: whole µs from 1 µs to 1 h. */
export function clamp(us: number): number {
  return Math.min(HIGHEST_US, Math.max(1, Math.round(us)));
}

/**
 * One percentile of a histogram (0 when empty), never above its maximum: a percentile is reported
 * at its bucket's upper edge, which can sit above the exact maximum.
 */
export function percentileOf(h: Histogram, percentile: number): number {
  return h.totalCount === 0 ? 0 : Math.min(h.getValueAtPercentile(percentile), h.maxValue);
}

/** One LatencyRecorder per operation name (purchase, cancel, …), created on first use. */
export class OperationLatencies {
  private readonly byOperation = new Map<string, LatencyRecorder>();
  /** Hears each operation recorded, timed from when it was due (the run's listener). */
  onRecord: ((operation: string, outcome: string, correctedUs: number) => void) | undefined;

  /** Records one completed operation (see LatencyRecorder.record). */
  record(operation: string, outcome: string, correctedUs: number, rawUs: number): void {
    this.onRecord?.(operation, outcome, correctedUs);
    let recorder = this.byOperation.get(operation);
    if (recorder === undefined) this.byOperation.set(operation, (recorder = new LatencyRecorder()));
    recorder.record(outcome, correctedUs, rawUs);
  }

  /** The recorder of one operation, if it recorded anything. */
  of(operation: string): LatencyRecorder | undefined {
    return this.byOperation.get(operation);
  }

  /** Every operation's whole picture, in the order they first recorded. */
  summary(): Record<string, OperationLatency> {
    return Object.fromEntries([...this.byOperation].map(([operation, recorder]) => [operation, recorder.summary()]));
  }

  /** Frees every recorder (see LatencyTrack.free). */
  free(): void {
    for (const recorder of this.byOperation.values()) recorder.free();
  }
}
