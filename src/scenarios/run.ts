// One scenario run from start to verdict: open the infrastructure, prepare the scenario, release the
// burst, read the stores back into checks, close. A ScenarioRun is a LiveRun (snapshot(), result,
// abort()) and also emits typed `phase` and `done` events for any other subscriber.
import { EventEmitter } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Config } from '../config/config.js';
import { namedOptions } from '../config/config.js';
import { openInfrastructure } from '../engine/infrastructure.js';
import type { LedgerTable } from '../engine/mysql/tables.js';
import { newRunId, runNames } from '../engine/run-names.js';
import type { Infrastructure } from '../engine/ports.js';
import { createStrategy, createSyncWriter } from '../engine/strategies/index.js';
import { InterruptedError, describeError } from '../errors.js';
import type { CheckResult, FaultRecord, LiveRun, LoadSummary, RunPhase, RunResult, RunSnapshot, SqlSummary, WorkerFigures, WriteBehindSummary } from '../result.js';
import { LatencyTrack } from './latency-recorder.js';
import { SeriesRecorder } from './series.js';
import { checkBehind } from './behind-checks.js';
import { BehindPath } from './behind-path.js';
import type { WorkerLauncher } from './behind-path.js';
import { dataOf } from './sale.js';
import { DEFAULTS } from '../config/defaults.js';
import { Burst, emptyCounts } from './burst.js';
import { OperationLatencies } from './latency-recorder.js';
import { PhaseLog } from './phase-log.js';
import { SCENARIO_CATALOGUE, servicesNeeded } from './catalogue.js';
import { reproduceCommand } from './command-line.js';
import { GuardTally } from './guard-tally.js';
import { environmentOf } from './environment.js';
import { GeneratorMeter } from './generator-meter.js';
import type { PreparedScenario } from './scenario.js';
import { SqlRecorder } from './sql-recorder.js';
import { Nemesis } from './nemesis.js';
import { prepareFaults } from './faults/catalogue.js';
import type { FaultReach } from './faults/nemesis-fault.js';

/** An operation on the real services still pending after this long counts as an error. */
const OPERATION_TIMEOUT_MS = 30_000;

/** The planted lost write (selftest only): this fraction of purchase events never reaches the log. */
const PLANTED_DROP = 0.01;

/** Seconds of the series a snapshot carries for the dashboard. */
const RECENT_SECONDS = 6;

interface RunEvents {
  phase: [RunPhase];
  done: [RunResult];
}

/** A run in progress. Create it with startRun(). */
export class ScenarioRun extends EventEmitter<RunEvents> implements LiveRun {
  readonly runId = newRunId();
  /** Every name this run creates (its sale, keys, topics, group, planted table). */
  private readonly names = runNames(this.runId);
  readonly result: Promise<RunResult>;
  readonly connected: Promise<void>;
  private markConnected!: () => void;
  private phase: RunPhase = 'connecting';
  private infraKind: RunSnapshot['infra'] = 'connecting';
  private infraReason: string | undefined;
  private phases: PhaseLog | undefined;
  private readonly latency = new OperationLatencies();
  private aborted = false;
  /** The engine's reports of this run: lock traffic and SQL statements. */
  private readonly guards = new GuardTally();
  private readonly sql: SqlRecorder;
  private behind: BehindPath | undefined;
  private nemesis: Nemesis | undefined;
  /** Per second of the run, from the first release. */
  private readonly series = new SeriesRecorder(() => this.phases?.firstRelease());
  /** The generator's own event-loop delay: when it is high, ticketsim was the bottleneck. */
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  /** The wall time, and what the run costs this process, from here to the verdict. */
  private readonly meter = new GeneratorMeter();

  /** @param launcher starts the workers of a write-behind run (the CLI passes the worker module's). */
  constructor(
    private readonly config: Config,
    private readonly launcher?: WorkerLauncher,
  ) {
    super();
    this.sql = new SqlRecorder(config.run.slowSqlMs);
    this.connected = new Promise((resolve) => (this.markConnected = resolve));
    this.result = this.execute();
    this.result.then((result) => this.emit('done', result), () => undefined).finally(() => this.markConnected());
  }

  /** Stops dispatching new attempts; what is in flight finishes and is checked. */
  abort(): void {
    this.aborted = true;
    this.nemesis?.halt();
    this.phases?.current?.burst.abort();
  }

  snapshot(): RunSnapshot {
    const { run } = this.config;
    const current = this.phases?.current;
    const burst = current?.burst;
    const done = burst?.done ?? 0;
    return {
      scenario: run.scenario,
      strategy: run.strategy,
      infra: this.infraKind,
      infraReason: this.infraReason,
      params: this.params(),
      phase: this.phase,
      stage: current === undefined ? undefined : { name: current.name, index: current.index, of: this.phases!.of },
      total: burst?.planned ?? this.plannedAttempts(),
      done,
      inFlight: burst?.inFlight ?? 0,
      counts: this.phases?.counts() ?? emptyCounts(),
      // Measured as the result's durationMs and throughput are, so the live figures end on the final ones.
      elapsedMs: this.phases?.durationMs() ?? 0,
      ratePerSec: this.phases?.throughput() ?? 0,
      operations: (burst?.operations ?? []).flatMap((operation) => {
        const recorder = this.latency.of(operation);
        return recorder === undefined || recorder.count === 0 ? [] : [{ operation, latency: recorder.overview() }];
      }),
      guards: this.guards.snapshot(),
      sql: this.sql.live(),
      writeBehind: this.behind?.live(),
      faults: this.nemesis?.live(),
      recent: this.series.recent(RECENT_SECONDS),
    };
  }

  /** The most attempts in flight at once: --concurrency when smaller than the generator's cap. */
  private inFlightCap(kind: Infrastructure['kind']): number {
    const { run } = this.config;
    const cap = run.maxInFlight ?? (kind === 'memory' ? DEFAULTS.maxInFlightInProcess : DEFAULTS.maxInFlight);
    return Math.min(run.concurrency ?? Number.POSITIVE_INFINITY, cap);
  }

  /** How the load was generated, over every phase. */
  private loadSummary(phases: PhaseLog, kind: Infrastructure['kind']): LoadSummary {
    const { run } = this.config;
    const bursts = phases.bursts();
    const lag = new LatencyTrack();
    for (const burst of bursts) lag.merge(burst.startLag);
    const sum = (pick: (burst: Burst) => number) => bursts.reduce((total, burst) => total + pick(burst), 0);
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const delay = this.loopDelay;
    const started = sum((burst) => burst.started);
    const durationMs = phases.durationMs();
    return {
      model: run.rate === undefined ? 'burst' : 'rate',
      ...(run.rate === undefined
        ? {}
        : { rate: run.rate.rate, durationMs: run.rate.durationMs, ...(run.rate.rampFrom === undefined ? {} : { rampFrom: run.rate.rampFrom }) }),
      maxInFlight: this.inFlightCap(kind),
      planned: sum((burst) => burst.planned),
      started,
      dropped: sum((burst) => burst.counts.dropped),
      lateStarts: sum((burst) => burst.lateStarts),
      startLag: lag.summary(),
      eventLoopDelayMs: delay.count === 0 ? { p50: 0, p99: 0, max: 0 } : { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      ...(run.rate === undefined || durationMs <= 0 ? {} : { achievedRate: Math.round((started * 1000) / Math.min(durationMs, run.rate.durationMs)) }),
    };
  }

  /** users × requests per user: what a single burst will attempt (shown before a phase begins). */
  private plannedAttempts(): number {
    const { run } = this.config;
    return run.users * (run.requestsPerUser ?? 1);
  }

  private setPhase(phase: RunPhase): void {
    this.phase = phase;
    this.emit('phase', phase);
  }

  private params(): RunResult['params'] {
    const { run } = this.config;
    return {
      users: run.users,
      stock: run.stock,
      ...(run.requestsPerUser === undefined ? {} : { requestsPerUser: run.requestsPerUser }),
      ...(run.cancelRatio === undefined ? {} : { cancelRatio: run.cancelRatio, cancelDupes: run.cancelDupes, rebuyers: run.rebuyers }),
      attempts: this.phases?.attempts() ?? this.plannedAttempts(),
      concurrency: run.concurrency ?? null,
      poolSize: run.poolSize,
      slowSqlMs: run.slowSqlMs,
      write: run.write.mode,
      ...(run.rate === undefined ? {} : { rate: { ...run.rate } }),
      options: namedOptions(run),
    };
  }

  /** The planted non-idempotent worker's table of this run's own, when the selftest plants it. */
  private plantedTable(): LedgerTable | undefined {
    return this.config.run.plants.includes('non-idempotent-worker') ? this.names.plainTable : undefined;
  }

  private async execute(): Promise<RunResult> {
    const { run, services } = this.config;
    const scenario = SCENARIO_CATALOGUE[run.scenario];
    const startedAt = new Date();
    const { infra, reason } = await openInfrastructure({
      mode: run.infra,
      services,
      needs: servicesNeeded(run),
      poolSize: run.poolSize,
      seed: run.seed,
      observer: { lockAcquisition: this.guards.lockAcquisition, statement: this.sql.record, staleRefused: this.guards.stale },
      slowSqlMs: run.slowSqlMs,
      table: this.plantedTable(),
    });
    this.infraKind = infra.kind;
    this.infraReason = reason;
    this.markConnected();
    let behind: BehindPath | undefined;
    let workers: WorkerFigures | undefined;
    try {
      if (this.aborted) throw new InterruptedError('stopped before the run began');
      this.setPhase('setup');
      // A fault the stack refuses is refused before the run creates its topic or starts workers.
      const reach = await prepareFaults(run.faults, { infra, services });
      const phases = new PhaseLog(0);
      if (run.write.mode === 'behind') {
        behind = await BehindPath.open({
          infra,
          runId: this.runId,
          write: run.write,
          launcher: this.launcher,
          table: this.plantedTable(),
          drop: run.plants.includes('drop-publish') ? PLANTED_DROP : 0,
          sale: this.names.sale,
          originUs: () => phases.firstRelease() ?? 0,
        });
        this.behind = behind;
      }
      const nemesis = this.openNemesis(infra, phases, { ...reach, ...(behind === undefined ? {} : { behind }) });
      const strategy = createStrategy(run.strategy, {
        ...infra,
        writer: behind?.writer ?? createSyncWriter(infra.ledger),
        faults: nemesis.engineFaults(),
        observer: { staleRefused: this.guards.stale },
      });
      const prepared = await scenario.prepare({ infra, strategy, runId: this.runId, run });
      phases.of = prepared.phases.length;
      this.phases = phases;
      await this.runPhases(prepared, phases, infra, behind, nemesis);
      await nemesis.settle();
      if (behind) workers = await behind.stopWorkers();
      this.setPhase('checking');
      const { checks, inconclusive } = await this.check(prepared, phases, infra, behind, workers);
      const sql = await this.sqlSummary(infra, phases);
      await behind?.release();
      const writeBehind = behind?.summary(workers!);
      behind = undefined;
      const result = this.buildResult({ infra, reason, phases, checks, inconclusive, sql, writeBehind, startedAt, faults: nemesis.records() });
      this.setPhase('done');
      return result;
    } finally {
      // A run that failed part-way still brings back what its faults took away, stops its workers
      // and removes its topics.
      this.meter.stop();
      this.nemesis?.halt();
      await this.nemesis?.settle().catch(() => undefined);
      if (behind) {
        if (workers === undefined) await behind.stopWorkers().catch(() => undefined);
        await behind.release().catch(() => undefined);
      }
      await infra.close();
    }
  }

  /** The run's nemesis over what it may act on. */
  private openNemesis(infra: Infrastructure, phases: PhaseLog, reach: FaultReach): Nemesis {
    const { run } = this.config;
    this.nemesis = new Nemesis({
      faults: run.faults,
      clock: infra.clock,
      run: { scenario: run.scenario, strategy: run.strategy, write: run.write.mode },
      sinceRelease: () => {
        const origin = phases.firstRelease();
        return origin === undefined ? 0 : (infra.clock.nowUs() - origin) / 1000;
      },
      ...reach,
    });
    return this.nemesis;
  }

  /**
   * Runs each phase as a burst; writing behind, drains after each so the next reads settled data
   * (after the faults under way have done all they will, and what the faults do after a drain).
   */
  private async runPhases(prepared: PreparedScenario, phases: PhaseLog, infra: Infrastructure, behind: BehindPath | undefined, nemesis: Nemesis): Promise<void> {
    const { run } = this.config;
    for (const build of prepared.phases) {
      // A run stopped in one phase checks what happened; the phases after it never begin.
      if (this.aborted && phases.current !== undefined) break;
      const phase = await build();
      const burst = new Burst({
        total: phase.total,
        maxInFlight: this.inFlightCap(infra.kind),
        arrivals: run.rate === undefined ? { kind: 'burst' } : { kind: 'rate', ...run.rate },
        clock: infra.clock,
        attempt: phase.attempt,
        latency: this.latency,
        series: this.series,
        // The real services can leave a reply pending forever; the in-process ones cannot.
        ...(infra.kind === 'real' ? { operationTimeoutMs: OPERATION_TIMEOUT_MS } : {}),
        onOutcome: this.guards.outcome,
        ...(phase.countAs === undefined ? {} : { countAs: phase.countAs }),
      });
      phases.start(phase.name, burst);
      if (this.aborted) burst.abort();
      this.setPhase('running');
      this.loopDelay.enable();
      const running = burst.run();
      if (phases.current?.index === 0) nemesis.start();
      await running.finally(() => this.loopDelay.disable());
      if (behind) {
        this.setPhase('draining');
        await nemesis.settle();
        await behind.drain();
        await nemesis.afterDrain(() => behind.drain());
      }
    }
  }

  /** The scenario's checks, and writing behind, the write-behind path's checks after them. */
  private async check(
    prepared: PreparedScenario,
    phases: PhaseLog,
    infra: Infrastructure,
    behind: BehindPath | undefined,
    workers: WorkerFigures | undefined,
  ): Promise<{ checks: CheckResult[]; inconclusive?: string }> {
    try {
      const checks = await prepared.check(phases.counts(), phases.results());
      if (behind && workers) checks.push(...checkBehind(behind.observation(await infra.ledger.purchases(this.names.sale), workers)));
      return { checks };
    } catch (error) {
      return { checks: [], inconclusive: `could not read the stores back: ${describeError(error)}` };
    }
  }

  /** The sql section: the ledger's statements as timed, and the server's own count when it answers. */
  private async sqlSummary(infra: Infrastructure, phases: PhaseLog): Promise<SqlSummary | undefined> {
    const server = await infra.ledger.serverStats().catch(() => undefined);
    const clock = infra.kind === 'real' ? 'the wall clock' : 'the in-process virtual clock';
    return this.sql.summary(phases.firstRelease() ?? 0, {
      wait: `measured by ticketsim on ${clock}: from asking the pool for a connection to having it`,
      exec: `measured by ticketsim on ${clock}: from sending the statement on that connection to its reply`,
    }, server);
  }

  private buildResult(parts: {
    infra: Infrastructure;
    reason: string;
    phases: PhaseLog;
    checks: CheckResult[];
    inconclusive: string | undefined;
    sql: SqlSummary | undefined;
    writeBehind: WriteBehindSummary | undefined;
    startedAt: Date;
    faults: FaultRecord[];
  }): RunResult {
    const { run } = this.config;
    const { infra, phases, checks, inconclusive } = parts;
    const durationMs = phases.durationMs();
    const counts = phases.counts();
    const { wallMs, generator } = this.meter.finish();
    return {
      scenario: run.scenario,
      strategy: run.strategy,
      infra: infra.kind,
      infraReason: parts.reason,
      runId: this.runId,
      seed: run.seed,
      data: dataOf(this.names, run.strategy === 'fenced'),
      params: this.params(),
      counts,
      guards: this.guards.snapshot(),
      ...(parts.sql === undefined ? {} : { sql: parts.sql }),
      ...(parts.writeBehind === undefined ? {} : { writeBehind: parts.writeBehind }),
      ...(parts.faults.length === 0 ? {} : { faults: parts.faults }),
      errorCauses: phases.errorCauses(),
      checks,
      latency: this.latency.summary(),
      phases: phases.results(),
      load: this.loadSummary(phases, infra.kind),
      series: this.series.points(),
      durationMs: Math.round(durationMs * 1000) / 1000,
      wallMs,
      generator,
      throughput: phases.throughput(),
      interrupted: counts.notStarted > 0 || this.aborted,
      startedAt: parts.startedAt.toISOString(),
      environment: environmentOf(infra.versions),
      ...(inconclusive === undefined ? {} : { inconclusive }),
      command: reproduceCommand(run, infra.kind),
      ok: inconclusive === undefined && checks.length > 0 && checks.every((c) => c.ok),
    };
  }
}

/** Starts a run of the configured scenario; await `.result` for its RunResult. */
export function startRun(config: Config, launcher?: WorkerLauncher): ScenarioRun {
  return new ScenarioRun(config, launcher);
}
