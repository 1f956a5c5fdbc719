// Deadlines of requests that all wait the same time: their deadlines come in the order they were
// sent, so one timer, set for the oldest, serves them all. A timer per request cost the driver a
// tenth of its throughput (setTimeout and clearTimeout at tens of thousands of requests a second).

/** Something with a deadline: expired unless answered first. */
export interface Expiring {
  /** When it expires, in performance.now() ms; set by Deadlines.add(). */
  expiresAt: number;
  /** Set once answered: it will not expire. */
  answered: boolean;
  expire(): void;
}

/** Deadlines `ms` after each add(), on one timer. */
export class Deadlines {
  private entries: Expiring[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ms: number) {}

  /** Expires `entry` `ms` from now unless it is answered first (then call answered()). */
  add(entry: Expiring): void {
    entry.expiresAt = performance.now() + this.ms;
    this.entries.push(entry);
    if (this.timer === undefined) this.arm(this.ms);
  }

  /** Call once an entry was answered: drops the answered ones at the front (answers come back mostly in the order sent). */
  answered(): void {
    while (this.entries[this.head]?.answered === true) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  private arm(inMs: number): void {
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.ceil(inMs)));
  }

  /** Expires every entry due, and waits for the next. */
  private fire(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head]!;
      if (!entry.answered && entry.expiresAt > now) break;
      this.head += 1;
      if (!entry.answered) entry.expire();
    }
    this.answered();
    const next = this.entries[this.head];
    if (next !== undefined) this.arm(next.expiresAt - now);
  }
}
