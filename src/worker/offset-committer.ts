// Commits one partition's offsets behind the worker's writes without making the writes wait: one
// commit request out at a time, and at most one every COMMIT_EVERY_MS; offsets handed over
// meanwhile go together in the next request, as the newest of them, and the batch's end sends what
// is left (flush). The worker hands offsets over in log order, each only once its chunk and every
// chunk before it are written, so at least once holds and offsets never move back. The first
// commit that fails stops the committing; the worker hears of it before its next chunk.

/**
 * Commits are paced: each costs the broker and the worker a round trip and some CPU, and while a
 * backlog drains on two cores they took as much of the broker's CPU as the worker's fetches. A
 * crash redelivers at most this much more of the writes, which the UNIQUE key makes harmless.
 */
export const COMMIT_EVERY_MS = 50;

/** A partition's committer: give it offsets, then flush before the batch returns. */
export interface OffsetCommitter {
  /** Commits every record up to `offset` (inclusive): now if none is out and one is due, else later. */
  commit(offset: string): void;
  /** Throws the failure of an earlier commit, if one failed. */
  throwIfFailed(): void;
  /** Resolves once every offset handed over is committed, due or not; rejects with the first failure. */
  flush(): Promise<void>;
}

/**
 * A committer over `send` (one commit request); `committed` hears each request that succeeded with
 * how long it took, µs. `everyMs` apart at least, on the clock `now` (ms).
 */
export function createOffsetCommitter(
  send: (offset: string) => Promise<void>,
  committed: (us: number) => void,
  everyMs = COMMIT_EVERY_MS,
  now: () => number = () => performance.now(),
): OffsetCommitter {
  /** The newest offset handed over and not yet sent. */
  let next: string | undefined;
  let sending: Promise<void> | undefined;
  let failed: { error: unknown } | undefined;
  let lastSentAt = -Infinity;
  const due = () => now() - lastSentAt >= everyMs;

  /** Sends what is held while one is due (or, flushing, until nothing is held). */
  const sendHeld = async (flushing: boolean): Promise<void> => {
    while (next !== undefined && failed === undefined && (flushing || due())) {
      const offset = next;
      next = undefined;
      lastSentAt = now();
      try {
        await send(offset);
        committed((now() - lastSentAt) * 1000);
      } catch (error) {
        failed = { error };
      }
    }
    sending = undefined;
  };

  const throwIfFailed = (): void => {
    if (failed !== undefined) throw failed.error;
  };

  return {
    commit(offset) {
      next = offset;
      if (due()) sending ??= sendHeld(false);
    },
    throwIfFailed,
    async flush() {
      await sending;
      if (next !== undefined) await (sending = sendHeld(true));
      throwIfFailed();
    },
  };
}
