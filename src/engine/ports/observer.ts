// The two ways a run reaches into the engine it drives: hooks through which it hears what the
// engine did (the run measures, the engine never does), and faults it injects on purpose.
import type { StatementTiming } from './ledger.js';
import type { SaleEvent } from './sale.js';

/**
 * Hooks through which the engine says what it did, for whoever measures it (the scenarios). Every
 * hook is optional, synchronous and must not throw; the engine never measures anything itself.
 */
export interface EngineObserver {
  /** A lock acquisition ended, granted or not, after `tries` round trips to Redis (retries included). */
  lockAcquisition?(granted: boolean, tries: number): void;
  /** A SQL statement ended. */
  statement?(timing: StatementTiming): void;
  /** The event log acknowledged a published event (write-behind), at `atUs` of the engine's clock. */
  eventAcknowledged?(event: SaleEvent, atUs: number): void;
  /** fenced: a store refused a step carrying an older token than one it had accepted. */
  staleRefused?(store: 'redis' | 'mysql'): void;
}

/**
 * Faults the run injects into the engine on purpose (--fault), so the checks can show that they
 * notice what the faults break. The engine only asks; the run decides and records.
 */
export interface EngineFaults {
  /**
   * pause-holder: asked once by every lock holder that is about to change the stock, after its
   * checks, with the stock it saw: how many ms it should stall right there (0: carry on). A stall
   * longer than the lock's TTL lets a second holder into the critical section while the first
   * still has to write.
   */
  holderPause?(stockSeen: number): number;
}
