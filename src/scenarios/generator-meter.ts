// What a run costs ticketsim's own process, the generator: its CPU time and its resident memory
// from the run's start to its verdict, and the wall time in between (set-up and checks included).
// Memory is sampled on a timer that never keeps the process alive; the OS's own peak comes beside it.
import type { GeneratorCost } from '../result.js';

/** How often the resident set size is sampled, ms. */
export const RSS_SAMPLE_MS = 100;

/** What the meter reads from the process; tests pass their own. */
export interface ProcessProbe {
  /** A monotonic clock, ms. */
  now(): number;
  /** CPU time since the process started, µs. */
  cpu(): { user: number; system: number };
  /** Resident set size now, bytes. */
  rss(): number;
  /** The most the resident set size has been since the process started, bytes. */
  maxRss(): number;
}

const thisProcess: ProcessProbe = {
  now: () => performance.now(),
  cpu: () => process.cpuUsage(),
  rss: () => process.memoryUsage.rss(),
  // getrusage reports KiB.
  maxRss: () => process.resourceUsage().maxRSS * 1024,
};

/** The wall time and the generator's cost of one run. */
export interface RunCost {
  wallMs: number;
  generator: GeneratorCost;
}

/** Measures from its creation (a run's start) until {@link GeneratorMeter.finish}. */
export class GeneratorMeter {
  private readonly startMs: number;
  private readonly startCpu: { user: number; system: number };
  private peakRss: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly probe: ProcessProbe = thisProcess,
    private readonly sampleMs = RSS_SAMPLE_MS,
  ) {
    this.startMs = probe.now();
    this.startCpu = probe.cpu();
    this.peakRss = probe.rss();
    this.timer = setInterval(() => this.sample(), sampleMs);
    this.timer.unref();
  }

  /** Takes one memory sample now. */
  sample(): void {
    this.peakRss = Math.max(this.peakRss, this.probe.rss());
  }

  /** Stops sampling (a run that ends without a result stops it this way). */
  stop(): void {
    clearInterval(this.timer);
  }

  /** Stops sampling and gives the run's cost from its start until now. */
  finish(): RunCost {
    this.stop();
    this.sample();
    const cpu = this.probe.cpu();
    const ms = (us: number) => Math.round(us / 100) / 10;
    return {
      wallMs: Math.round((this.probe.now() - this.startMs) * 10) / 10,
      generator: {
        cpuUserMs: ms(cpu.user - this.startCpu.user),
        cpuSystemMs: ms(cpu.system - this.startCpu.system),
        peakRssBytes: this.peakRss,
        sampleMs: this.sampleMs,
        processPeakRssBytes: Math.max(this.probe.maxRss(), this.peakRss),
      },
    };
  }
}
