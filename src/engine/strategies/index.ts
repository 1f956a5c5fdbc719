// Picks a concurrency-control strategy by name: one of the engine's two axes, the other being how a
// purchase is written (writer.ts), and any strategy runs with either. Each strategy is a factory
// over the ports, so the same code runs on the real and the in-process infrastructure.
import type { StrategyName } from '../../config/strategies.js';
import { STRATEGIES } from '../../config/strategies.js';
import type { Strategy, StrategyDeps } from '../ports.js';
import { createFencedStrategy } from './fenced.js';
import { createLockFamilyStrategy } from './lock-family.js';
import { createLuaStrategy } from './lua.js';
import { createNaiveStrategy } from './naive.js';

export { createFencedStrategy, MAX_ROUNDS } from './fenced.js';
export { createLockFamilyStrategy, LOCK_FAMILY, LOCK_TTL_MS } from './lock-family.js';
export type { LockFamilyName, LockFamilyOptions } from './lock-family.js';
export { createLuaStrategy } from './lua.js';
export { createNaiveStrategy } from './naive.js';
export { createBehindWriter, createSyncWriter } from './writer.js';

export type { StrategyName } from '../../config/strategies.js';

/** One factory per name config/strategies.ts declares: adding a name there without a factory fails to compile. */
const FACTORIES: Record<StrategyName, (deps: StrategyDeps) => Strategy> = {
  naive: createNaiveStrategy,
  lock: (deps) => createLockFamilyStrategy('lock', deps),
  precheck: (deps) => createLockFamilyStrategy('precheck', deps),
  dcl: (deps) => createLockFamilyStrategy('dcl', deps),
  fenced: createFencedStrategy,
  lua: createLuaStrategy,
};

/**
 * Creates the strategy called `name` over `deps` (an Infrastructure will do: it carries every port).
 * Throws for a name that is not a strategy; the CLI validates names before this point.
 */
export function createStrategy(name: StrategyName, deps: StrategyDeps): Strategy {
  const factory = FACTORIES[name];
  if (factory === undefined) throw new TypeError(`unknown strategy ${JSON.stringify(name)}; expected one of ${STRATEGIES.join(', ')}`);
  return factory(deps);
}
