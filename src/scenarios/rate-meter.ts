// Completions per second over the last second or so, from (time, done) samples taken at each
// snapshot. Pull-based: costs nothing per request.

const WINDOW_MS = 1000;

/** Keeps recent samples and answers the current rate. */
export class RateMeter {
  private readonly samples: { atMs: number; done: number }[] = [];

  /** Adds a sample and returns the rate over the window ending now. */
  sample(atMs: number, done: number): number {
    this.samples.push({ atMs, done });
    while (this.samples.length > 2 && atMs - this.samples[1]!.atMs >= WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const spanMs = atMs - first.atMs;
    return spanMs > 0 ? Math.round(((done - first.done) * 1000) / spanMs) : 0;
  }
}
