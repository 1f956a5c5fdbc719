// service-down at work: finds the service it may stop before the run begins (on the real stack only
// the broker scripts/services.sh started; any other is refused), stops it `afterMs` after the first
// release and starts it again `forMs` later — or at once when the run is stopped, and in any case
// before the run ends.
import type { FaultSpecOf } from '../../config/faults.js';
import type { ServiceSwitch } from '../../engine/ports.js';
import { UsageError, describeError } from '../../errors.js';
import { undoOnExit } from '../../exit-cleanup.js';
import type { FaultHandle, NemesisFault } from './nemesis-fault.js';

type ServiceDown = FaultSpecOf<'service-down'>;

/** Stops `service` for a while, then starts it again; without one, the fault does not apply. */
async function stopAWhile(fault: FaultHandle<ServiceDown>, service: ServiceSwitch | undefined): Promise<void> {
  const { service: name, afterMs, forMs } = fault.spec;
  if (service === undefined) {
    fault.skip(`no ${name} that ticketsim started is in this run`);
    return;
  }
  await fault.until(afterMs);
  if (fault.halted) return;
  const stoppedAt = fault.sinceRelease();
  // Quitting at once (a second Ctrl-C) must not leave the service down either.
  const forgetUndo = undoOnExit({ what: `start ${name} again (${service.describe})`, undo: () => service.start() });
  try {
    await service.stop();
    fault.record(stoppedAt, `${name} stopped (${service.describe})`);
    await fault.pause(forMs);
  } finally {
    // What it stopped, it brings back, whatever happened meanwhile.
    await service.start().then(
      () => fault.note(fault.sinceRelease(), `${name} back, ${((fault.sinceRelease() - stoppedAt) / 1000).toFixed(1)} s after it was stopped`),
      (error: unknown) => {
        fault.note(fault.sinceRelease(), `${name} could not be brought back: ${describeError(error)}`);
        throw error;
      },
    ).finally(forgetUndo);
  }
}

/** service-down as the nemesis carries it out: a service found before the run, stopped for a while from the first release. */
export const serviceDown: NemesisFault<ServiceDown> = {
  /** Only a service ticketsim started (any other: a usage error), as the target finds it. */
  async prepare(spec, stack) {
    const found = await stack.service(spec.service);
    if (found !== undefined && 'refusal' in found) throw new UsageError(found.refusal);
    return { switches: { [spec.service]: found } };
  },

  arm: (fault, { switches }) => ({ timed: () => stopAWhile(fault, switches?.[fault.spec.service]) }),

  summary: (spec, fired) => (fired === 0 ? 'the service was never stopped' : `${spec.service} stopped for ${spec.forMs / 1000} s, then brought back`),
};
