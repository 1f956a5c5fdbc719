// The faults a run injects on purpose (--fault NAME[:key=value,…], repeatable), Jepsen's nemeses
// for a flash sale: each breaks one assumption a strategy or the write-behind path relies on, so the
// checks can show whether it held. Parsed and validated here with the rest of the run's flags.
import { integer } from './whole-number.js';
import { didYouMean, unknownChoice } from './did-you-mean.js';
import { LOCK_TTL_MS } from './defaults.js';
import type { ScenarioName } from './defaults.js';
import type { StrategyName } from './strategies.js';

/** The faults, in the order --help lists them. */
export const FAULTS = ['pause-holder', 'kill-worker', 'redeliver', 'service-down'] as const;
export type FaultName = (typeof FAULTS)[number];

/**
 * pause-holder: `holders` lock holders stall after their checks, before they write, for longer than
 * the lock's TTL. The stall is aimed where a stale check changes the answer: at the holders that
 * find the last seats (a holder's decrement is relative, so a stall anywhere else only delays).
 */
export interface PauseHolderFault {
  name: 'pause-holder';
  /** How many holders stall: the first ones to find at most this many seats left. */
  holders: number;
  /** How long each stalls, ms (default 1.5 × the lock TTL). */
  pauseMs: number;
}

/** kill-worker (write-behind): SIGKILL a worker `times` times, `everyMs` apart from `afterMs` on, and restart it. */
export interface KillWorkerFault {
  name: 'kill-worker';
  times: number;
  afterMs: number;
  everyMs: number;
}

/** redeliver (write-behind): after the drain, rewind the group to the start `times` times and drain again. */
export interface RedeliverFault {
  name: 'redeliver';
  times: number;
}

/** service-down: stop a service ticketsim started (the Kafka broker) `afterMs` in, for `forMs`. */
export interface ServiceDownFault {
  name: 'service-down';
  service: 'kafka';
  afterMs: number;
  forMs: number;
}

export type FaultSpec = PauseHolderFault | KillWorkerFault | RedeliverFault | ServiceDownFault;

/**
 * Anomalies the selftest plants to prove a check catches them. Never set from the command line:
 * they break the engine on purpose in ways no real system should.
 *   non-idempotent-worker  the worker inserts without skipping, into a table of the run's own
 *                          that has no UNIQUE key, so a redelivered event becomes a second row
 *   drop-publish           a fraction of purchase events are acknowledged but never sent
 */
export const PLANTS = ['non-idempotent-worker', 'drop-publish'] as const;
export type Plant = (typeof PLANTS)[number];


/** Strategies that take a lock, so have holders to pause. */
const LOCK_TAKERS: readonly StrategyName[] = ['lock', 'precheck', 'dcl', 'fenced'];

/** What each fault's options default to. */
export const FAULT_DEFAULTS = Object.freeze({
  'pause-holder': { holders: 2, pauseMs: Math.round(LOCK_TTL_MS * 1.5) },
  'kill-worker': { times: 2, afterMs: 200, everyMs: 400 },
  redeliver: { times: 1 },
  'service-down': { service: 'kafka' as const, afterMs: 1000, forMs: 5000 },
});

/** What the run the faults go with is. */
export interface FaultContext {
  scenario: ScenarioName;
  strategy: StrategyName;
  write: 'sync' | 'behind';
  /** compare: a fault that does not apply to one of its strategies is skipped there, not refused. */
  lenient?: boolean;
}

/** Parses every --fault; each problem goes to `problems` (exit 2). */
export function parseFaults(given: readonly string[], context: FaultContext, problems: string[]): FaultSpec[] {
  const faults: FaultSpec[] = [];
  for (const text of given) {
    const fault = parseFault(text, problems);
    if (fault === undefined) continue;
    if (faults.some((other) => other.name === fault.name)) {
      problems.push(`--fault ${fault.name} is given twice; give it once with the options you want`);
      continue;
    }
    const refusal = notApplicable(fault, context);
    if (refusal !== undefined && !context.lenient) problems.push(refusal);
    else faults.push(fault);
  }
  return faults;
}

/** Why a fault cannot apply to this run, or undefined when it can. */
export function notApplicable(fault: FaultSpec, context: Omit<FaultContext, 'lenient'>): string | undefined {
  const behindOnly = fault.name === 'kill-worker' || fault.name === 'redeliver' || fault.name === 'service-down';
  if (behindOnly && context.write !== 'behind') return `--fault ${fault.name} needs the write-behind path (the write-behind scenario, or --write behind)`;
  if (fault.name === 'pause-holder' && !LOCK_TAKERS.includes(context.strategy)) {
    return `--fault pause-holder pauses lock holders, and --strategy ${context.strategy} takes no lock (use ${LOCK_TAKERS.join(', ')})`;
  }
  return undefined;
}

/** `NAME[:key=value,…]` → a fault with every option defaulted, or undefined (with the problem noted). */
function parseFault(text: string, problems: string[]): FaultSpec | undefined {
  const [name = '', rest] = splitOnce(text.trim(), ':');
  if (!(FAULTS as readonly string[]).includes(name)) {
    problems.push(unknownChoice('--fault', name, FAULTS));
    return undefined;
  }
  const options = new Map<string, string>();
  for (const pair of rest === undefined || rest === '' ? [] : rest.split(',')) {
    const [key = '', value] = splitOnce(pair.trim(), '=');
    if (value === undefined || value === '') problems.push(`--fault ${name}: "${pair}" is not key=value`);
    else options.set(key, value);
  }
  const fault = build(name as FaultName, options, problems);
  for (const key of options.keys()) {
    problems.push(`--fault ${name} has no option "${key}" (${defaultOptions(name as FaultName)})${didYouMean(key, optionNames(name as FaultName))}`);
  }
  return fault;
}

/** What each fault does, in a few words, for the menu. */
export const FAULT_TAGS: Readonly<Record<FaultName, string>> = Object.freeze({
  'pause-holder': 'lock holders stall past the lock TTL at the last seats',
  'kill-worker': 'SIGKILL a write-behind worker mid-write, start a replacement',
  redeliver: 'after the drain, rewind the consumer group and drain again',
  'service-down': 'stop the Kafka broker ticketsim started, then bring it back',
});

/** The fault with every option at its default. */
export function defaultFault(name: FaultName): FaultSpec {
  return { name, ...FAULT_DEFAULTS[name] } as FaultSpec;
}

/** `holders=2, pause=3s`: a fault's options at their defaults, for the error of an unknown one. */
function defaultOptions(name: FaultName): string {
  return formatFault(defaultFault(name)).slice(name.length + 1).replaceAll(',', ', ');
}

/** `holders`, `pause`: the option names a fault takes. */
function optionNames(name: FaultName): string[] {
  return defaultOptions(name).split(', ').map((pair) => pair.split('=')[0]!);
}


function build(name: FaultName, options: Map<string, string>, problems: string[]): FaultSpec {
  /** Takes an option out of `options` (what is left over is unknown). */
  const take = (key: string): string | undefined => {
    const value = options.get(key);
    options.delete(key);
    return value;
  };
  const label = (key: string) => `--fault ${name}: ${key}`;
  const ms = (key: string, fallback: number, min: number) => {
    const value = take(key);
    return value === undefined ? fallback : duration(value, label(key), min, problems);
  };
  const count = (key: string, fallback: number, max: number) => {
    const value = take(key);
    return value === undefined ? fallback : integer(Number(value), label(key), 1, max, problems);
  };
  switch (name) {
    case 'pause-holder': {
      const defaults = FAULT_DEFAULTS[name];
      return { name, holders: count('holders', defaults.holders, 100), pauseMs: ms('pause', defaults.pauseMs, 1) };
    }
    case 'kill-worker': {
      const defaults = FAULT_DEFAULTS[name];
      return { name, times: count('times', defaults.times, 20), afterMs: ms('after', defaults.afterMs, 0), everyMs: ms('every', defaults.everyMs, 50) };
    }
    case 'redeliver':
      return { name, times: count('times', FAULT_DEFAULTS[name].times, 5) };
    case 'service-down': {
      const defaults = FAULT_DEFAULTS[name];
      const service = take('service') ?? defaults.service;
      if (service !== 'kafka') {
        problems.push(
          `--fault service-down stops only a service ticketsim started itself (the Kafka broker of scripts/services.sh); ${service} belongs to the machine and is never stopped`,
        );
      }
      return { name, service: 'kafka', afterMs: ms('after', defaults.afterMs, 0), forMs: ms('for', defaults.forMs, 100) };
    }
  }
}

/** `500ms`, `2s`, `1.5s` or a bare number of ms → ms, within an hour. */
function duration(text: string, label: string, min: number, problems: string[]): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
  const value = match === null ? Number.NaN : Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  if (!(value >= min && value <= 3_600_000)) {
    problems.push(`${label} must be a duration such as 500ms or 2s, at least ${min} ms and at most an hour (got ${text})`);
    return min;
  }
  return Math.round(value);
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** One fault as the command line gives it back (for the reproduce line and the report). */
export function formatFault(fault: FaultSpec): string {
  const seconds = (value: number) => (value % 1000 === 0 ? `${value / 1000}s` : `${value}ms`);
  switch (fault.name) {
    case 'pause-holder':
      return `pause-holder:holders=${fault.holders},pause=${seconds(fault.pauseMs)}`;
    case 'kill-worker':
      return `kill-worker:times=${fault.times},after=${seconds(fault.afterMs)},every=${seconds(fault.everyMs)}`;
    case 'redeliver':
      return `redeliver:times=${fault.times}`;
    case 'service-down':
      return `service-down:service=${fault.service},after=${seconds(fault.afterMs)},for=${seconds(fault.forMs)}`;
  }
}
