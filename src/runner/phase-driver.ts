// Drives a prepared scenario's phases: each one a burst released behind its own barrier (or at the
// open model's rate), under the generator's in-flight cap, with the nemesis started at the first
// release; after each phase the target settles (writing behind: the drain) so the next phase reads
// settled data, and the faults that act after a drain do so.
import { inFlightCap } from '../config/in-flight.js';
import type { RunConfig } from '../config/config.js';
import type { RunPhase } from '../result.js';
import { Burst } from '../scenarios/burst.js';
import type { Nemesis } from '../scenarios/nemesis.js';
import type { PreparedScenario } from '../scenarios/scenario.js';
import type { RunTarget } from '../scenarios/target.js';
import type { RunMeasurements } from './measurements.js';

/** An operation on the real services still pending after this long counts as an error. */
const OPERATION_TIMEOUT_MS = 30_000;

/** What the driver works with. */
export interface PhaseDriver {
  run: RunConfig;
  target: RunTarget;
  measurements: RunMeasurements;
  nemesis: Nemesis;
  /** True once the run was asked to stop. */
  aborted(): boolean;
  /** The run moves on to `phase` (the dashboard's running / draining). */
  enter(phase: RunPhase): void;
}

/** Runs every phase of `prepared` in order; a run stopped in one phase never begins the ones after it. */
export async function runPhases(prepared: PreparedScenario, driver: PhaseDriver): Promise<void> {
  const { run, target, measurements, nemesis } = driver;
  const { phases } = measurements;
  for (const build of prepared.phases) {
    if (driver.aborted() && phases.current !== undefined) break;
    const phase = await build();
    const burst = new Burst({
      total: phase.total,
      maxInFlight: inFlightCap(run, target.kind),
      arrivals: run.rate === undefined ? { kind: 'burst' } : { kind: 'rate', ...run.rate },
      clock: target.clock,
      attempt: phase.attempt,
      latency: measurements.latency,
      series: measurements.series,
      // The real services can leave a reply pending forever; the in-process ones cannot.
      ...(target.kind === 'real' ? { operationTimeoutMs: OPERATION_TIMEOUT_MS } : {}),
      onOutcome: measurements.guards.outcome,
      ...(phase.countAs === undefined ? {} : { countAs: phase.countAs }),
      ...(phase.answered === undefined ? {} : { answered: phase.answered }),
    });
    phases.start(phase.name, burst);
    if (driver.aborted()) burst.abort();
    driver.enter('running');
    const running = measurements.releasing(burst);
    if (phases.current?.index === 0) nemesis.start();
    await running;
    if (target.settle !== undefined) {
      driver.enter('draining');
      // After the faults under way have done all they will; then what the faults do after a drain.
      await nemesis.settle();
      await target.settle();
      await nemesis.afterDrain(() => target.settle!());
    }
  }
}
