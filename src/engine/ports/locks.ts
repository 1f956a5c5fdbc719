// Distributed locks: what the lock family and `fenced` hold around a sale's critical section.

/** A held lock; release() is safe to call once, and does nothing if the lock already expired. */
export interface Lease {
  release(): Promise<void>;
}

/** Distributed locks (Redlock on the real side). */
export interface Locks {
  /**
   * Tries to take `resource` for `ttlMs`, retrying for a bounded time. Undefined when it could not
   * be had in time (a lock timeout: an outcome, not an error).
   */
  acquire(resource: string, ttlMs: number): Promise<Lease | undefined>;
}
