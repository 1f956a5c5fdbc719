// pause-holder: lock holders stall after their checks, before they write, for longer than the
// lock's TTL (a GC pause stand-in): the lock expires under them and the next buyer takes it.
import { LOCK_TTL_MS } from '../defaults.js';
import type { StrategyName } from '../strategies.js';
import type { FaultDefinition } from './definition.js';
import { count, duration } from './options.js';

/**
 * `holders` lock holders stall after their checks, before they write, for longer than the lock's
 * TTL. The stall is aimed where a stale check changes the answer: at the holders that find the last
 * seats (a holder's decrement is relative, so a stall anywhere else only delays).
 */
export interface PauseHolderFault {
  name: 'pause-holder';
  /** How many holders stall: the first ones to find at most this many seats left. */
  holders: number;
  /** How long each stalls, ms (default 1.5 × the lock TTL). */
  pauseMs: number;
}

/** Strategies that take a lock, so have holders to pause. */
const LOCK_TAKERS: readonly StrategyName[] = ['lock', 'precheck', 'dcl', 'fenced'];

/** pause-holder's options (holders=2, pause=1.5 × the lock TTL) and the strategies it applies to. */
export const pauseHolderFault: FaultDefinition<PauseHolderFault> = {
  name: 'pause-holder',
  tag: 'lock holders stall past the lock TTL at the last seats',
  options: {
    holders: count('holders', 2, 100),
    pauseMs: duration('pause', Math.round(LOCK_TTL_MS * 1.5), 1),
  },
  notApplicable: (run) =>
    LOCK_TAKERS.includes(run.strategy)
      ? undefined
      : `--fault pause-holder pauses lock holders, and --strategy ${run.strategy} takes no lock (use ${LOCK_TAKERS.join(', ')})`,
};
