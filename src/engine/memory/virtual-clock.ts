// A deterministic discrete-event clock for the in-process infrastructure: virtual microseconds that
// jump from one timer to the next as soon as nothing else is runnable, so thousands of simulated
// network round trips finish in real milliseconds and always in the same order.
import type { Clock } from '../ports.js';

/** The virtual clock: a `Clock` plus a little introspection for tests and the runner. */
export interface VirtualClock extends Clock {
  /**
   * Runs `callback` synchronously inside the turn that reaches `ms` from now, in order with the
   * other timers of that instant: the in-process services' way to act at an instant without a
   * promise hop per step.
   */
  at(ms: number, callback: () => void): void;
  /** Timers registered and not yet due. */
  readonly pending: number;
  /** True while the scheduler has a turn queued (false when idle: nothing keeps the process alive). */
  readonly running: boolean;
}

/** Options of {@link createVirtualClock}. */
export interface VirtualClockOptions {
  /** Virtual time at creation, in microseconds (default 0). */
  startUs?: number;
  /**
   * The clock's tick, µs (default 1): every timer is due on a multiple of it, so timers that fall
   * due within one tick share one turn. A coarser tick trades timing detail for speed.
   */
  resolutionUs?: number;
}

interface Timer {
  dueUs: number;
  /** Registration order: breaks ties so timers due at the same instant resolve first-in, first-out. */
  seq: number;
  /** A sleep's resolve, or an `at` callback: called in the turn that reaches dueUs. */
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

/** How long the scheduler may run turns back to back before it lets the event loop run (ms). */
const YIELD_EVERY_MS = 8;

/**
 * Creates a virtual clock. `sleep(ms)` registers a timer at now + ms (rounded to whole
 * microseconds); a scheduler then, turn by turn, takes every timer due at the earliest instant,
 * moves the clock there and resolves them in registration order. A turn runs only once every
 * microtask has settled, so virtual time advances only when all promise-driven work is done.
 *
 * Turns are chained through `process.nextTick` from a microtask: Node runs the tick queue only once
 * the microtask queue is empty (however deep its chains), so a turn waits for all promise work
 * without a trip through the event loop, a million turns costing milliseconds instead of seconds.
 * Every YIELD_EVERY_MS of wall time a turn goes through `setImmediate` instead, so real timers and
 * I/O (a dashboard's redraw, Ctrl-C) still run during a long simulation. The scheduler starts when a
 * timer is added and stops when none is left.
 *
 * Work that waits on real macrotasks (real timers, I/O, `setImmediate`) is not seen as runnable:
 * code on this clock should wait only on promises and `sleep()`.
 */
export function createVirtualClock(options: VirtualClockOptions = {}): VirtualClock {
  const heap: Timer[] = [];
  let nowUs = options.startUs ?? 0;
  let seq = 0;
  let running = false;

  let yieldedAt = performance.now();

  const schedule = (): void => {
    if (running || heap.length === 0) return;
    running = true;
    if (performance.now() - yieldedAt >= YIELD_EVERY_MS) {
      setImmediate(() => {
        yieldedAt = performance.now();
        turn();
      });
      return;
    }
    // Queued behind every pending microtask; the tick it adds runs once they have all settled.
    queueMicrotask(() => process.nextTick(turn));
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

  const tick = options.resolutionUs ?? 1;
  const add = (ms: number, resolve: () => void): void => {
    const dueUs = nowUs + Math.max(0, Math.round(ms * 1000));
    push(heap, { dueUs: tick === 1 ? dueUs : Math.ceil(dueUs / tick) * tick, seq: seq++, resolve });
    schedule();
  };

  return {
    nowUs: () => nowUs,
    sleep(ms: number): Promise<void> {
      if (!Number.isFinite(ms)) return Promise.reject(new RangeError(`virtual clock: cannot sleep ${ms} ms`));
      return new Promise<void>((resolve) => add(ms, resolve));
    },
    at(ms, callback) {
      if (!Number.isFinite(ms)) throw new RangeError(`virtual clock: cannot schedule at ${ms} ms`);
      add(ms, callback);
    },
    get pending() {
      return heap.length;
    },
    get running() {
      return running;
    },
    idle: () => heap.length === 0 && !running,
  };
}
