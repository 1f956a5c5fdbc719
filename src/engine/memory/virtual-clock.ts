// A deterministic discrete-event clock for the in-process infrastructure: virtual microseconds that
// jump from one timer to the next as soon as nothing else is runnable, so thousands of simulated
// network round trips finish in real milliseconds and always in the same order.
import type { Clock } from '../ports.js';
import { TimerCalendar } from './timer-calendar.js';
import type { TimerCallback } from './timer-calendar.js';

/** The virtual clock: a `Clock` plus a little introspection for tests and the runner. */
export interface VirtualClock extends Clock {
  /**
   * Runs `callback(arg)` synchronously inside the turn that reaches `ms` from now, in order with the
   * other timers of that instant: the in-process services' way to act at an instant without a
   * promise hop per step (and, passing what it acts on as `arg`, without a closure per step).
   */
  at(ms: number, callback: () => void): void;
  at<A>(ms: number, callback: TimerCallback<A>, arg: A): void;
  /** Timers registered and not yet due. */
  readonly pending: number;
  /** True while the scheduler has a turn queued (false when idle: nothing keeps the process alive). */
  readonly running: boolean;
  /** Queues a turn: a step is waiting (see {@link ClockSteps}). */
  wake(): void;
}

/**
 * The steps of an explored run (step-schedule.ts): work the clock runs one at a time at the current
 * instant, once every timer due there has run and before time moves on.
 */
export interface ClockSteps {
  waiting(): boolean;
  runOne(): void;
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
  /** An explored run's steps; absent in every other run, whose turns are only timers. */
  steps?: ClockSteps;
}

/** How long the scheduler may run turns back to back before it lets the event loop run (ms). */
const YIELD_EVERY_MS = 8;

/**
 * Creates a virtual clock. `sleep(ms)` registers a timer at now + ms (rounded to whole
 * microseconds) in its calendar (timer-calendar.ts); a scheduler then, turn by turn, takes every
 * timer due at the earliest instant, moves the clock there and resolves them in registration
 * order. A turn runs only once every microtask has settled, so virtual time advances only when all
 * promise-driven work is done.
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
  const calendar = new TimerCalendar();
  let nowUs = options.startUs ?? 0;
  let running = false;

  let yieldedAt = performance.now();
  const { steps } = options;

  const schedule = (): void => {
    if (running || (calendar.size === 0 && (steps === undefined || !steps.waiting()))) return;
    running = true;
    if (performance.now() - yieldedAt >= YIELD_EVERY_MS) {
      setImmediate(afterYield);
      return;
    }
    // Queued behind every pending microtask; the tick it adds runs once they have all settled.
    queueMicrotask(nextTickTurn);
  };

  function turn(): void {
    running = false;
    const dueUs = calendar.earliest;
    if (steps !== undefined && (dueUs === undefined || dueUs > nowUs) && steps.waiting()) {
      steps.runOne();
      schedule();
      return;
    }
    if (dueUs === undefined) return;
    if (dueUs > nowUs) nowUs = dueUs;
    calendar.runEarliest();
    schedule();
  }
  const nextTickTurn = (): void => process.nextTick(turn);
  const afterYield = (): void => {
    yieldedAt = performance.now();
    turn();
  };

  const tick = options.resolutionUs ?? 1;
  const add = <A>(ms: number, callback: TimerCallback<A>, arg: A): void => {
    const dueUs = nowUs + Math.max(0, Math.round(ms * 1000));
    calendar.add(tick === 1 ? dueUs : Math.ceil(dueUs / tick) * tick, callback, arg);
    schedule();
  };

  return {
    nowUs: () => nowUs,
    sleep(ms: number): Promise<void> {
      if (!Number.isFinite(ms)) return Promise.reject(new RangeError(`virtual clock: cannot sleep ${ms} ms`));
      return new Promise<void>((resolve) => add(ms, resolve, undefined));
    },
    at<A>(ms: number, callback: TimerCallback<A>, arg?: A) {
      if (!Number.isFinite(ms)) throw new RangeError(`virtual clock: cannot schedule at ${ms} ms`);
      add(ms, callback, arg as A);
    },
    get pending() {
      return calendar.size;
    },
    get running() {
      return running;
    },
    wake: schedule,
    idle: () => calendar.size === 0 && !running && (steps === undefined || !steps.waiting()),
  };
}
