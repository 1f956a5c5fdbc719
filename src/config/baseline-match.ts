// Which run of a --baseline file a run is held to. A compared run takes the baseline run of its
// strategy and write mode (a service over HTTP: of its name), from a comparison's runs or a single
// run's result alike; none there, it has no baseline (compare says which runs had none). A single
// `run` takes a run's result whatever it ran, or from a comparison the run of its strategy and
// write mode, which must be there.
import type { BaselineFile, BaselineRun } from './baseline-file.js';

/** What a compared run is, to find its own in a baseline file. */
export type BaselineKey =
  | { kind: 'engine'; strategy: string; write: string }
  | { kind: 'target'; name: string };

/** The baseline run of `key`, if the file holds one. */
export function matchBaseline(runs: readonly BaselineRun[], key: BaselineKey): BaselineRun | undefined {
  if (key.kind === 'target') return runs.find((run) => run.target === key.name);
  return runs.find((run) => run.target === undefined && run.strategy === key.strategy && run.params.write === key.write);
}

/** `lua · sync`, or a service's name: a key as a person reads it. */
export function keyLabel(key: BaselineKey): string {
  return key.kind === 'target' ? key.name : `${key.strategy} · ${key.write}`;
}

/**
 * The baseline of a single run (`run`), keyed by its strategy and write mode; undefined with a
 * problem when a comparison holds none of it.
 */
export function baselineOfRun(source: BaselineFile, key: BaselineKey, problems: string[]): BaselineRun | undefined {
  if (source.kind === 'run') return source.runs[0];
  const run = matchBaseline(source.runs, key);
  if (run === undefined) {
    const held = source.runs.map((base) => (base.target ?? `${base.strategy} · ${base.params.write}`)).join(', ');
    problems.push(`--baseline ${source.file}: a comparison with no run of ${keyLabel(key)} (it holds ${held}); give that run's result or compare the same runs`);
  }
  return run;
}
