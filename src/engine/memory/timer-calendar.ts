// The virtual clock's pending timers, grouped by the instant they fall due: a min-heap of the
// distinct instants and, for each, its callbacks in registration order. A clock with a coarse tick
// has few distinct instants pending (a few hundred while a million attempts run), so adding a timer
// is an array push and taking the next instant a small heap step, with no object per timer: what
// a simulation of millions of round trips spends much of its time on.

/** A timer's callback, called with the argument it was registered with. */
export type TimerCallback<A> = (arg: A) => void;

/**
 * The timers due at one instant: `entries` holds each callback followed by its argument, first
 * registered first, in its first `length` slots. Reused once run, its array keeps its capacity.
 */
interface Due {
  entries: unknown[];
  length: number;
}

/** Timers by instant; runEarliest() calls every callback of the earliest one. */
export class TimerCalendar {
  /** The distinct instants pending, as a binary min-heap. */
  private readonly instants: number[] = [];
  private readonly byInstant = new Map<number, Due>();
  /** Emptied lists to reuse, so a turn allocates nothing. */
  private readonly spare: Due[] = [];
  private count = 0;

  /** Timers registered and not yet taken. */
  get size(): number {
    return this.count;
  }

  /** The earliest instant pending, or undefined. */
  get earliest(): number | undefined {
    return this.instants[0];
  }

  /**
   * Registers `callback(arg)` at `dueUs`, after every callback already registered there. The
   * argument spares a caller a closure per timer.
   */
  add<A>(dueUs: number, callback: TimerCallback<A>, arg: A): void {
    let due = this.byInstant.get(dueUs);
    if (due === undefined) {
      due = this.spare.pop() ?? { entries: [], length: 0 };
      this.byInstant.set(dueUs, due);
      this.pushInstant(dueUs);
    }
    due.entries[due.length++] = callback;
    due.entries[due.length++] = arg;
    this.count++;
  }

  /**
   * Removes the earliest instant and calls its callbacks in order. A callback that registers a
   * timer at that same instant registers it for a later call.
   */
  runEarliest(): void {
    const dueUs = this.popInstant();
    if (dueUs === undefined) return;
    const due = this.byInstant.get(dueUs)!;
    this.byInstant.delete(dueUs);
    this.count -= due.length / 2;
    const { entries } = due;
    for (let i = 0; i < due.length; i += 2) {
      const callback = entries[i] as TimerCallback<unknown>;
      const arg = entries[i + 1];
      // Cleared as it goes, so a reused list holds on to nothing that has run.
      entries[i] = entries[i + 1] = undefined;
      callback(arg);
    }
    due.length = 0;
    this.spare.push(due);
  }

  private pushInstant(dueUs: number): void {
    const heap = this.instants;
    let i = heap.length;
    heap.push(dueUs);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent]!;
      if (above <= dueUs) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = dueUs;
  }

  private popInstant(): number | undefined {
    const heap = this.instants;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]! < heap[left]! ? right : left;
      if (heap[child]! >= last) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
