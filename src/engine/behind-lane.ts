// The write-behind lane of one run or one server (--write behind): its own topic, dead-letter topic
// and consumer group, the workers in that group (started through the launcher the CLI gives), the
// bus the writer publishes on, how far the workers are behind, and at the end stopping them and
// deleting what the lane created unless asked to keep it. Worker figures are totals over every
// fleet the lane started (a rewind starts a fresh one). A run's measurements of the lane (rows seen,
// drains timed) are the engine target's; a server uses the lane as it is.
import type { WriteConfig } from '../config/write-config.js';
import { TicketsimError, describeError } from '../errors.js';
import { undoOnExit } from '../exit-cleanup.js';
import { sumWorkerFigures } from '../worker-figures.js';
import type { EventBus, EventLog, FleetSpec, Infrastructure, LedgerTable, SaleEvent, WorkerFigures, WorkerFleet, WorkerLauncher, WorkerOutage, WorkerWait, Writer } from './ports.js';
import type { RunNames } from './run-names.js';
import { createBehindWriter } from './strategies/index.js';

/** How often a drain asks the log how far the group is behind. */
const DRAIN_POLL_MS = 50;

/** The names a lane uses: all its owner's own, under its run id (see run-names.ts). */
export type LaneNames = Pick<RunNames, 'topic' | 'dlqTopic' | 'group'>;

/** The write settings a lane takes (see WriteConfig). */
export type LaneSettings = Pick<WriteConfig, 'workers' | 'partitions' | 'batchSize' | 'writesInFlight' | 'redeliver' | 'keepTopic'>;

/** What opening a lane takes. */
export interface LaneOptions {
  /** Must carry the event log. */
  infra: Infrastructure;
  names: LaneNames;
  write: LaneSettings;
  launcher: WorkerLauncher | undefined;
  /** The table worker processes write instead of purchases (the planted non-idempotent worker). */
  table?: LedgerTable;
  /** The selftest's planted lost write: this fraction of purchase events is acknowledged, never sent. */
  drop?: number;
  /** Told of every event the log acknowledged, at that time of the infrastructure's clock. */
  acknowledged?(event: SaleEvent, atUs: number): void;
}

/** A write-behind lane, open: its topic exists, its workers joined their group, its bus is connected. */
export class BehindLane {
  readonly writer: Writer;
  /** Records not yet committed, as last heard (by pending()). */
  lagRecords = 0;
  /** The log's last failure to say the lag. */
  lastLagError: string | undefined;
  /** Totals of the fleets stopped before the current one (by rewind()). */
  /** The outages the workers of earlier fleets said (a rewind starts a fresh fleet). */
  private readonly earlierOutages: WorkerOutage[] = [];
  private earlier: WorkerFigures | undefined;
  /** The current fleet's stop, once asked for. */
  private fleetStopped: Promise<WorkerFigures> | undefined;
  /** Unregisters the undo a quit-at-once runs (the workers, the topics), once release() did it. */
  private forgetUndo: () => void = () => undefined;

  private constructor(
    private readonly log: EventLog,
    private readonly infra: Infrastructure,
    readonly names: LaneNames,
    private readonly bus: EventBus,
    private readonly launch: () => Promise<WorkerFleet>,
    private fleet: WorkerFleet,
  ) {
    this.writer = createBehindWriter(bus);
  }

  /**
   * Creates the topic, starts the workers, connects the bus, and registers what a quit-at-once must
   * undo. On failure, whatever it made is stopped and deleted again.
   */
  static async open(options: LaneOptions): Promise<BehindLane> {
    const { infra, write, launcher } = options;
    const names: LaneNames = { topic: options.names.topic, dlqTopic: options.names.dlqTopic, group: options.names.group };
    if (infra.log === undefined) throw new TicketsimError('writing behind needs the event log, and this infrastructure has none');
    if (launcher === undefined) throw new TicketsimError('writing behind needs workers, and no worker launcher was given');
    const log = infra.log;
    await log.createTopic(names.topic, write.partitions);
    const spec: FleetSpec = { count: write.workers, batchSize: write.batchSize, writesInFlight: write.writesInFlight, ...names, table: options.table };
    const launch = () => launcher.start(infra, spec);
    const made: { fleet?: WorkerFleet; bus?: EventBus } = {};
    try {
      made.fleet = await launch();
      const observer = options.acknowledged === undefined ? undefined : { eventAcknowledged: options.acknowledged };
      made.bus = await log.bus(names.topic, { redeliver: write.redeliver, drop: options.drop ?? 0, observer });
      const lane = new BehindLane(log, infra, names, made.bus, launch, made.fleet);
      lane.forgetUndo = undoOnExit({
        what: write.keepTopic ? 'stop the workers' : `stop the workers, delete topics ${names.topic} and ${names.dlqTopic} and group ${names.group}`,
        undo: async () => {
          await lane.stopWorkers();
          if (!write.keepTopic) await lane.deleteNames();
        },
      });
      return lane;
    } catch (error) {
      await made.fleet?.stop().catch(() => undefined);
      await made.bus?.close().catch(() => undefined);
      await log.deleteTopics([names.topic, names.dlqTopic], [names.group]).catch(() => undefined);
      throw error;
    }
  }

  /** Records not yet committed (also kept as lagRecords), or undefined when the log failed to say (kept as lastLagError). */
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

  /**
   * Waits until the workers have written and committed everything published (true), or `timeoutMs`
   * of the infrastructure's clock passed (false). A log that fails to say the lag (a broker briefly
   * away) is asked again until the timeout.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    const { clock } = this.infra;
    const startedUs = clock.nowUs();
    for (;;) {
      if ((await this.pending()) === 0) return true;
      if (clock.nowUs() - startedUs >= timeoutMs * 1000) return false;
      await clock.sleep(DRAIN_POLL_MS);
    }
  }

  /** Events acknowledged, copies sent again on purpose, produce requests made. */
  busStats(): ReturnType<EventBus['stats']> {
    return this.bus.stats();
  }

  /** The services the current workers are waiting for (a worker process said it is away). */
  waitingFor(): WorkerWait[] {
    return this.fleet.waitingFor();
  }

  /** Every outage the lane's workers said, over every fleet, in the order they began. */
  outages(): WorkerOutage[] {
    return [...this.earlierOutages, ...this.fleet.outages()];
  }

  /** Workers in the current fleet. */
  get workerCount(): number {
    return this.fleet.count;
  }

  /**
   * kill-worker: kills one worker abruptly and waits for its replacement; `behind` is how many
   * records were not yet committed when it fired.
   */
  async killWorker(): Promise<{ killed: string; behind: number }> {
    // A replacement started now would outlive the lane: its workers are stopped (or being replaced).
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
    this.earlier = sofar;
    this.earlierOutages.push(...this.fleet.outages());
    this.fleet = fleet;
    this.fleetStopped = undefined;
    return again;
  }

  /** The workers' figures, as last reported, summed over every fleet of the lane. */
  workerStats(): WorkerFigures {
    return this.withEarlier(this.fleet.stats());
  }

  private withEarlier(current: WorkerFigures): WorkerFigures {
    // A stopped fleet is behind nothing: its lag was set to 0 when it stopped.
    return this.earlier === undefined ? current : sumWorkerFigures([this.earlier, current]);
  }

  /** Stops the workers (once); their final figures, summed over every fleet of the lane. */
  async stopWorkers(): Promise<WorkerFigures> {
    this.fleetStopped ??= this.fleet.stop();
    return this.withEarlier(await this.fleetStopped);
  }

  /**
   * Stops publishing and deletes the lane's topics and group unless `keep`. Resolves with why they
   * could not be deleted, if they could not (a deletion that fails fails nothing else).
   */
  async release(keep: boolean): Promise<string | undefined> {
    await this.bus.close().catch(() => undefined);
    const leftover = keep ? undefined : await this.deleteNames().then(() => undefined, (error: unknown) => describeError(error));
    this.forgetUndo();
    return leftover;
  }

  private deleteNames(): Promise<void> {
    return this.log.deleteTopics([this.names.topic, this.names.dlqTopic], [this.names.group]);
  }
}
