// The run's nemesis (Jepsen's word for the process that injects faults): it carries out the faults
// of --fault at their moments (stalling lock holders, killing workers, rewinding the consumer group,
// taking the Kafka broker away and bringing it back) and records every firing for the result, the
// dashboard and the report. It never judges: the invariant checks say what the faults broke.
import { formatFault, notApplicable } from '../config/faults.js';
import type { FaultContext, FaultSpec } from '../config/faults.js';
import type { Clock, EngineFaults, ServiceSwitch } from '../engine/ports.js';
import { describeError } from '../errors.js';
import { undoOnExit } from '../exit-cleanup.js';
import type { FaultRecord, RunSnapshot } from '../result.js';

/** Firings kept per fault for the result (the count goes on). */
const KEPT_EVENTS = 20;

/** How long a due kill waits for the workers to have something uncommitted, and how often it looks. */
const KILL_WAIT_MS = 3000;
const KILL_POLL_MS = 20;

/** What the nemesis may act on. */
export interface NemesisDeps {
  faults: readonly FaultSpec[];
  clock: Clock;
  /** The run, to tell which faults apply to it. */
  run: Omit<FaultContext, 'lenient'>;
  /** ms since the first release of the run (0 before it). */
  sinceRelease(): number;
  /** Writing behind: the path whose workers it kills and whose group it rewinds. */
  behind?: {
    /** Records published and not yet committed (undefined when the log cannot say). */
    pending(): Promise<number | undefined>;
    killWorker(): Promise<{ killed: string; behind: number }>;
    rewind(): Promise<number>;
  };
  /** Services it may switch off and on again (only ones ticketsim itself started). */
  switches?: { kafka?: ServiceSwitch };
}

/** One fault's log. */
class FaultLog {
  fired = 0;
  readonly events: { atMs: number; what: string }[] = [];
  /** Why it never fires on this run, if it does not apply. */
  skipped: string | undefined;

  constructor(readonly spec: FaultSpec) {}

  record(atMs: number, what: string): void {
    this.fired++;
    if (this.events.length < KEPT_EVENTS) this.events.push({ atMs: Math.round(atMs), what });
  }

  /** A note that is not a firing (e.g. a service coming back). */
  note(atMs: number, what: string): void {
    if (this.events.length < KEPT_EVENTS) this.events.push({ atMs: Math.round(atMs), what });
  }
}

/** Carries out a run's faults; see the file header. */
export class Nemesis {
  private readonly logs: FaultLog[];
  private halted = false;
  private markHalted!: () => void;
  /** Resolves on halt(): a wait of the nemesis ends early when the run is stopped. */
  private readonly haltSignal = new Promise<void>((resolve) => (this.markHalted = resolve));
  private timed: Promise<void>[] = [];
  private readonly summaries = new Map<FaultLog, string>();

  constructor(private readonly deps: NemesisDeps) {
    this.logs = deps.faults.map((spec) => {
      const log = new FaultLog(spec);
      log.skipped = notApplicable(spec, deps.run);
      return log;
    });
  }

  private log(name: FaultSpec['name']): FaultLog | undefined {
    return this.logs.find((log) => log.spec.name === name && log.skipped === undefined);
  }

  /** What the engine asks while it runs (undefined when no engine fault is on). */
  engineFaults(): EngineFaults | undefined {
    const pause = this.log('pause-holder');
    if (pause === undefined || pause.spec.name !== 'pause-holder') return undefined;
    const { holders, pauseMs } = pause.spec;
    return {
      holderPause: (stockSeen) => {
        if (this.halted || pause.fired >= holders || stockSeen > holders) return 0;
        pause.record(this.deps.sinceRelease(), `a lock holder that found ${stockSeen} seat${stockSeen === 1 ? '' : 's'} left stalls ${pauseMs / 1000} s`);
        return pauseMs;
      },
    };
  }

  /** Starts the timed faults (kill-worker, service-down); call at the first release. */
  start(): void {
    const kill = this.log('kill-worker');
    if (kill?.spec.name === 'kill-worker' && this.deps.behind) this.timed.push(this.killWorkers(kill, kill.spec, this.deps.behind));
    const down = this.log('service-down');
    if (down?.spec.name === 'service-down') this.timed.push(this.serviceDown(down, down.spec));
  }

  /** Waits until every timed fault has done all it will (a stopped service is back); rethrows a failure. */
  async settle(): Promise<void> {
    const timed = this.timed;
    this.timed = [];
    await Promise.all(timed);
  }

  /** After the drain, writing behind: rewinds the group and drains again, as often as `redeliver` says. */
  async afterDrain(drain: () => Promise<void>): Promise<void> {
    const rewind = this.log('redeliver');
    if (rewind?.spec.name !== 'redeliver' || this.deps.behind === undefined) return;
    let again = 0;
    for (let round = 0; round < rewind.spec.times && !this.halted; round++) {
      const records = await this.deps.behind.rewind();
      again += records;
      rewind.record(this.deps.sinceRelease(), `group rewound to the start: ${records.toLocaleString('en-US')} committed records to read again`);
      await drain();
    }
    this.summaries.set(rewind, `${rewind.fired} rewind${rewind.fired === 1 ? '' : 's'} of the consumer group: ${again.toLocaleString('en-US')} committed records read again`);
  }

  /** Stops firing (a stopped run): waits end, what is under way finishes, a stopped service comes back at once. */
  halt(): void {
    this.halted = true;
    this.markHalted();
  }

  /** The dashboard's view. */
  live(): RunSnapshot['faults'] {
    if (this.logs.length === 0) return undefined;
    return this.logs.map((log) => ({ name: log.spec.name, fired: log.fired, last: log.skipped ?? log.events.at(-1)?.what }));
  }

  /** The result's record of every fault. */
  records(): FaultRecord[] {
    return this.logs.map((log) => ({
      name: log.spec.name,
      spec: formatFault(log.spec),
      fired: log.fired,
      events: [...log.events],
      summary: log.skipped === undefined ? (this.summaries.get(log) ?? this.defaultSummary(log)) : `did not apply: ${log.skipped.replace(/^--fault \S+ /, '')}`,
    }));
  }

  private defaultSummary(log: FaultLog): string {
    const { spec } = log;
    switch (spec.name) {
      case 'pause-holder':
        return log.fired === 0
          ? 'no lock holder found the last seats, so none stalled'
          : `${log.fired} lock holder${log.fired === 1 ? '' : 's'} stalled ${spec.pauseMs / 1000} s inside the critical section, past the lock's TTL`;
      case 'kill-worker':
        return `${log.fired} of ${spec.times} worker kills (SIGKILL, then a replacement joined the group)`;
      case 'redeliver':
        return 'the group was never rewound';
      case 'service-down':
        return log.fired === 0 ? 'the service was never stopped' : `${spec.service} stopped for ${spec.forMs / 1000} s, then brought back`;
    }
  }

  /** Sleeps `ms` on the run's clock, or until the run is stopped. */
  private pause(ms: number): Promise<void> {
    return Promise.race([this.deps.clock.sleep(ms), this.haltSignal]);
  }

  /** Sleeps until `atMs` after the first release (at once if that is past). */
  private async until(atMs: number): Promise<void> {
    const wait = atMs - this.deps.sinceRelease();
    if (wait > 0) await this.pause(wait);
  }

  /**
   * A kill is meant to land mid-write: waits (a few seconds at most) until the workers have records
   * not yet committed. Past that, the kill fires anyway: a replacement must still join and finish.
   */
  private async untilBehind(behind: NonNullable<NemesisDeps['behind']>): Promise<void> {
    for (let waited = 0; waited < KILL_WAIT_MS && !this.halted; waited += KILL_POLL_MS) {
      if (((await behind.pending()) ?? 0) > 0) return;
      await this.pause(KILL_POLL_MS);
    }
  }

  private async killWorkers(log: FaultLog, spec: Extract<FaultSpec, { name: 'kill-worker' }>, behind: NonNullable<NemesisDeps['behind']>): Promise<void> {
    for (let round = 0; round < spec.times; round++) {
      await this.until(spec.afterMs + round * spec.everyMs);
      await this.untilBehind(behind);
      if (this.halted) return;
      const at = this.deps.sinceRelease();
      const { killed, behind: lag } = await behind.killWorker();
      log.record(at, `SIGKILL ${killed} with ${lag.toLocaleString('en-US')} records not yet committed; its replacement joined the group`);
    }
  }

  private async serviceDown(log: FaultLog, spec: Extract<FaultSpec, { name: 'service-down' }>): Promise<void> {
    const service = this.deps.switches?.[spec.service];
    if (service === undefined) {
      log.skipped = `no ${spec.service} that ticketsim started is in this run`;
      return;
    }
    await this.until(spec.afterMs);
    if (this.halted) return;
    const stoppedAt = this.deps.sinceRelease();
    // Quitting at once (a second Ctrl-C) must not leave the service down either.
    const forgetUndo = undoOnExit({ what: `start ${spec.service} again (${service.describe})`, undo: () => service.start() });
    try {
      await service.stop();
      log.record(stoppedAt, `${spec.service} stopped (${service.describe})`);
      await this.pause(spec.forMs);
    } finally {
      // What it stopped, it brings back, whatever happened meanwhile.
      await service.start().then(
        () => log.note(this.deps.sinceRelease(), `${spec.service} back, ${((this.deps.sinceRelease() - stoppedAt) / 1000).toFixed(1)} s after it was stopped`),
        (error: unknown) => {
          log.note(this.deps.sinceRelease(), `${spec.service} could not be brought back: ${describeError(error)}`);
          throw error;
        },
      ).finally(forgetUndo);
    }
  }
}
