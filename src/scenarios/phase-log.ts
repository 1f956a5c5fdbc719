// The phases of one run as they go: the burst running now and the ones before it, summed into the
// run's counts, error causes and duration, and listed one by one for the result.
import type { ErrorCause, PhaseResult, RunCounts } from '../result.js';
import { addCounts, emptyCounts } from './burst.js';
import type { Burst } from './burst.js';

interface Entry {
  name: string;
  burst: Burst;
}

/** Every phase started so far, in order; the last one is the current one. */
export class PhaseLog {
  private readonly entries: Entry[] = [];

  /** @param of how many phases the run has in all (known once the scenario is prepared). */
  constructor(public of: number) {}

  /** A phase begins with this burst. */
  start(name: string, burst: Burst): void {
    this.entries.push({ name, burst });
  }

  /** The phase running now (or the last one run). */
  get current(): (Entry & { index: number }) | undefined {
    const index = this.entries.length - 1;
    const entry = this.entries[index];
    return entry === undefined ? undefined : { ...entry, index };
  }

  /** Counts of every phase so far, added up. */
  counts(): RunCounts {
    return this.entries.reduce((sum, { burst }) => addCounts(sum, burst.counts), emptyCounts());
  }

  /** Error causes of every phase, merged, most frequent first. */
  errorCauses(): ErrorCause[] {
    const merged = new Map<string, number>();
    for (const { burst } of this.entries) for (const { cause, count } of burst.errorCauses()) merged.set(cause, (merged.get(cause) ?? 0) + count);
    return [...merged].map(([cause, count]) => ({ cause, count })).sort((a, b) => b.count - a.count);
  }

  /** Time spent in bursts (release to last reply), summed over the phases. */
  durationMs(): number {
    return this.entries.reduce((sum, { burst }) => sum + burst.elapsedMs, 0);
  }

  /**
   * Operations finished per second of burst time, over every phase so far. The run's final
   * `throughput` is this figure at the end, so a dashboard showing it live while the last replies
   * drain ends on the final figure instead of on a recent-window rate that falls towards zero.
   */
  throughput(): number {
    const ms = this.durationMs();
    return ms > 0 ? Math.round((this.counts().attempts / ms) * 1000) : 0;
  }

  /** Attempts finished (or skipped) in every phase so far. */
  done(): number {
    return this.entries.reduce((sum, { burst }) => sum + burst.done, 0);
  }

  /** Attempts the phases released. */
  attempts(): number {
    return this.entries.reduce((sum, { burst }) => sum + burst.planned, 0);
  }

  /** The clock time of the first release, or undefined before it: the series and slow statements start there. */
  firstRelease(): number | undefined {
    return this.entries[0]?.burst.releasedUs;
  }

  /** Every phase's burst, in order. */
  bursts(): Burst[] {
    return this.entries.map((entry) => entry.burst);
  }

  /** One entry per phase, for the result. */
  results(): PhaseResult[] {
    return this.entries.map(({ name, burst }) => ({
      name,
      attempts: burst.planned,
      durationMs: Math.round(burst.elapsedMs * 1000) / 1000,
      counts: { ...burst.counts },
    }));
  }
}
