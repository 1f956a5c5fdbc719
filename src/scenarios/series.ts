// A run's time series: per second of the run's clock, attempts started, operations completed by
// outcome, and the p50/p99 of what completed in that second. One second is open at a time (clock
// time only moves forward); a closed second keeps its numbers and drops its histogram, so memory
// grows with the run's duration, never with its number of attempts.
import hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { SeriesPoint } from '../result.js';
import { HIGHEST_US, clamp, destroyOwned, freeWithOwner, percentileOf } from './latency-recorder.js';

/** Two significant digits are plenty for a per-second p50/p99, and keep the histogram small. */
function secondHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 2, useWebAssembly: true });
}

interface OpenSecond {
  second: number;
  started: number;
  completed: number;
  outcomes: Record<string, number>;
  latency: Histogram;
}

/** Collects the series; `originUs` (the first release) is when second 0 begins. */
export class SeriesRecorder {
  private readonly closed: SeriesPoint[] = [];
  private open: OpenSecond | undefined;

  constructor(private readonly originUs: () => number | undefined) {}

  /** An attempt started at `atUs`. */
  started(atUs: number): void {
    const second = this.at(atUs);
    if (second !== undefined) second.started++;
  }

  /** An operation ended at `atUs` with `outcome`, after `latencyUs` (corrected). */
  completed(atUs: number, outcome: string, latencyUs: number): void {
    const second = this.at(atUs);
    if (second === undefined) return;
    second.completed++;
    second.outcomes[outcome] = (second.outcomes[outcome] ?? 0) + 1;
    second.latency.recordValue(clamp(latencyUs));
  }

  /** Every second so far, the open one included. */
  points(): SeriesPoint[] {
    return this.open === undefined ? [...this.closed] : [...this.closed, summarize(this.open)];
  }

  /** The last `count` seconds, for a dashboard (without copying the rest). */
  recent(count: number): SeriesPoint[] {
    if (this.open === undefined) return this.closed.slice(-count);
    return count <= 1 ? [summarize(this.open)] : [...this.closed.slice(-(count - 1)), summarize(this.open)];
  }

  /** Gives the open second's histogram back (see LatencyTrack.free); the series may not be used after. */
  free(): void {
    if (this.open !== undefined) destroyOwned(this.open, this.open.latency);
  }

  /** The open second for `atUs`, closing the seconds before it. */
  private at(atUs: number): OpenSecond | undefined {
    const origin = this.originUs();
    if (origin === undefined) return undefined;
    const second = Math.max(0, Math.floor((atUs - origin) / 1e6));
    if (this.open !== undefined && this.open.second >= second) return this.open;
    if (this.open !== undefined) {
      this.closed.push(summarize(this.open));
      // Seconds in which nothing happened still belong on the chart.
      for (let empty = this.open.second + 1; empty < second; empty++) this.closed.push({ second: empty, started: 0, completed: 0, outcomes: {}, p50Us: 0, p99Us: 0 });
      destroyOwned(this.open, this.open.latency);
    }
    this.open = { second, started: 0, completed: 0, outcomes: {}, latency: secondHistogram() };
    freeWithOwner(this.open, this.open.latency);
    return this.open;
  }
}

function summarize(open: OpenSecond): SeriesPoint {
  const p = (percentile: number) => percentileOf(open.latency, percentile);
  return { second: open.second, started: open.started, completed: open.completed, outcomes: { ...open.outcomes }, p50Us: p(50), p99Us: p(99) };
}
