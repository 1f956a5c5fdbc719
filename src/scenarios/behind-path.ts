// The write-behind path of one run (--write behind): its own topic (and dead-letter topic) and
// consumer group, the workers (started through the launcher the CLI gives: real worker processes,
// or in-process ones), the publishing bus, the row watcher, the drain after each phase, and at the
// end stopping the workers and deleting what the run created unless asked to keep it.
import type { WriteConfig } from '../config/write-config.js';
import { createBehindWriter } from '../engine/strategies/index.js';
import type { EventBus, EventLog, Infrastructure, SaleEvent, SaleId, UserId, Writer } from '../engine/ports.js';
import { TicketsimError } from '../errors.js';
import type { WorkerFigures, WriteBehindSummary } from '../result.js';
import type { BehindObservation } from './behind-checks.js';
import { ROW_POLL_MS, RowWatcher } from './row-watcher.js';

/** Where and how many workers to start. */
export interface FleetSpec {
  count: number;
  topic: string;
  group: string;
  dlqTopic: string;
  batchSize: number;
}

/** Workers a launcher started. */
export interface FleetHandle {
  readonly count: number;
  stats(): WorkerFigures;
  stop(): Promise<WorkerFigures>;
}

/** Starts a run's workers for its infrastructure (the CLI wires the worker module in). */
export interface WorkerLauncher {
  start(infra: Infrastructure, spec: FleetSpec): Promise<FleetHandle>;
}

/** How often the drain asks the log how far the group is behind. */
const DRAIN_POLL_MS = 50;

/** The names a run's write-behind path uses: all its own, under its run id. */
export function behindNames(runId: string): { topic: string; dlqTopic: string; group: string } {
  const topic = `ticketsim.sales.${runId}`;
  return { topic, dlqTopic: `${topic}.dlq`, group: `ticketsim-workers-${runId}` };
}

/** A run's write-behind path, open. */
export class BehindPath {
  readonly writer: Writer;
  /** Per user: purchases acknowledged minus cancels acknowledged. */
  private readonly net = new Map<UserId, number>();
  private drainedAll = true;
  private drainMs = 0;
  private lagRecords = 0;

  private constructor(
    private readonly log: EventLog,
    private readonly infra: Infrastructure,
    private readonly write: WriteConfig,
    private readonly names: ReturnType<typeof behindNames>,
    private readonly bus: EventBus,
    private readonly fleet: FleetHandle,
    private readonly watcher: RowWatcher,
  ) {
    this.writer = createBehindWriter(bus);
  }

  /** Creates the topic, starts the workers and the row watcher, connects the bus. */
  static async open(deps: { infra: Infrastructure; runId: string; write: WriteConfig; launcher: WorkerLauncher | undefined; sale: SaleId; originUs: () => number }): Promise<BehindPath> {
    const { infra, write } = deps;
    if (infra.log === undefined) throw new TicketsimError('writing behind needs the event log, and this infrastructure has none');
    if (deps.launcher === undefined) throw new TicketsimError('writing behind needs workers, and no worker launcher was given');
    const log = infra.log;
    const names = behindNames(deps.runId);
    await log.createTopic(names.topic, write.partitions);
    const made: { fleet?: FleetHandle; bus?: EventBus } = {};
    try {
      made.fleet = await deps.launcher.start(infra, { count: write.workers, batchSize: write.batchSize, ...names });
      const watcher = new RowWatcher({ ledger: infra.ledger, clock: infra.clock, sale: deps.sale }, deps.originUs);
      const path: { acknowledged?: (event: SaleEvent, atUs: number) => void } = {};
      made.bus = await log.bus(names.topic, { redeliver: write.redeliver, observer: { eventAcknowledged: (event, atUs) => path.acknowledged?.(event, atUs) } });
      const opened = new BehindPath(log, infra, write, names, made.bus, made.fleet, watcher);
      path.acknowledged = (event, atUs) => opened.acknowledged(event, atUs);
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

  /** Waits until the workers have written and committed everything published, or the timeout. */
  async drain(): Promise<void> {
    const { clock } = this.infra;
    const startedUs = clock.nowUs();
    for (;;) {
      const { end, committed } = await this.log.lag(this.names.topic, this.names.group);
      this.lagRecords = Math.max(0, end - committed);
      if (this.lagRecords === 0) break;
      if (clock.nowUs() - startedUs >= this.write.drainTimeoutMs * 1000) {
        this.drainedAll = false;
        break;
      }
      await clock.sleep(DRAIN_POLL_MS);
    }
    await this.watcher.poll();
    this.drainMs += (clock.nowUs() - startedUs) / 1000;
  }

  /** What a dashboard shows of the path. */
  live(): { acknowledged: number; persisted: number; behind: number; lagP99Us: number } {
    return { acknowledged: this.bus.stats().published, persisted: this.watcher.persisted, behind: this.fleet.stats().lag, lagP99Us: this.watcher.lagP99() };
  }

  /** What the write-behind checks read, given the rows after the drain. */
  observation(rows: BehindObservation['rows'], worker: WorkerFigures): BehindObservation {
    const { published, redelivered } = this.bus.stats();
    return { rows, net: this.net, published, redelivered, worker, drained: this.drainedAll, lagRecords: this.lagRecords, drainTimeoutMs: this.write.drainTimeoutMs };
  }

  /** Stops the workers; their final figures. */
  stopWorkers(): Promise<WorkerFigures> {
    return this.fleet.stop();
  }

  /** Stops watching and publishing, and deletes the run's topics and group unless kept. */
  async release(): Promise<void> {
    await this.watcher.stop().catch(() => undefined);
    await this.bus.close().catch(() => undefined);
    if (!this.write.keepTopic) await this.log.deleteTopics([this.names.topic, this.names.dlqTopic], [this.names.group]).catch(() => undefined);
  }

  /** What the write-behind path did, once released, given the workers' final figures. */
  summary(worker: WorkerFigures): WriteBehindSummary {
    const { published, redelivered, requests } = this.bus.stats();
    return {
      ...this.names,
      partitions: this.write.partitions,
      workers: this.fleet.count,
      kept: this.write.keepTopic,
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
