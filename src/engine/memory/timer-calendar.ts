// The virtual clock's pending timers, grouped by the instant they fall due: a min-heap of the
// distinct instants and, for each, its callbacks in registration order. A clock with a coarse tick
// has few distinct instants pending (a few hundred while a million attempts run), so adding a timer
// is an array push and taking the next instant a small heap step, with no object per timer: what
// a simulation of millions of round trips spends much of its time on.

/** Callbacks due at one instant, first registered first. */
type Due = (() => void)[];

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

  /** Registers `callback` at `dueUs`, after every callback already registered there. */
  add(dueUs: number, callback: () => void): void {
    let due = this.byInstant.get(dueUs);
    if (due === undefined) {
      due = this.spare.pop() ?? [];
      this.byInstant.set(dueUs, due);
      this.pushInstant(dueUs);
    }
    due.push(callback);
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
    this.count -= due.length;
    for (let i = 0; i < due.length; i++) due[i]!();
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
