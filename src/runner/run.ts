// One scenario run from start to verdict: open the target, arm the faults, prepare the scenario,
// drive its phases, read the stores back into checks, assemble the result, close. A ScenarioRun is
// a LiveRun (snapshot(), result, abort()) and also emits typed `phase` and `done` events for any
// other subscriber. It speaks to the system under test only through the sale-target seam.
import { EventEmitter } from 'node:events';
import type { Config } from '../config/config.js';
import { newRunId } from '../engine/run-names.js';
import { InterruptedError, describeError } from '../errors.js';
import type { CheckResult, LiveRun, RunListener, RunPhase, RunResult, RunSnapshot } from '../result.js';
import { SCENARIO_CATALOGUE } from '../scenarios/catalogue.js';
import { reproduceCommand } from '../scenarios/command-line.js';
import { environmentOf } from '../scenarios/environment.js';
import { prepareFaults } from '../scenarios/faults/catalogue.js';
import { Nemesis } from '../scenarios/nemesis.js';
import type { FaultReach } from '../scenarios/faults/nemesis-fault.js';
import type { PreparedScenario } from '../scenarios/scenario.js';
import { relabelUsers } from '../scenarios/sale.js';
import type { RunTarget, TargetContext } from '../scenarios/target.js';
import type { WorkerLauncher } from '../engine/ports.js';
import { openEngineTarget } from '../targets/engine/engine-target.js';
import { assembleResult, paramsOf, plannedAttempts } from './assemble-result.js';
import { RunMeasurements } from './measurements.js';
import { liveBaseline } from './baseline.js';
import { runPhases } from './phase-driver.js';
import { inFlightCap } from '../config/in-flight.js';

interface RunEvents {
  phase: [RunPhase];
  done: [RunResult];
}

/** A run in progress. Create it with startRun(). */
export class ScenarioRun extends EventEmitter<RunEvents> implements LiveRun {
  readonly runId = newRunId();
  readonly result: Promise<RunResult>;
  readonly connected: Promise<void>;
  private markConnected!: () => void;
  private phase: RunPhase = 'connecting';
  private target: RunTarget | undefined;
  private readonly measurements = new RunMeasurements();
  private nemesis: Nemesis | undefined;
  private aborted = false;

  /**
   * @param openTarget opens the system under test; the built-in engine unless another is given
   * (see targets/).
   */
  constructor(
    private readonly config: Config,
    private readonly openTarget: OpenTarget,
  ) {
    super();
    this.connected = new Promise((resolve) => (this.markConnected = resolve));
    this.result = this.execute();
    this.result.then((result) => this.emit('done', result), () => undefined).finally(() => this.markConnected());
  }

  /** Stops dispatching new attempts; what is in flight finishes and is checked. */
  abort(): void {
    this.aborted = true;
    this.nemesis?.halt();
    this.measurements.phases.current?.burst.abort();
  }

  /**
   * Once the result is out, gives back the WebAssembly memory of the run's HDR histograms (a few
   * hundred KB a run) rather than when the garbage collector gets to them: for a process of many
   * runs (`ticketsim explore`). The run's snapshot() may not be called after it.
   */
  async free(): Promise<void> {
    await this.result.catch(() => undefined);
    this.measurements.free();
    this.target?.free?.();
  }

  /** Tells `listener` each operation, lock acquisition and SQL statement of the run from now on. */
  listen(listener: RunListener): void {
    this.measurements.listen(listener);
  }

  snapshot(): RunSnapshot {
    const { run } = this.config;
    const { phases } = this.measurements;
    const target = this.target;
    const live = target?.live();
    return {
      scenario: run.scenario,
      strategy: target?.strategy ?? run.strategy,
      infra: target?.kind ?? 'connecting',
      infraReason: target?.reason,
      params: paramsOf(run, phases.current === undefined ? plannedAttempts(run) : phases.attempts()),
      ...(run.target === undefined ? {} : { target: run.target }),
      phase: this.phase,
      ...this.measurements.live(plannedAttempts(run)),
      sql: live?.sql,
      writeBehind: live?.writeBehind,
      faults: this.nemesis?.live(),
      ...(run.baseline === undefined ? {} : { baseline: liveBaseline(run.baseline) }),
    };
  }

  private setPhase(phase: RunPhase): void {
    this.phase = phase;
    this.emit('phase', phase);
  }

  private async execute(): Promise<RunResult> {
    const { run } = this.config;
    const startedAt = new Date();
    const { measurements } = this;
    const target = await this.openTarget({
      config: this.config,
      runId: this.runId,
      observer: measurements.targetObserver,
      firstReleaseUs: () => measurements.phases.firstRelease() ?? 0,
    });
    this.target = target;
    this.markConnected();
    try {
      if (this.aborted) throw new InterruptedError('stopped before the run began');
      this.setPhase('setup');
      // A fault the stack refuses is refused before the run creates its topic or starts workers.
      const reach = await prepareFaults(run.faults, target.faultStack);
      const nemesis = this.openNemesis(target, { ...reach, ...(await target.begin()) });
      target.armEngine(nemesis.engineFaults());
      const prepared = await SCENARIO_CATALOGUE[run.scenario].prepare({ target, run, maxInFlight: inFlightCap(run, target.kind) });
      measurements.phases.of = prepared.phases.length;
      await runPhases(prepared, {
        run,
        target,
        measurements,
        nemesis,
        aborted: () => this.aborted,
        enter: (phase) => this.setPhase(phase),
      });
      await nemesis.settle();
      await target.quiesce();
      this.setPhase('checking');
      const { checks, inconclusive } = await this.check(prepared, target);
      const summary = await target.summary();
      const result = assembleResult({
        run,
        runId: this.runId,
        startedAt,
        target,
        environment: environmentOf(target.versions),
        command: reproduceCommand(run, target.kind),
        measured: measurements.finish(run, inFlightCap(run, target.kind)),
        checks,
        inconclusive,
        summary,
        faults: nemesis.records(),
        aborted: this.aborted,
      });
      this.setPhase('done');
      return result;
    } finally {
      // A run that failed part-way still brings back what its faults took away, and its target
      // stops what it started (workers, topics).
      measurements.stop();
      this.nemesis?.halt();
      await this.nemesis?.settle().catch(() => undefined);
      await target.close();
    }
  }

  /** The run's nemesis over what it may act on. */
  private openNemesis(target: RunTarget, reach: FaultReach): Nemesis {
    const { run } = this.config;
    const { phases } = this.measurements;
    this.nemesis = new Nemesis({
      faults: run.faults,
      clock: target.clock,
      run: { scenario: run.scenario, strategy: run.strategy, write: run.write.mode },
      sinceRelease: () => {
        const origin = phases.firstRelease();
        return origin === undefined ? 0 : (target.clock.nowUs() - origin) / 1000;
      },
      ...reach,
    });
    return this.nemesis;
  }

  /** The scenario's checks, then the target's own (writing behind: the write-behind path's). */
  private async check(prepared: PreparedScenario, target: RunTarget): Promise<{ checks: CheckResult[]; inconclusive?: string }> {
    const { phases } = this.measurements;
    try {
      const checks = [...(await prepared.check(phases.counts(), phases.results())), ...(await target.checks())];
      // Users named as the system under test names them, so they can be looked up in its stores.
      const label = target.userLabel?.bind(target);
      return { checks: label === undefined ? checks : checks.map((check) => ({ ...check, detail: relabelUsers(check.detail, label) })) };
    } catch (error) {
      return { checks: [], inconclusive: `could not read the stores back: ${describeError(error)}` };
    }
  }
}

/** Opens a system under test for one run. */
export type OpenTarget = (context: TargetContext) => Promise<RunTarget>;

/**
 * Starts a run of the configured scenario; await `.result` for its RunResult. The built-in engine
 * is the target unless `openTarget` names another; `launcher` starts its write-behind workers.
 */
export function startRun(config: Config, launcher?: WorkerLauncher, openTarget?: OpenTarget): ScenarioRun {
  return new ScenarioRun(config, openTarget ?? ((context) => openEngineTarget({ ...context, launcher })));
}
