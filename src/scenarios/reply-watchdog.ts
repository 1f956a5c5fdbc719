// The safety net against a reply that never comes from a real service: an operation still pending
// after the limit is rejected with `no reply within N ms`, so it is counted as an error and its
// attempt's slot is freed. One sweep a quarter-second serves every pending operation; nothing is
// armed per operation.

/** How often the watchdog looks for overdue operations. */
export const SWEEP_INTERVAL_MS = 250;

/** An operation waiting for its reply. */
interface Pending {
  sentUs: number;
  reject(error: Error): void;
}

/** Rejects operations pending longer than `limitMs` by the clock `nowUs` reads (µs). */
export class ReplyWatchdog {
  private readonly pending = new Set<Pending>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly limitMs: number,
    private readonly nowUs: () => number,
  ) {}

  /** Operations watched now. */
  get size(): number {
    return this.pending.size;
  }

  /** Starts sweeping (the timer keeps no process alive). */
  start(): void {
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  /** Stops sweeping; operations still watched stay pending. */
  stop(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** Settles as `work` settles, or rejects once it has been pending `limitMs` since `sentUs`. */
  watch<T>(work: Promise<T>, sentUs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { sentUs, reject };
      this.pending.add(pending);
      work.then(
        (value) => {
          this.pending.delete(pending);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(pending);
          reject(error);
        },
      );
    });
  }

  /** Rejects every watched operation that has waited `limitMs` or more. */
  sweep(): void {
    const nowUs = this.nowUs();
    for (const pending of this.pending) {
      if (nowUs - pending.sentUs < this.limitMs * 1000) continue;
      this.pending.delete(pending);
      pending.reject(new Error(`no reply within ${this.limitMs} ms`));
    }
  }
}
