// The steps of an explored run (`ticketsim explore`, ARCHITECTURE.md "Explored runs"): every store
// effect of the in-process Redis and MySQL (a command, a script, a statement) is a step of an
// actor, a buyer's purchase or a cancel followed through its async work with AsyncLocalStorage.
// The virtual clock runs one waiting step whenever no timer is due at the current instant, and a
// chooser picks whose: a step takes no time, so the order of the steps is the chooser's and time
// passes only where code sleeps (a lock's retry back-off, a fault's pause). Each step is recorded:
// when, whose, what, its answer, the keys it read and wrote, and what changed in the stores.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { StoreView } from './store-view.js';
import { createVirtualClock } from './virtual-clock.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * What a step may touch: the stock counter, one buyer of the set, one user's rows, the sale's lock,
 * its Redis fence counter or its MySQL fence row, the log's events or a group's committed offsets.
 */
export type StoreKey = 'stock' | 'buyer' | 'row' | 'lock' | 'fence' | 'fence row' | 'event' | 'offset';

/** A kind of step, declared once at its call site: `GET stock` reads the stock, `SADD buyers` writes a buyer. */
export interface StepKind {
  /** The service the step goes to. */
  store: 'Redis' | 'MySQL' | 'Kafka';
  label: string;
  /** How its answer reads, when not as it is (a fetch: `3 events from offset 0`). */
  answer?: (value: unknown) => string;
  reads: readonly StoreKey[];
  writes: readonly StoreKey[];
}

/** Where more than one actor could take the next step. */
export interface ChoicePoint {
  /** The step's position in the run, from 0. */
  index: number;
  /** The actors with a step waiting, lowest id first. */
  ready: readonly number[];
  /** The actor of the previous step, if any. */
  last: number | undefined;
  /** The choice that preempts nobody: the last actor while it is ready, else the lowest ready id. */
  fallback: number;
}

/** Picks whose step runs next; an id not ready counts as the fallback. */
export interface Chooser {
  choose(point: ChoicePoint): number;
}

/** One step as it ran. */
export interface StepRecord {
  index: number;
  atUs: number;
  actor: number;
  store: StepKind['store'];
  /** The step with its argument: `SET stock 0`, `SADD buyers user-1`. */
  label: string;
  /** Its answer (`1`, `reserved`, `OK`), or the error it threw. */
  result: string;
  failed: boolean;
  ready: number[];
  /** Another ready actor was passed over for this one (CHESS's preemption). */
  preempted: boolean;
  /** Keys read and written, each with its member where it has one: `stock`, `buyer user-1`. */
  reads: string[];
  writes: string[];
  /** What changed in the stores: `stock 1 → 0`. */
  changes: string[];
}

/** An actor of the run, by id (the order it started in). */
export interface ActorRecord {
  id: number;
  /** What it does: `buy user-0`, `cancel user-3`. */
  name: string;
}

interface WaitingStep {
  actor: ActorRecord;
  kind: StepKind;
  arg: string | number | undefined;
  action: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Whose work is running: one storage for every schedule, as Node propagates each storage ever used
 * through every promise (one a run would make thousands of runs slower and slower).
 */
const running = new AsyncLocalStorage<{ schedule: StepSchedule; actor: ActorRecord }>();


/** A run's controlled steps: give its clock to the in-process services and start each operation as an actor. */
export class StepSchedule {
  readonly clock: VirtualClock;
  readonly steps: StepRecord[] = [];
  readonly actors: ActorRecord[] = [];
  private readonly waiting: WaitingStep[] = [];
  private view: StoreView = () => ({});

  constructor(private readonly chooser: Chooser) {
    this.clock = createVirtualClock({ steps: { waiting: () => this.waiting.length > 0, runOne: () => this.runOne() } });
  }

  /** Tells the schedule how to read the stores, so each step can say what it changed. */
  watch(view: StoreView): void {
    this.view = view;
  }

  /** What the stores hold now, as the steps' changes name it. */
  stores(): Record<string, string> {
    return this.view();
  }

  /** Runs `operation` as a new actor: every step it takes waits for the chooser. */
  actor<T>(name: string, operation: () => Promise<T>): Promise<T> {
    const record = { id: this.actors.length, name };
    this.actors.push(record);
    return running.run({ schedule: this, actor: record }, operation);
  }

  /**
   * One step: `action` runs when the chooser picks this actor, and its answer (or error) settles
   * the promise. Outside any actor (opening the sale, reading it back) it runs at once.
   */
  step<T>(kind: StepKind, arg: string | number | undefined, action: () => T): Promise<T> {
    const current = running.getStore();
    const actor = current?.schedule === this ? current.actor : undefined;
    if (actor === undefined) {
      try {
        return Promise.resolve(action());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ actor, kind, arg, action, resolve: resolve as (value: unknown) => void, reject });
      this.clock.wake();
    });
  }

  /** The chooser's pick among the waiting steps, run now (the clock calls this). */
  private runOne(): void {
    const ready = [...new Set(this.waiting.map((step) => step.actor.id))].sort((a, b) => a - b);
    const last = this.steps.at(-1)?.actor;
    const fallback = last !== undefined && ready.includes(last) ? last : ready[0]!;
    const index = this.steps.length;
    const picked = this.chooser.choose({ index, ready, last, fallback });
    const actor = ready.includes(picked) ? picked : fallback;
    const step = this.waiting.splice(this.waiting.findIndex((waiting) => waiting.actor.id === actor), 1)[0]!;
    const before = this.view();
    let value: unknown;
    let failed = false;
    try {
      value = step.action();
    } catch (error) {
      value = error;
      failed = true;
    }
    this.steps.push({
      index,
      atUs: this.clock.nowUs(),
      actor,
      store: step.kind.store,
      label: step.arg === undefined ? step.kind.label : `${step.kind.label} ${step.arg}`,
      result: failed ? `error: ${(value as Error).message}` : (step.kind.answer ?? answerText)(value),
      failed,
      ready,
      preempted: last !== undefined && actor !== last && ready.includes(last),
      reads: keysOf(step.kind.reads, step.arg),
      writes: keysOf(step.kind.writes, step.arg),
      changes: changesBetween(before, this.view()),
    });
    if (failed) step.reject(value);
    else step.resolve(value);
  }
}

/** A key with its member where it has one: a buyer's or a user's rows are theirs alone. */
function keysOf(keys: readonly StoreKey[], arg: string | number | undefined): string[] {
  return keys.map((key) => ((key === 'buyer' || key === 'row') && typeof arg === 'string' ? `${key} ${arg}` : key));
}

/** A step's answer as a person reads it. */
function answerText(value: unknown): string {
  if (value === undefined) return 'OK';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value).replace(/"/g, '');
  return String(value);
}

/** `stock 1 → 0` for each entry of the view that differs. */
function changesBetween(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names.filter((name) => before[name] !== after[name]).map((name) => `${name} ${before[name] ?? '∅'} → ${after[name] ?? '∅'}`);
}
