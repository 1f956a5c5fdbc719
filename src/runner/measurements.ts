// Everything a run measures of itself, in one object: the phases and their bursts (counts, errors,
// duration), latency per operation, the strategy's guards, the per-second series, the generator's
// event-loop delay and its cost. The dashboard's snapshot, the result and the report all read it;
// figures of the system under test itself (SQL, write-behind) are the target's own.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RunConfig } from '../config/config.js';
import type { LoadSummary, RunCounts, RunListener, RunResult, RunSnapshot } from '../result.js';
import type { Burst } from '../scenarios/burst.js';
import { GeneratorMeter } from '../scenarios/generator-meter.js';
import type { RunCost } from '../scenarios/generator-meter.js';
import { GuardTally } from '../scenarios/guard-tally.js';
import { LatencyTrack, OperationLatencies } from '../scenarios/latency-recorder.js';
import { PhaseLog } from '../scenarios/phase-log.js';
import { SeriesRecorder } from '../scenarios/series.js';
import type { TargetObserver } from '../scenarios/target.js';

/** Seconds of the series a snapshot carries for the dashboard. */
const RECENT_SECONDS = 6;

/** What the run measured, as plain figures: what assembleResult() builds the result from. */
export type MeasuredRun = Pick<RunResult, 'counts' | 'guards' | 'errorCauses' | 'latency' | 'phases' | 'load' | 'series' | 'durationMs' | 'wallMs' | 'generator' | 'throughput'> & {
  /** Attempts the run set out to make, over every phase begun. */
  attempts: number;
};

/** The measurements of one run (see the file header). */
export class RunMeasurements {
  /** The phases so far; the runner starts each one here. */
  readonly phases = new PhaseLog(0);
  readonly latency = new OperationLatencies();
  readonly guards = new GuardTally();
  /** Per second of the run, from the first release. */
  readonly series = new SeriesRecorder(() => this.phases.firstRelease());
  /** What the target tells the guard figures (lock traffic, stale steps refused) and the run's listener. */
  readonly targetObserver: TargetObserver = {
    lockAcquisition: (granted, tries) => {
      this.guards.lockAcquisition(granted, tries);
      this.listener?.lockAcquisition?.(granted, tries);
    },
    staleRefused: this.guards.stale,
    statement: (timing) => this.listener?.statement?.(timing),
  };
  /** Hears the run as it goes (see listen()). */
  private listener: RunListener | undefined;
  /** The generator's own event-loop delay: when it is high, ticketsim was the bottleneck. */
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  /** The wall time, and what the run costs this process, from here to the verdict. */
  private readonly meter = new GeneratorMeter();

  /** Tells `listener` each operation, lock acquisition and SQL statement from now on. */
  listen(listener: RunListener): void {
    this.listener = listener;
    this.latency.onRecord = listener.operationEnded?.bind(listener);
  }

  /** Runs a burst with the event-loop delay measured while it goes. */
  async releasing(burst: Burst): Promise<void> {
    this.loopDelay.enable();
    await burst.run().finally(() => this.loopDelay.disable());
  }

  /** Stops the generator's cost meter (a run that ends without a result stops it this way). */
  stop(): void {
    this.meter.stop();
  }

  /**
   * Gives the histograms' WebAssembly memory back (see LatencyTrack.free), for a process of many
   * runs; nothing may be read from the measurements after.
   */
  free(): void {
    this.latency.free();
    this.series.free();
    for (const burst of this.phases.bursts()) burst.startLag.free();
  }

  /** The live part of a snapshot: the current phase's progress, latency and the run's counts so far. */
  live(plannedAttempts: number): Pick<RunSnapshot, 'stage' | 'total' | 'done' | 'inFlight' | 'counts' | 'elapsedMs' | 'ratePerSec' | 'operations' | 'guards' | 'recent'> {
    const { current } = this.phases;
    const burst = current?.burst;
    return {
      stage: current === undefined ? undefined : { name: current.name, index: current.index, of: this.phases.of },
      total: burst?.planned ?? plannedAttempts,
      done: burst?.done ?? 0,
      inFlight: burst?.inFlight ?? 0,
      counts: this.phases.counts(),
      // Measured as the result's durationMs and throughput are, so the live figures end on the final ones.
      elapsedMs: this.phases.durationMs(),
      ratePerSec: this.phases.throughput(),
      operations: (burst?.operations ?? []).flatMap((operation) => {
        const recorder = this.latency.of(operation);
        return recorder === undefined || recorder.count === 0 ? [] : [{ operation, latency: recorder.overview() }];
      }),
      guards: this.guards.snapshot(),
      recent: this.series.recent(RECENT_SECONDS),
    };
  }

  /** The run's figures once it is over; stops the cost meter. */
  finish(run: RunConfig, maxInFlight: number): MeasuredRun {
    const { phases } = this;
    const cost: RunCost = this.meter.finish();
    const counts: RunCounts = phases.counts();
    return {
      counts,
      attempts: phases.attempts(),
      guards: this.guards.snapshot(),
      errorCauses: phases.errorCauses(),
      latency: this.latency.summary(),
      phases: phases.results(),
      load: this.load(run, maxInFlight),
      series: this.series.points(),
      durationMs: Math.round(phases.durationMs() * 1000) / 1000,
      wallMs: cost.wallMs,
      generator: cost.generator,
      throughput: phases.throughput(),
    };
  }

  /** How the load was generated, over every phase. */
  private load(run: RunConfig, maxInFlight: number): LoadSummary {
    const bursts = this.phases.bursts();
    const merged = new LatencyTrack();
    for (const burst of bursts) merged.merge(burst.startLag);
    const lag = merged.summary();
    merged.free();
    const sum = (pick: (burst: Burst) => number) => bursts.reduce((total, burst) => total + pick(burst), 0);
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const delay = this.loopDelay;
    const started = sum((burst) => burst.started);
    const durationMs = this.phases.durationMs();
    return {
      model: run.rate === undefined ? 'burst' : 'rate',
      ...(run.rate === undefined
        ? {}
        : { rate: run.rate.rate, durationMs: run.rate.durationMs, ...(run.rate.rampFrom === undefined ? {} : { rampFrom: run.rate.rampFrom }) }),
      maxInFlight,
      planned: sum((burst) => burst.planned),
      started,
      dropped: sum((burst) => burst.counts.dropped),
      lateStarts: sum((burst) => burst.lateStarts),
      startLag: lag,
      eventLoopDelayMs: delay.count === 0 ? { p50: 0, p99: 0, max: 0 } : { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      ...(run.rate === undefined || durationMs <= 0 ? {} : { achievedRate: Math.round((started * 1000) / Math.min(durationMs, run.rate.durationMs)) }),
    };
  }
}
