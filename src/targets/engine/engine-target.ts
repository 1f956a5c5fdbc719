// The built-in engine as a system under test (ARCHITECTURE.md, "The sale-target seam"): one
// concurrency-control strategy × one write mode over the real services or the in-process ones. It
// opens the infrastructure, names everything after the run id (run-names.ts), writes behind through
// its own topic and workers when asked, times its SQL, and reads a sale back as MySQL rows (the
// records), the Redis stock (the counter) and the Redis buyer set (the index).
import { openInfrastructure } from '../../engine/infrastructure.js';
import type { EngineFaults, Infrastructure, ServiceSwitch, Strategy, UserId, WorkerLauncher } from '../../engine/ports.js';
import { runNames } from '../../engine/run-names.js';
import type { RunNames } from '../../engine/run-names.js';
import type { StepSchedule } from '../../engine/memory/step-schedule.js';
import { createStrategy, createSyncWriter } from '../../engine/strategies/index.js';
import type { CheckResult, StoredData, WorkerFigures } from '../../result.js';
import { servicesNeeded } from '../../scenarios/catalogue.js';
import type { FaultReach } from '../../scenarios/faults/nemesis-fault.js';
import type { RunTarget, SaleReadBack, TargetContext, TargetLive, TargetSale, TargetSummary } from '../../scenarios/target.js';
import { checkBehind } from './behind-checks.js';
import { BehindPath } from './behind-path.js';
import { SqlRecorder } from './sql-recorder.js';

/** The planted lost write (selftest only): this fraction of purchase events never reaches the log. */
const PLANTED_DROP = 0.01;

/** What the engine's stores are called in the checks' words. */
const STORE_NAMES: SaleReadBack['names'] = { records: 'MySQL', stock: 'Redis', index: 'Redis' };

/** How a run opens the engine as its target. */
export interface EngineTargetOptions extends TargetContext {
  /** Starts the workers of a write-behind run (the CLI passes the worker module's). */
  launcher?: WorkerLauncher | undefined;
  /**
   * An explored run (`ticketsim explore`): the in-process services take their steps in the order
   * its chooser picks, and each purchase and cancel is an actor of it.
   */
  steps?: StepSchedule;
}

/** Connects the engine's infrastructure (auto, real or in process, as configured). */
export async function openEngineTarget(options: EngineTargetOptions): Promise<RunTarget> {
  const { run, services } = options.config;
  const names = runNames(options.runId);
  const sql = new SqlRecorder(run.slowSqlMs);
  const { infra, reason } = await openInfrastructure({
    mode: run.infra,
    services,
    needs: servicesNeeded(run),
    poolSize: run.poolSize,
    insertGroup: run.insertGroup,
    seed: run.seed,
    observer: {
      ...options.observer,
      statement: (timing) => {
        sql.record(timing);
        options.observer.statement?.(timing);
      },
    },
    slowSqlMs: run.slowSqlMs,
    table: run.plants.includes('non-idempotent-worker') ? names.plainTable : undefined,
    steps: options.steps,
    splitReserve: run.plants.includes('split-reserve'),
  });
  return new EngineTarget(options, names, infra, reason, sql);
}

class EngineTarget implements RunTarget {
  readonly kind: Infrastructure['kind'];
  readonly clock: Infrastructure['clock'];
  readonly versions: Infrastructure['versions'];
  private behind: BehindPath | undefined;
  private workers: WorkerFigures | undefined;
  private released = false;
  private engineFaults: EngineFaults | undefined;
  private engine: Strategy | undefined;

  constructor(
    private readonly options: EngineTargetOptions,
    private readonly names: RunNames,
    private readonly infra: Infrastructure,
    readonly reason: string,
    private readonly sql: SqlRecorder,
  ) {
    this.kind = infra.kind;
    this.clock = infra.clock;
    this.versions = infra.versions;
  }

  readonly faultStack = {
    /** In process: the in-process broker; on the real stack: only the broker scripts/services.sh started. */
    service: async (name: 'kafka'): Promise<ServiceSwitch | { refusal: string } | undefined> => {
      if (this.infra.kind === 'memory') return this.infra.switches?.[name];
      const { scriptedBrokerSwitch } = await import('../../engine/kafka/broker-switch.js');
      return scriptedBrokerSwitch(this.options.config.services.kafka.brokers);
    },
  };

  async begin(): Promise<FaultReach> {
    const { run } = this.options.config;
    if (run.write.mode !== 'behind') return {};
    this.behind = await BehindPath.open({
      infra: this.infra,
      runId: this.options.runId,
      write: run.write,
      launcher: this.options.launcher,
      table: run.plants.includes('non-idempotent-worker') ? this.names.plainTable : undefined,
      drop: run.plants.includes('drop-publish') ? PLANTED_DROP : 0,
      sale: this.names.sale,
      originUs: () => this.options.firstReleaseUs(),
    });
    return { behind: this.behind };
  }

  armEngine(faults: EngineFaults | undefined): void {
    this.engineFaults = faults;
  }

  async openSale(stock: number): Promise<TargetSale> {
    const { infra, names } = this;
    const { sale } = names;
    const strategy = (this.engine ??= createStrategy(this.options.config.run.strategy, {
      ...infra,
      writer: this.behind?.writer ?? createSyncWriter(infra.ledger),
      faults: this.engineFaults,
      observer: { staleRefused: this.options.observer.staleRefused },
    }));
    await infra.inventory.createSale(sale, stock);
    const { steps } = this.options;
    return {
      sale,
      purchase: steps === undefined ? (user: UserId) => strategy.purchase(sale, user) : (user: UserId) => steps.actor(`buy ${user}`, () => strategy.purchase(sale, user)),
      cancel: steps === undefined ? (user: UserId) => strategy.cancel(sale, user) : (user: UserId) => steps.actor(`cancel ${user}`, () => strategy.cancel(sale, user)),
      seatsLeft: () => infra.inventory.readStock(sale),
      readBack: async () => {
        const [redisSide, records] = await Promise.all([infra.inventory.inspect(sale), infra.ledger.purchases(sale)]);
        return { records, stock: redisSide.stock ?? 'missing', index: redisSide.buyers, names: STORE_NAMES };
      },
    };
  }

  get settle(): (() => Promise<void>) | undefined {
    const { behind } = this;
    return behind === undefined ? undefined : () => behind.drain();
  }

  async quiesce(): Promise<void> {
    if (this.behind !== undefined) this.workers ??= await this.behind.stopWorkers();
  }

  async checks(): Promise<CheckResult[]> {
    if (this.behind === undefined || this.workers === undefined) return [];
    return checkBehind(this.behind.observation(await this.infra.ledger.purchases(this.names.sale), this.workers));
  }

  live(): TargetLive {
    return { sql: this.sql.live(), writeBehind: this.behind?.live() };
  }

  async summary(): Promise<TargetSummary> {
    const sql = await this.sqlSummary(this.options.firstReleaseUs());
    const { behind, workers } = this;
    if (behind !== undefined) await this.release(behind);
    return {
      data: { sale: this.names.sale, stores: this.stores() },
      ...(sql === undefined ? {} : { sql }),
      ...(behind === undefined || workers === undefined ? {} : { writeBehind: behind.summary(workers) }),
    };
  }

  /** Where the run's data lives: the sale's rows (and fenced, its fence row), and its Redis keys. */
  private stores(): StoredData[] {
    const { sale, keys } = this.names;
    const fenced = this.options.config.run.strategy === 'fenced';
    return [
      { store: 'MySQL', holds: [`purchases rows with ticket_name = '${sale}'`, ...(fenced ? [`the sale_fences row with ticket_name = '${sale}'`] : [])] },
      { store: 'Redis', holds: fenced ? [keys.stock, keys.buyers, keys.fence, keys.fenceSeen] : [keys.stock, keys.buyers] },
    ];
  }

  /** The sql section: the ledger's statements as timed, and the server's own count when it answers. */
  private async sqlSummary(firstReleaseUs: number) {
    const server = await this.infra.ledger.serverStats().catch(() => undefined);
    const clock = this.infra.kind === 'real' ? 'the wall clock' : 'the in-process virtual clock';
    return this.sql.summary(firstReleaseUs, {
      wait: `measured by ticketsim on ${clock}: from asking the pool for a connection to having it`,
      exec: `measured by ticketsim on ${clock}: from sending the statement on that connection to its reply`,
    }, server);
  }

  private async release(behind: BehindPath): Promise<void> {
    if (this.released) return;
    this.released = true;
    await behind.release();
  }

  free(): void {
    this.sql.free();
    this.behind?.free();
  }

  async close(): Promise<void> {
    // A run that failed part-way still stops its workers and removes its topics.
    const { behind } = this;
    if (behind !== undefined) {
      if (this.workers === undefined) await behind.stopWorkers().catch(() => undefined);
      await this.release(behind).catch(() => undefined);
    }
    await this.infra.close();
  }
}
