// What a fault is to the configuration: its name, a few words for the menu, its options (each with
// its command-line key, default, parsing and formatting) and which runs it can apply to. One
// definition per fault, beside this file; config/faults.ts registers them and parses --fault.
import type { ScenarioName } from '../defaults.js';
import type { StrategyName } from '../strategies.js';

/** What the run a fault goes with is. */
export interface FaultRun {
  scenario: ScenarioName;
  strategy: StrategyName;
  write: 'sync' | 'behind';
}

/** One option of a fault, e.g. `pause=3s`: the value of one field of its spec. */
export interface FaultOption<V> {
  /** Its name on the command line (`pause`, for the field `pauseMs`). */
  key: string;
  default: V;
  /** The text given → the value; a bad one adds a problem (the value returned then does not matter). */
  parse(text: string, label: string, problems: string[]): V;
  /** The value as the command line gives it (`3s`). */
  format(value: V): string;
}

/** A fault's options, one per field of its spec, in the order the command line gives them back. */
export type FaultOptions<S> = { readonly [F in Exclude<keyof S, 'name'>]: FaultOption<S[F]> };

/** One fault, as the configuration knows it. */
export interface FaultDefinition<S extends { name: string }> {
  name: S['name'];
  /** What it does, in a few words, for the menu. */
  tag: string;
  options: FaultOptions<S>;
  /** Why it cannot apply to a run (a refusal naming `--fault NAME`), or undefined when it can. */
  notApplicable(run: FaultRun): string | undefined;
}

/** The spec a definition parses to. */
export type SpecOf<D> = D extends FaultDefinition<infer S> ? S : never;

/** Applicability of a fault that acts on the write-behind path (its workers, its group, its broker). */
export function writingBehind(name: string): FaultDefinition<{ name: string }>['notApplicable'] {
  return (run) => (run.write === 'behind' ? undefined : `--fault ${name} needs the write-behind path (the write-behind scenario, or --write behind)`);
}
