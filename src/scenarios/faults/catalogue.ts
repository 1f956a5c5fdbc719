// The faults the nemesis can carry out, by name (the type makes a fault the config knows and the
// nemesis does not a compile error), and what the run's faults need from the stack before it begins.
import type { FaultName, FaultSpec, FaultSpecOf } from '../../config/faults.js';
import { killWorker } from './kill-worker.js';
import type { FaultReach, FaultStack, NemesisFault } from './nemesis-fault.js';
import { pauseHolder } from './pause-holder.js';
import { redeliver } from './redeliver.js';
import { serviceDown } from './service-down.js';

/** Every fault, as the nemesis carries it out. */
export const NEMESIS_FAULTS: { readonly [N in FaultName]: NemesisFault<FaultSpecOf<N>> } = Object.freeze({
  'pause-holder': pauseHolder,
  'kill-worker': killWorker,
  redeliver,
  'service-down': serviceDown,
});

/** The nemesis's definition of a fault, typed by its spec. */
export function nemesisFaultOf<S extends FaultSpec>(spec: S): NemesisFault<S> {
  return NEMESIS_FAULTS[spec.name] as unknown as NemesisFault<S>;
}

/**
 * What the run's faults may act on beyond the run itself, found before the run creates anything;
 * throws a UsageError when the stack refuses one of them.
 */
export async function prepareFaults(faults: readonly FaultSpec[], stack: FaultStack): Promise<FaultReach> {
  let reach: FaultReach = {};
  for (const spec of faults) reach = { ...reach, ...(await nemesisFaultOf(spec).prepare?.(spec, stack)) };
  return reach;
}
