// The faults a run injects on purpose (--fault NAME[:key=value,…], repeatable), Jepsen's nemeses
// for a flash sale: each breaks one assumption a strategy or the write-behind path relies on, so the
// checks can show whether it held. Each fault is defined once in faults/ (options, defaults, the
// runs it applies to); this registry parses and validates --fault with the rest of the run's flags.
// The nemesis carries the faults out (scenarios/faults/), the report explains them (report/).
import { didYouMean, unknownChoice } from './did-you-mean.js';
import type { FaultDefinition, FaultOption, FaultRun, SpecOf } from './faults/definition.js';
import { killWorkerFault } from './faults/kill-worker.js';
import { pauseHolderFault } from './faults/pause-holder.js';
import { redeliverFault } from './faults/redeliver.js';
import { serviceDownFault } from './faults/service-down.js';

/** Every fault, by name, in the order --help lists them. */
export const FAULT_DEFINITIONS = Object.freeze({
  'pause-holder': pauseHolderFault,
  'kill-worker': killWorkerFault,
  redeliver: redeliverFault,
  'service-down': serviceDownFault,
});

export type { FaultRun } from './faults/definition.js';
/** A fault's name, as --fault gives it. */
export type FaultName = keyof typeof FAULT_DEFINITIONS;
/** The faults, in the order --help lists them. */
export const FAULTS = Object.keys(FAULT_DEFINITIONS) as readonly FaultName[];
/** A fault with every option set, as --fault gives it. */
export type FaultSpec = SpecOf<(typeof FAULT_DEFINITIONS)[FaultName]>;
/** The spec of the fault named `N`. */
export type FaultSpecOf<N extends FaultName> = Extract<FaultSpec, { name: N }>;

/**
 * Anomalies the selftest plants to prove a check catches them. Never set from the command line:
 * they break the engine on purpose in ways no real system should.
 *   non-idempotent-worker  the worker inserts without skipping, into a table of the run's own
 *                          that has no UNIQUE key, so a redelivered event becomes a second row
 *   drop-publish           a fraction of purchase events are acknowledged but never sent
 *   split-reserve          in process only: lua's purchase script looks (buyer? stock?) and
 *                          writes (decrement, add the buyer) in two steps, no longer atomic, for
 *                          `ticketsim explore` to prove it finds the race that makes
 */
export const PLANTS = ['non-idempotent-worker', 'drop-publish', 'split-reserve'] as const;
export type Plant = (typeof PLANTS)[number];

/** What the run the faults go with is. */
export interface FaultContext extends FaultRun {
  /** compare: a fault that does not apply to one of its strategies is skipped there, not refused. */
  lenient?: boolean;
}

/** The definition of a fault, typed by its spec. */
function definitionOf<S extends FaultSpec>(name: S['name']): FaultDefinition<S> {
  return FAULT_DEFINITIONS[name] as unknown as FaultDefinition<S>;
}

/** A definition's options with the spec field each sets. */
function optionsOf(name: FaultName): [field: string, option: FaultOption<unknown>][] {
  return Object.entries(definitionOf(name).options) as [string, FaultOption<unknown>][];
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
export function notApplicable(fault: FaultSpec, run: FaultRun): string | undefined {
  return definitionOf(fault.name).notApplicable(run);
}

/** `NAME[:key=value,…]` → a fault with every option defaulted, or undefined (with the problem noted). */
function parseFault(text: string, problems: string[]): FaultSpec | undefined {
  const [name = '', rest] = splitOnce(text.trim(), ':');
  if (!(FAULTS as readonly string[]).includes(name)) {
    problems.push(unknownChoice('--fault', name, FAULTS));
    return undefined;
  }
  const fault = name as FaultName;
  const given = new Map<string, string>();
  for (const pair of rest === undefined || rest === '' ? [] : rest.split(',')) {
    const [key = '', value] = splitOnce(pair.trim(), '=');
    if (value === undefined || value === '') problems.push(`--fault ${name}: "${pair}" is not key=value`);
    else given.set(key, value);
  }
  const spec: Record<string, unknown> = { name };
  for (const [field, option] of optionsOf(fault)) {
    const value = given.get(option.key);
    given.delete(option.key);
    spec[field] = value === undefined ? option.default : option.parse(value, `--fault ${name}: ${option.key}`, problems);
  }
  const keys = optionsOf(fault).map(([, option]) => option.key);
  for (const key of given.keys()) problems.push(`--fault ${name} has no option "${key}" (${defaultOptions(fault)})${didYouMean(key, keys)}`);
  return spec as unknown as FaultSpec;
}

/** The fault with every option at its default. */
export function defaultFault(name: FaultName): FaultSpec {
  return Object.fromEntries([['name', name], ...optionsOf(name).map(([field, option]) => [field, option.default])]) as FaultSpec;
}

/** `holders=2, pause=3s`: a fault's options at their defaults, for the error of an unknown one. */
function defaultOptions(name: FaultName): string {
  return formatFault(defaultFault(name)).slice(name.length + 1).replaceAll(',', ', ');
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** One fault as the command line gives it back (for the reproduce line and the report). */
export function formatFault(fault: FaultSpec): string {
  const values = fault as unknown as Record<string, unknown>;
  return `${fault.name}:${optionsOf(fault.name).map(([field, option]) => `${option.key}=${option.format(values[field])}`).join(',')}`;
}
