// Time as the engine sees it: real time on the real services, virtual time in process.

/** Time as the engine and the runner see it; the in-process infrastructure uses a virtual clock. */
export interface Clock {
  /** Monotonic time in microseconds. */
  nowUs(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
  /**
   * A virtual clock only: true when no timer is left and no turn is queued, so nothing waiting on
   * this clock can ever happen (checked between macrotasks, when every promise has settled).
   */
  idle?(): boolean;
}
