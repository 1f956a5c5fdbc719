// The command lines that reproduce a run and a comparison, as written into results and reports:
// the workload options from their table (config/workload-options.ts), each in its group around the
// engine axes and the infra, after the words that start ticketsim where it ran.
import { runOptions } from '../config/config.js';
import type { RunConfig } from '../config/config.js';
import type { BaselineFlags } from '../config/baseline.js';
import type { InfraMode } from '../config/defaults.js';
import { defaultWrite } from '../config/write-config.js';
import { formatFault } from '../config/faults.js';
import { flagOf } from '../config/workload-option.js';
import type { OptionGroup } from '../config/workload-option.js';
import { invokedAs, shellWord } from '../invocation.js';

type Word = string | number;

/**
 * The options of one group that apply to the run (not the engine's own on a --target run), each as typed: those written `always` whenever
 * they have a value, the others only away from their default; a flag bare (`--keep-topic`).
 */
function optionWords(run: RunConfig, group: OptionGroup): Word[] {
  // A --target run's service is not the engine: the engine's own options say nothing of it.
  const applies = (option: { engineOnly?: true }) => run.target === undefined || option.engineOnly !== true;
  return runOptions(run)
    .filter(({ option, value, isDefault }) => option.group === group && applies(option) && value !== undefined && (option.reproduce === 'always' || !isDefault))
    .flatMap(({ key, value }) => {
      if (typeof value === 'boolean') return [`--${value ? '' : 'no-'}${flagOf(key)}`];
      return [`--${flagOf(key)}`, value!];
    });
}

function faultFlags(run: RunConfig): Word[] {
  return run.faults.flatMap((fault) => ['--fault', formatFault(fault)]);
}

/** `--threshold 'purchase.p99<500ms'`: quoted, since `<` and `>` mean something to a shell. */
function thresholdFlags(thresholds: RunConfig['thresholds']): Word[] {
  return thresholds.flatMap(({ text }) => ['--threshold', shellWord(text)]);
}

/** `--baseline old.json --max-regression p99=20%,throughput=10%`. */
function baselineFlags(baseline: RunConfig['baseline']): Word[] {
  if (baseline === undefined) return [];
  return givenBaselineFlags({ baseline: baseline.run.file, maxRegression: baseline.limits.map(({ text }) => text).join(',') || undefined });
}

/** The baseline flags as given: a comparison's, whose runs may not all have found a baseline. */
function givenBaselineFlags({ baseline, maxRegression }: BaselineFlags): Word[] {
  if (baseline === undefined) return [];
  return ['--baseline', shellWord(baseline), ...(maxRegression === undefined ? [] : ['--max-regression', shellWord(maxRegression.replace(/\s+/g, ''))])];
}

/**
 * `ticketsim run oversell --users 1000 --stock 100 --strategy lua --infra real --seed 1 --pool-size 10`,
 * starting with how this process was invoked (`./bin/ticketsim`, `npx ticketsim`, …).
 */
export function reproduceCommand(run: RunConfig, infra: InfraMode, program = invokedAs()): string {
  // Against a target file, the file says how the service is reached and written: no engine axis applies.
  if (run.target !== undefined) {
    return [program, 'run', run.scenario, ...optionWords(run, 'workload'), '--target', run.target, ...optionWords(run, 'running'), ...thresholdFlags(run.thresholds), ...baselineFlags(run.baseline)].join(' ');
  }
  const writing = run.write.mode === defaultWrite(run.scenario) ? [] : ['--write', run.write.mode];
  return [
    program, 'run', run.scenario, ...optionWords(run, 'workload'), '--strategy', run.strategy, '--infra', infra, ...optionWords(run, 'running'),
    ...writing, ...optionWords(run, 'behind'), ...faultFlags(run), ...thresholdFlags(run.thresholds), ...baselineFlags(run.baseline),
  ].join(' ');
}

/**
 * The compare command line of `runs` (one per strategy × write mode, the same workload):
 * `ticketsim compare oversell --users 1000 --stock 100 --strategies naive,lua --infra real … --expect-fail naive`,
 * with the `baseline` flags as given.
 */
export function compareCommandLine(runs: readonly RunConfig[], expectFail: readonly string[], infra: InfraMode, program = invokedAs(), baseline: BaselineFlags = {}): string {
  const first = runs[0];
  if (first === undefined) throw new Error('a comparison has at least one run');
  const unique = (values: string[]) => [...new Set(values)].join(',');
  const modes = unique(runs.map((run) => run.write.mode));
  const writing = modes === defaultWrite(first.scenario) ? [] : ['--write', modes];
  // The behind-only options, when a compared run writes behind (they are for those runs only).
  const behindRun = runs.find((run) => run.write.mode === 'behind');
  const behind = behindRun === undefined ? [] : optionWords(behindRun, 'behind');
  // Every run's thresholds, once each: a lag threshold is only on the runs that write behind.
  const thresholds = [...new Map(runs.flatMap((run) => run.thresholds).map((threshold) => [threshold.text, threshold])).values()];
  const expected = expectFail.length === 0 ? [] : ['--expect-fail', expectFail.join(',')];
  // Services over HTTP: their files say how they are reached and written, no engine axis applies.
  if (first.target !== undefined) {
    return [program, 'compare', first.scenario, ...optionWords(first, 'workload'), '--targets', runs.map((run) => run.target).join(','), ...optionWords(first, 'running'), ...thresholdFlags(thresholds), ...givenBaselineFlags(baseline), ...expected].join(' ');
  }
  return [
    program, 'compare', first.scenario, ...optionWords(first, 'workload'), '--strategies', unique(runs.map((run) => run.strategy)),
    '--infra', infra, ...optionWords(first, 'running'), ...writing, ...behind, ...faultFlags(first), ...thresholdFlags(thresholds), ...givenBaselineFlags(baseline), ...expected,
  ].join(' ');
}
