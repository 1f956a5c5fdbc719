// A deterministic discrete-event clock for the in-process infrastructure: virtual microseconds that
// jump from one timer to the next as soon as nothing else is runnable, so thousands of simulated
// network round trips finish in real milliseconds and always in the same order.
import type { Clock } from '../ports.js';

/** The virtual clock: a `Clock` plus a little introspection for tests and the runner. */
export interface VirtualClock extends Clock {
  /** Timers registered and not yet due. */
  readonly pending: number;
  /** True while the scheduler has a turn queued (false when idle: nothing keeps the process alive). */
  readonly running: boolean;
}

/** Options of {@link createVirtualClock}. */
export interface VirtualClockOptions {
  /** Virtual time at creation, in microseconds (default 0). */
  startUs?: number;
}

interface Timer {
  dueUs: number;
  /** Registration order: breaks ties so timers due at the same instant resolve first-in, first-out. */
  seq: number;
  resolve: () => void;
}

/** Min-heap order: earliest due first, then earliest registered. */
function before(a: Timer, b: Timer): boolean {
  return a.dueUs < b.dueUs || (a.dueUs === b.dueUs && a.seq < b.seq);
}

function push(heap: Timer[], timer: Timer): void {
  heap.push(timer);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as Timer;
    if (!before(timer, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = timer;
}

function pop(heap: Timer[]): Timer | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const l = heap[left] as Timer;
    const r = heap[right];
    const child = r !== undefined && before(r, l) ? right : left;
    const c = heap[child] as Timer;
    if (!before(c, last)) break;
    heap[i] = c;
    i = child;
  }
  heap[i] = last;
  return top;
}

/**
 * Creates a virtual clock. `sleep(ms)` registers a timer at now + ms (rounded to whole
 * microseconds); a scheduler driven by `setImmediate` then, once per event-loop turn, takes every
 * timer due at the earliest instant, moves the clock there and resolves them in registration order.
 * Their continuations run as microtasks before the next turn, so virtual time advances only when
 * all promise-driven work has settled. The scheduler starts when a timer is added and stops when
 * none is left.
 *
 * Work that waits on real macrotasks (real timers, I/O, `setImmediate`) is not seen as runnable:
 * code on this clock should wait only on promises and `sleep()`.
 */
export function createVirtualClock(options: VirtualClockOptions = {}): VirtualClock {
  const heap: Timer[] = [];
  let nowUs = options.startUs ?? 0;
  let seq = 0;
  let running = false;

  const schedule = (): void => {
    if (running || heap.length === 0) return;
    running = true;
    setImmediate(turn);
  };

  function turn(): void {
    running = false;
    const first = heap[0];
    if (first === undefined) return;
    const dueUs = first.dueUs;
    if (dueUs > nowUs) nowUs = dueUs;
    const due: Timer[] = [];
    while (heap[0] !== undefined && heap[0].dueUs === dueUs) due.push(pop(heap) as Timer);
    for (const timer of due) timer.resolve();
    schedule();
  }

  return {
    nowUs: () => nowUs,
    sleep(ms: number): Promise<void> {
      if (!Number.isFinite(ms)) return Promise.reject(new RangeError(`virtual clock: cannot sleep ${ms} ms`));
      const dueUs = nowUs + Math.max(0, Math.round(ms * 1000));
      return new Promise<void>((resolve) => {
        push(heap, { dueUs, seq: seq++, resolve });
        schedule();
      });
    },
    get pending() {
      return heap.length;
    },
    get running() {
      return running;
    },
  };
}
