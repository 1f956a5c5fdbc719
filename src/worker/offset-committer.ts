// Commits one partition's offsets behind the worker's writes without making the writes wait: one
// commit request in flight at a time, and offsets handed over while it is out go together in the
// next request, as the newest of them (the worker hands them over in log order, each only once its
// chunk and every chunk before it are written, so at least once holds and offsets never move back).
// The first commit that fails stops the committing; the worker hears of it before its next chunk.

/** A partition's committer: give it offsets, then flush before the batch returns. */
export interface OffsetCommitter {
  /** Commits every record up to `offset` (inclusive): at once when no commit is out, else with the next. */
  commit(offset: string): void;
  /** Throws the failure of an earlier commit, if one failed. */
  throwIfFailed(): void;
  /** Resolves once every offset handed over is committed; rejects with the first failure. */
  flush(): Promise<void>;
}

/**
 * A committer over `send` (one commit request); `committed` hears each request that succeeded with
 * how long it took, µs.
 */
export function createOffsetCommitter(send: (offset: string) => Promise<void>, committed: (us: number) => void): OffsetCommitter {
  /** The newest offset handed over and not yet sent. */
  let next: string | undefined;
  let sending: Promise<void> | undefined;
  let failed: { error: unknown } | undefined;

  const sendAll = async (): Promise<void> => {
    while (next !== undefined && failed === undefined) {
      const offset = next;
      next = undefined;
      const startedAt = performance.now();
      try {
        await send(offset);
        committed((performance.now() - startedAt) * 1000);
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
      sending ??= sendAll();
    },
    throwIfFailed,
    async flush() {
      await sending;
      throwIfFailed();
    },
  };
}
