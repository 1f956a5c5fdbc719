// The write-behind path of one run (--write behind): its own topic (and dead-letter topic) and
// consumer group, the workers (started through the launcher the CLI gives: real worker processes,
// or in-process ones), the publishing bus, the row watcher, the drain after each phase, the faults
// on the path (killing a worker, rewinding the group under a fresh fleet), and at the end stopping
// the workers and deleting what the run created unless asked to keep it. Worker figures are totals
// over every fleet the run started.
import type { WriteConfig } from '../../config/write-config.js';
import { createBehindWriter } from '../../engine/strategies/index.js';
import type { LedgerTable } from '../../engine/mysql/tables.js';
import { runNames } from '../../engine/run-names.js';
import type { RunNames } from '../../engine/run-names.js';
import type { EventBus, EventLog, FleetSpec, Infrastructure, SaleEvent, SaleId, UserId, WorkerFleet, Writer } from '../../engine/ports.js';
import { TicketsimError, describeError } from '../../errors.js';
import type { WorkerFigures, WriteBehindSummary } from '../../result.js';
import type { BehindObservation } from './behind-checks.js';
import { ROW_POLL_MS, RowWatcher } from './row-watcher.js';
import { sumWorkerFigures } from '../../worker-figures.js';
import { undoOnExit } from '../../exit-cleanup.js';

/** Starts a run's workers for its infrastructure (the CLI wires the worker module in). */
export interface WorkerLauncher {
  start(infra: Infrastructure, spec: FleetSpec): Promise<WorkerFleet>;
}

/** How often the drain asks the log how far the group is behind. */
const DRAIN_POLL_MS = 50;

/** The names a run's write-behind path uses: all its own, under its run id (see run-names.ts). */
type BehindNames = Pick<RunNames, 'topic' | 'dlqTopic' | 'group'>;

/** A run's write-behind path, open. */
export class BehindPath {
  readonly writer: Writer;
  /** Per user: purchases acknowledged minus cancels acknowledged. */
  private readonly net = new Map<UserId, number>();
  private drainedAll = true;
  private drainMs = 0;
  private lagRecords = 0;
  /** The log's last failure to say the lag, during a drain. */
  private lastLagError: string | undefined;
  /** Totals of the fleets stopped before the current one (by rewind()). */
  private earlier: WorkerFigures | undefined;
  /** The current fleet's stop, once asked for. */
  private fleetStopped: Promise<WorkerFigures> | undefined;
  /** Why the run's topics or group could not be deleted, if they could not. */
  private leftover: string | undefined;
  /** Unregisters the undo a quit-at-once runs (the workers, the topics), once release() did it. */
  private forgetUndo: () => void = () => undefined;

  private constructor(
    private readonly log: EventLog,
    private readonly infra: Infrastructure,
    private readonly write: WriteConfig,
    private readonly names: BehindNames,
    private readonly bus: EventBus,
    private readonly launch: () => Promise<WorkerFleet>,
    private fleet: WorkerFleet,
    private readonly watcher: RowWatcher,
  ) {
    this.writer = createBehindWriter(bus);
  }

  /**
   * Creates the topic, starts the workers and the row watcher, connects the bus. With `table`,
   * worker processes write that table (the planted non-idempotent worker).
   */
  static async open(deps: {
    infra: Infrastructure;
    runId: string;
    write: WriteConfig;
    launcher: WorkerLauncher | undefined;
    sale: SaleId;
    originUs: () => number;
    table?: LedgerTable;
    /** The selftest's planted lost write: this fraction of purchase events is acknowledged, never sent. */
    drop?: number;
  }): Promise<BehindPath> {
    const { infra, write } = deps;
    if (infra.log === undefined) throw new TicketsimError('writing behind needs the event log, and this infrastructure has none');
    if (deps.launcher === undefined) throw new TicketsimError('writing behind needs workers, and no worker launcher was given');
    const log = infra.log;
    const { topic, dlqTopic, group } = runNames(deps.runId);
    const names: BehindNames = { topic, dlqTopic, group };
    await log.createTopic(names.topic, write.partitions);
    const made: { fleet?: WorkerFleet; bus?: EventBus } = {};
    const { launcher } = deps;
    const spec: FleetSpec = { count: write.workers, batchSize: write.batchSize, ...names, table: deps.table };
    const launch = () => launcher.start(infra, spec);
    try {
      made.fleet = await launch();
      const watcher = new RowWatcher({ ledger: infra.ledger, clock: infra.clock, sale: deps.sale }, deps.originUs);
      const path: { acknowledged?: (event: SaleEvent, atUs: number) => void } = {};
      made.bus = await log.bus(names.topic, { redeliver: write.redeliver, drop: deps.drop ?? 0, observer: { eventAcknowledged: (event, atUs) => path.acknowledged?.(event, atUs) } });
      const opened = new BehindPath(log, infra, write, names, made.bus, launch, made.fleet, watcher);
      path.acknowledged = (event, atUs) => opened.acknowledged(event, atUs);
      opened.forgetUndo = undoOnExit({
        what: write.keepTopic ? 'stop the run\'s workers' : `stop the run's workers, delete topics ${names.topic} and ${names.dlqTopic} and group ${names.group}`,
        undo: async () => {
          await opened.stopWorkers();
          if (!write.keepTopic) await log.deleteTopics([names.topic, names.dlqTopic], [names.group]);
        },
      });
      await watcher.start();
      return opened;
    } catch (error) {
      await made.fleet?.stop().catch(() => undefined);
      await made.bus?.close().catch(() => undefined);
      await log.deleteTopics([names.topic, names.dlqTopic], [names.group]).catch(() => undefined);
      throw error;
    }
  }

  private acknowledged(event: SaleEvent, atUs: number): void {
    this.net.set(event.user, (this.net.get(event.user) ?? 0) + (event.type === 'purchased' ? 1 : -1));
    this.watcher.acknowledged(event, atUs);
  }

  /**
   * Waits until the workers have written and committed everything published, or the timeout. A
   * log that fails to say the lag (a broker briefly away) is asked again until the timeout.
   */
  async drain(): Promise<void> {
    const { clock } = this.infra;
    const startedUs = clock.nowUs();
    for (;;) {
      if ((await this.pending()) === 0) break;
      if (clock.nowUs() - startedUs >= this.write.drainTimeoutMs * 1000) {
        this.drainedAll = false;
        break;
      }
      await clock.sleep(DRAIN_POLL_MS);
    }
    await this.watcher.poll();
    this.drainMs += (clock.nowUs() - startedUs) / 1000;
  }

  /** Records not yet committed (also kept as lagRecords), or undefined when the log failed to say. */
  async pending(): Promise<number | undefined> {
    try {
      const { end, committed } = await this.log.lag(this.names.topic, this.names.group);
      this.lagRecords = Math.max(0, end - committed);
      return this.lagRecords;
    } catch (error) {
      this.lastLagError = describeError(error);
      return undefined;
    }
  }

  /** When a drain timed out: the log's last failure to say the lag, if it had one. */
  drainError(): string | undefined {
    return this.drainedAll ? undefined : this.lastLagError;
  }

  /**
   * kill-worker: kills one worker abruptly and waits for its replacement; `behind` is how many
   * records were not yet committed when it fired.
   */
  async killWorker(): Promise<{ killed: string; behind: number }> {
    // A replacement started now would outlive the run: its workers are stopped (or being replaced).
    if (this.fleetStopped !== undefined) throw new TicketsimError('kill-worker: the workers are already stopped');
    const { end, committed } = await this.log.lag(this.names.topic, this.names.group);
    const { killed, replaced } = await this.fleet.kill();
    await replaced;
    return { killed, behind: Math.max(0, end - committed) };
  }

  /**
   * redeliver: stops the workers (their figures stay in the totals), rewinds the group to the start
   * of every partition and starts a fresh fleet, which reads everything again. Resolves with how
   * many records will be read again.
   */
  async rewind(): Promise<number> {
    const sofar = await this.stopWorkers();
    const again = await this.log.rewindGroup(this.names.topic, this.names.group);
    const fleet = await this.launch();
    this.earlier = { ...sofar, lag: 0 };
    this.fleet = fleet;
    this.fleetStopped = undefined;
    return again;
  }

  /** The workers' figures, as last reported, summed over every fleet of the run. */
  workerStats(): WorkerFigures {
    return this.withEarlier(this.fleet.stats());
  }

  private withEarlier(current: WorkerFigures): WorkerFigures {
    // A stopped fleet is behind nothing: its lag was set to 0 when it stopped.
    return this.earlier === undefined ? current : sumWorkerFigures([this.earlier, current]);
  }

  /** What a dashboard shows of the path. */
  live(): { acknowledged: number; persisted: number; behind: number; lagP99Us: number } {
    return { acknowledged: this.bus.stats().published, persisted: this.watcher.persisted, behind: this.workerStats().lag, lagP99Us: this.watcher.lagP99() };
  }

  /** What the write-behind checks read, given the rows after the drain. */
  observation(rows: BehindObservation['rows'], worker: WorkerFigures): BehindObservation {
    const { published, redelivered } = this.bus.stats();
    return {
      rows,
      net: this.net,
      published,
      redelivered,
      worker,
      drained: this.drainedAll,
      lagRecords: this.lagRecords,
      drainTimeoutMs: this.write.drainTimeoutMs,
      drainError: this.drainError(),
    };
  }

  /** Stops the workers (once); their final figures, summed over every fleet of the run. */
  async stopWorkers(): Promise<WorkerFigures> {
    this.fleetStopped ??= this.fleet.stop();
    return this.withEarlier(await this.fleetStopped);
  }

  /**
   * Stops watching and publishing, and deletes the run's topics and group unless kept. A deletion
   * that fails does not fail the run: the summary says what was left and why.
   */
  async release(): Promise<void> {
    await this.watcher.stop().catch(() => undefined);
    await this.bus.close().catch(() => undefined);
    if (!this.write.keepTopic) {
      await this.log.deleteTopics([this.names.topic, this.names.dlqTopic], [this.names.group]).catch((error: unknown) => {
        this.leftover = describeError(error);
      });
    }
    this.forgetUndo();
  }

  /** What the write-behind path did, once released, given the workers' final figures. */
  summary(worker: WorkerFigures): WriteBehindSummary {
    const { published, redelivered, requests } = this.bus.stats();
    return {
      ...this.names,
      partitions: this.write.partitions,
      workers: this.fleet.count,
      kept: this.write.keepTopic,
      ...(this.leftover === undefined ? {} : { leftover: this.leftover }),
      published,
      redelivered,
      requests,
      worker,
      drained: this.drainedAll,
      drainMs: Math.round(this.drainMs),
      lagRecords: this.lagRecords,
      lag: this.watcher.lag(),
      pollMs: ROW_POLL_MS,
      drainCurve: this.watcher.curve(),
    };
  }
}
