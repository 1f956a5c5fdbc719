// Simulated service times of the in-process infrastructure, all in one place: the network between
// the engine and Redis/MySQL, Redis' single command loop, MySQL inserts with their tail, connection
// set-up and lock retry back-off. Every figure is drawn from a seeded PRNG, so a seed fixes a run.
import type { Clock } from '../ports.js';
import type { Random } from './random.js';
import type { StepKind, StepSchedule } from './step-schedule.js';

/**
 * The figures, in milliseconds. They were measured on the development machines or follow ordinary
 * loopback behaviour; they orient the simulation, they are not promises.
 */
export const LATENCY = {
  /** One way over loopback TCP to Redis: a round trip of ~0.1–0.4 ms seen from Node + ioredis. */
  redisOneWay: { min: 0.05, max: 0.2 },
  /** Redis' single thread on a GET/SET/SADD: ~100k SET/s in redis-benchmark (c=50) → ~7 µs each. */
  redisCommand: { min: 0.004, max: 0.01 },
  /** …and on a short Lua script (EVALSHA): ~111k purchases/s unpipelined → ~9 µs, a bit more. */
  redisScript: { min: 0.006, max: 0.012 },
  /** One way to MySQL/MariaDB over loopback. */
  mysqlOneWay: { min: 0.05, max: 0.2 },
  /** An autocommit single-row INSERT: 0.5 ms floor plus an exponential tail (p50 ~0.85, p99 ~2.8 ms). */
  mysqlInsert: { floor: 0.5, tailMean: 0.5, cap: 10 },
  /** Each row of a multi-row INSERT IGNORE or DELETE: ~250k rows/s in 500-row statements. */
  mysqlRowInBatch: { min: 0.003, max: 0.005 },
  /** The server-wide serialized part of a commit (redo log): ~15k rows/s one row per statement. */
  mysqlCommit: { min: 0.04, max: 0.09 },
  /** A SELECT over one sale's rows (the checks' read). */
  mysqlSelect: { min: 1, max: 4 },
  /** TCP connect, handshake and authentication of a new pool connection. */
  mysqlConnect: { min: 1, max: 3 },
} as const;

/** Redlock settings the real adapter uses; the in-process locks default to the same. */
export const LOCK_DEFAULTS = { retryCount: 50, retryDelayMs: 200, retryJitterMs: 100 } as const;

/** Draws simulated durations (ms). Each call consumes the PRNG, so call order matters. */
export interface ServiceTimes {
  redisOneWay(): number;
  redisCommand(): number;
  redisScript(): number;
  mysqlOneWay(): number;
  mysqlInsert(): number;
  mysqlRowInBatch(): number;
  mysqlCommit(): number;
  mysqlSelect(): number;
  mysqlConnect(): number;
  /** Redlock's back-off: `delay + floor((2r − 1) · jitter)`, never negative (redlock 5 `_execute`). */
  lockRetryDelay(delayMs: number, jitterMs: number): number;
}

/**
 * An explored run's service times (step-schedule.ts): none, so that the chooser alone orders the
 * steps. Only a lock's retry back-off still draws, as time only passes where code sleeps.
 */
export function createInstantTimes(random: Random): ServiceTimes {
  const none = () => 0;
  const { lockRetryDelay } = createServiceTimes(random);
  return { redisOneWay: none, redisCommand: none, redisScript: none, mysqlOneWay: none, mysqlInsert: none, mysqlRowInBatch: none, mysqlCommit: none, mysqlSelect: none, mysqlConnect: none, lockRetryDelay };
}

/** Creates the service-time source over a (preferably forked) PRNG. */
export function createServiceTimes(random: Random): ServiceTimes {
  const L = LATENCY;
  return {
    redisOneWay: () => random.between(L.redisOneWay.min, L.redisOneWay.max),
    redisCommand: () => random.between(L.redisCommand.min, L.redisCommand.max),
    redisScript: () => random.between(L.redisScript.min, L.redisScript.max),
    mysqlOneWay: () => random.between(L.mysqlOneWay.min, L.mysqlOneWay.max),
    mysqlInsert: () => Math.min(L.mysqlInsert.cap, L.mysqlInsert.floor + random.exponential(L.mysqlInsert.tailMean)),
    mysqlRowInBatch: () => random.between(L.mysqlRowInBatch.min, L.mysqlRowInBatch.max),
    mysqlCommit: () => random.between(L.mysqlCommit.min, L.mysqlCommit.max),
    mysqlSelect: () => random.between(L.mysqlSelect.min, L.mysqlSelect.max),
    mysqlConnect: () => random.between(L.mysqlConnect.min, L.mysqlConnect.max),
    lockRetryDelay: (delayMs, jitterMs) => Math.max(0, delayMs + Math.floor((random.next() * 2 - 1) * jitterMs)),
  };
}

/** A resource that serves one job at a time, first come first served (Redis' event loop, a log flush). */
export interface SerialQueue {
  /** Books the next free slot for a job of `serviceMs` arriving now; returns ms from now until it ends. */
  occupy(serviceMs: number): number;
}

/** Creates a serial queue on the given clock. */
export function createSerialQueue(clock: Clock): SerialQueue {
  let busyUntilUs = -Infinity;
  return {
    occupy(serviceMs) {
      const nowUs = clock.nowUs();
      busyUntilUs = Math.max(nowUs, busyUntilUs) + serviceMs * 1000;
      return (busyUntilUs - nowUs) / 1000;
    },
  };
}

/** What a simulated Redis call costs on the server: a plain command or a Lua script. */
export type RedisCallKind = 'command' | 'script';

/** The simulated Redis server: network plus one command loop, shared by inventory and locks. */
export interface RedisServer {
  /**
   * One round trip: the request travels, `action` runs atomically at the instant it arrives (so it
   * must be synchronous), the server's single thread is busy for the command's service time, and
   * the reply travels back. An exception from `action` is rethrown when the reply arrives. `step`
   * and `arg` say what the call is (`SET stock` `0`), for an explored run's timeline.
   */
  call<T>(kind: RedisCallKind, action: () => T, step: StepKind, arg?: string | number): Promise<T>;
}

/** One call on its way to the simulated Redis and back. */
interface RedisCall<T> {
  kind: RedisCallKind;
  action: () => T;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  /** What the action returned, or threw (`failed`), at the server. */
  value: T | undefined;
  error: unknown;
  failed: boolean;
}

/** A clock that can act at an instant (the virtual clock's `at`). */
type AtClock = Clock & { at?: <A>(ms: number, callback: (arg: A) => void, arg: A) => void };

/**
 * Creates a simulated Redis server. Running `action` at arrival and queueing only its service time
 * is exact for a FIFO single-threaded server: commands execute in arrival order either way.
 */
export function createRedisServer(deps: { clock: AtClock; random: Random }): RedisServer {
  const { clock } = deps;
  const times = createServiceTimes(deps.random);
  const loop = createSerialQueue(clock);
  // On the virtual clock the arrival and the reply are timer callbacks over the call itself: one
  // promise per call and no closure per step (a million calls spend their time simulating, not
  // collecting garbage).
  const at = clock.at?.bind(clock) ?? (<A>(ms: number, callback: (arg: A) => void, arg: A) => void clock.sleep(ms).then(() => callback(arg)));
  const reply = (call: RedisCall<unknown>): void => (call.failed ? call.reject(call.error) : call.resolve(call.value));
  const arrive = (call: RedisCall<unknown>): void => {
    try {
      call.value = call.action();
    } catch (error) {
      call.failed = true;
      call.error = error;
    }
    const busy = loop.occupy(call.kind === 'script' ? times.redisScript() : times.redisCommand());
    at(busy + times.redisOneWay(), reply, call);
  };
  return {
    call<T>(kind: RedisCallKind, action: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const call: RedisCall<T> = { kind, action, resolve, reject, value: undefined, error: undefined, failed: false };
        at(times.redisOneWay(), arrive, call as RedisCall<unknown>);
      });
    },
  };
}

/** An explored run's Redis: each call is a step of its actor, taken when the chooser picks it. */
export function createSteppedRedisServer(schedule: StepSchedule): RedisServer {
  return { call: (_kind, action, step, arg) => schedule.step(step, arg, action) };
}
