// `ticketsim compare <scenario> --strategies a,b [--write sync,behind] [--expect-fail a]
// [--baseline FILE]`: runs each strategy × write mode on a fresh sale with the same parameters and
// seed, one after another, each held to its own run in the baseline if it has one, then prints
// them side by side (or the JSON of all of them), writes one report if asked, and exits 1 unless
// every run ended as expected: held, or failed when listed in --expect-fail.
import type { CommandModule } from 'yargs';
import { loadConfig } from '../../config/config.js';
import type { Config } from '../../config/config.js';
import { STRATEGIES } from '../../config/strategies.js';
import { notApplicable } from '../../config/faults.js';
import { boundsLag } from '../../config/thresholds.js';
import { WRITE_MODES } from '../../config/write-config.js';
import { BEHIND_ONLY_OPTIONS } from '../../config/option-values.js';
import { didYouMean, unknownChoice } from '../../config/did-you-mean.js';
import { UsageError } from '../../errors.js';
import { compareRuns, expectsFailure } from '../../report/compare.js';
import { formatComparison } from '../../report/compare-text.js';
import { renderComparisonJunit } from '../../report/junit.js';
import { writeComparisonReport } from '../../report/paths.js';
import type { Comparison, RunResult } from '../../result.js';
import { compareCommandLine } from '../../scenarios/command-line.js';
import { invokedAs } from '../../invocation.js';
import { withBaselineOptions } from '../baseline-options.js';
import type { BaselineArgs } from '../baseline-options.js';
import { VERSION } from '../../version.js';
import { EXIT } from '../exit-codes.js';
import { checkBeforeLoad, withWorkloadOptions } from '../run-options.js';
import type { WorkloadArgs } from '../run-options.js';
import { junitMeta, saveJunit } from '../junit-file.js';
import { saveReport } from '../report-file.js';
import { openMetrics, withMetricsOptions } from '../metrics-option.js';
import type { MetricsFlags } from '../../config/metrics-config.js';
import type { RunMetrics } from '../../metrics/run-metrics.js';
import { showRun } from '../show-run.js';
import { ALLOW_REMOTE_HELP, loadTargets } from '../target-option.js';
import type { LoadedTarget } from '../target-option.js';

interface CompareArgs extends WorkloadArgs, MetricsFlags, BaselineArgs {
  strategies?: string;
  write?: string;
  expectFail?: string;
  targets?: string;
  allowRemote?: boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <scenario>',
  describe: 'run a scenario once per strategy (and write mode) and compare them side by side',
  builder: (yargs) =>
    withBaselineOptions(
      withMetricsOptions(withWorkloadOptions(yargs, { report: 'reports/compare-<scenario>-<timestamp>.md', json: '{ comparison, runs: [every RunResult] } as JSON' }), { linger: true }),
      'a previous comparison (compare … --json), each run held to the run of its strategy and write mode in it (a service: of its name), or one run\'s result (run … --json) for the runs it matches,',
    )
      .option('strategies', { type: 'string', describe: `strategies to compare, comma-separated: ${STRATEGIES.join(', ')}` })
      .option('targets', { type: 'string', describe: 'target files to compare instead, comma-separated: the same workload against each service over HTTP' })
      .option('allow-remote', { type: 'boolean', describe: ALLOW_REMOTE_HELP })
      .option('write', { type: 'string', describe: `write modes to compare, comma-separated: ${WRITE_MODES.join(', ')} [default: the scenario's]` })
      .option('expect-fail', {
        type: 'string',
        describe: 'strategies meant to fail a check (name, or name:write for one mode); exit 0 only if they fail and the rest hold',
      })
      .example('$0 compare oversell --strategies naive,lock,dcl,lua', 'the four strategies on one sale each, side by side')
      .example('$0 compare oversell --strategies naive,lua --expect-fail naive', 'CI: naive must oversell, lua must hold')
      .example('$0 compare oversell --strategies lock,lua --write sync,behind', 'each strategy writing in the request and behind Kafka')
      .example('$0 compare oversell --targets naive.json,lua.json --expect-fail naive-shop', 'two services over HTTP, side by side')
      .example("$0 compare oversell --strategies lock,lua --threshold 'purchase.p99<500ms'", 'each run must also answer 99% of purchases within 500 ms')
      .example('$0 compare oversell --strategies lock,lua --baseline old.json --max-regression p99=20%', 'CI: fail a run whose p99 grew by more than 20% since its own run in old.json (a compare --json output)') as never,
  handler: async (args) => {
    const targets = await compareTargets(args);
    const configs = targets === undefined ? compareConfigs(args) : targets.map(({ path, file }) => loadConfig({ ...args, strategies: undefined, target: path, compared: { service: file.name } } as never));
    const expectFail = listOf(args.expectFail);
    checkExpectFail(
      expectFail,
      configs.map((config, i) => ({ name: targets?.[i]?.file.name ?? config.run.strategy, write: config.run.write.mode })),
    );
    await checkBeforeLoad(configs, args.junit);
    const metrics = await openMetrics(args, async (registry) => new (await import('../../metrics/run-metrics.js')).RunMetrics(registry));
    try {
      await compareAll(configs, targets, { expectFail, baseline: args }, args.junit, metrics?.metrics);
      await metrics?.linger('the comparison');
    } finally {
      await metrics?.close();
    }
  },
};

/** What the comparison was asked beside its runs: who is meant to fail, and the baseline flags. */
interface CompareAsked {
  expectFail: string[];
  baseline: BaselineArgs;
}

/** Runs each config in turn, then prints, reports and sets the exit code of the comparison. */
async function compareAll(configs: Config[], targets: LoadedTarget[] | undefined, { expectFail, baseline }: CompareAsked, junit: string | undefined, metrics: RunMetrics | undefined): Promise<void> {
  const json = configs[0]!.run.json;
  const results: RunResult[] = [];
  for (const [i, config] of configs.entries()) {
    const result = await showRun(config, { title: `compare ${i + 1}/${configs.length}`, brief: true, quietJson: true, target: targets?.[i], metrics });
    results.push(result);
    if (result.interrupted) break;
  }
  const writes = new Set(configs.map((config) => config.run.write.mode));
  // The infrastructure the runs used (auto resolved), unless they did not agree.
  const infras = new Set(results.map((result) => result.infra));
  const infra = infras.size === 1 ? [...infras][0]! : configs[0]!.run.infra;
  const command = compareCommandLine(configs.map((config) => config.run), expectFail, infra, invokedAs(), baseline);
  const comparison = compareRuns(results, expectFail, writes.size > 1, command, baseline.baseline);
  const skipped = configs.length - results.length;
  if (json) process.stdout.write(`${JSON.stringify({ comparison, runs: results }, null, 2)}\n`);
  else {
    const { chooseRenderMode } = await import('../../ui/render-mode.js');
    const { color } = chooseRenderMode(process.env, process.stdout);
    process.stdout.write(`\n${formatComparison(comparison, results, { color })}`);
    if (skipped > 0) process.stdout.write(`stopped: ${skipped} of ${configs.length} runs not started\n`);
  }
  const report = configs[0]!.run.report;
  const verdict = exitCodeOf(comparison, skipped);
  const reported =
    report === undefined
      ? verdict
      : await saveReport(report, () => writeComparisonReport(comparison, results, report, { generatedAt: new Date(), version: VERSION }), verdict);
  process.exitCode = junit === undefined ? reported : await saveJunit(junit, renderComparisonJunit(comparison, results, junitMeta()), reported);
}

/** One validated config per write mode × strategy, in that order; every problem at once. */
function compareConfigs(args: CompareArgs): Config[] {
  const strategies = listOf(args.strategies);
  // No --write: one run per strategy in the scenario's own write mode.
  const writes: (string | undefined)[] = args.write === undefined ? [undefined] : listOf(args.write);
  const problems: string[] = [];
  if (strategies.length === 0) problems.push('--strategies needs at least one strategy, e.g. --strategies naive,lua');
  if (writes.length === 0) problems.push('--write needs at least one write mode, e.g. --write sync,behind');
  for (const [flag, values, allowed] of [['--strategies', strategies, STRATEGIES], ['--write', listOf(args.write), WRITE_MODES]] as const) {
    for (const value of values.filter((value) => !(allowed as readonly string[]).includes(value))) problems.push(unknownChoice(flag, value, allowed));
    if (new Set(values).size < values.length) problems.push(`${flag} names one twice`);
  }
  if (problems.length > 0) throw new UsageError(problems);
  // Comparing sync with behind, the behind-only options are for the runs that write behind.
  const flagsFor = (write: string | undefined) => (write === 'sync' && writes.includes('behind') ? withoutBehindOnly(args) : args);
  const configs = writes.flatMap((write) => strategies.map((strategy) => loadConfig({ ...flagsFor(write), strategy, write, lenientFaults: true, compared: {} })));
  checkFaultsApply(configs);
  return configs;
}

/** The flags without the ones that mean something only when writing behind (the options, the lag thresholds and limits). */
function withoutBehindOnly(args: CompareArgs): CompareArgs {
  const limits = args.maxRegression?.split(',').filter((limit) => !limit.trim().startsWith('lag.')).join(',');
  const kept = { ...args, threshold: args.threshold?.filter((expression) => !boundsLag(expression)), maxRegression: limits === '' ? undefined : limits };
  for (const key of BEHIND_ONLY_OPTIONS) delete kept[key];
  return kept;
}

/** A fault skipped on some compared runs must still apply to one of them. */
function checkFaultsApply(configs: readonly Config[]): void {
  const problems = configs[0]!.run.faults
    .map((fault) => configs.map(({ run }) => notApplicable(fault, { scenario: run.scenario, strategy: run.strategy, write: run.write.mode })))
    .filter((refusals) => refusals.every((refusal) => refusal !== undefined))
    .map((refusals) => `${refusals[0]}; it applies to none of the compared runs`);
  if (problems.length > 0) throw new UsageError(problems);
}

/** Each --expect-fail entry must name a compared run: a strategy or a target's name (and write mode, if it gives one). */
function checkExpectFail(expectFail: readonly string[], compared: readonly { name: string; write: string }[]): void {
  const problems = expectFail
    .filter((entry) => !compared.some(({ name, write }) => expectsFailure([entry], name, write)))
    .map((entry) => {
      const runs = compared.map(({ name, write }) => `${name}:${write}`);
      return `--expect-fail ${entry} is not among the compared runs (${runs.join(', ')})${didYouMean(entry, [...new Set(compared.map(({ name }) => name)), ...runs])}`;
    });
  if (problems.length > 0) throw new UsageError(problems);
}

/**
 * --targets: the files, loaded and checked, each service's name its own (the runs are told apart by
 * it); undefined when comparing strategies. One of --strategies and --targets, never both.
 */
async function compareTargets(args: CompareArgs): Promise<LoadedTarget[] | undefined> {
  if (args.targets === undefined && args.strategies === undefined) throw new UsageError('compare needs --strategies (the built-in engine) or --targets (your services), e.g. --strategies naive,lua');
  if (args.targets === undefined) return undefined;
  if (args.strategies !== undefined) throw new UsageError('--targets compares services over HTTP and --strategies the built-in engine; give one of them');
  if (args.write !== undefined) throw new UsageError('--write picks the built-in engine\'s write mode; a --targets service writes as it does');
  const paths = listOf(args.targets);
  if (paths.length === 0) throw new UsageError('--targets needs at least one target file, e.g. --targets a.json,b.json');
  // The scenario first: a file is checked against what it needs.
  const { scenario } = loadConfig({ ...args, strategies: undefined } as never).run;
  const targets = await loadTargets(paths, scenario, args.allowRemote ?? false);
  const names = targets.map(({ file }) => file.name);
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length > 0) throw new UsageError(`--targets: two files are named ${twice[0]}; give each service its own "name" (the runs are told apart by it)`);
  return targets;
}

/** `naive, lua,` → `['naive', 'lua']`. */
function listOf(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/**
 * 3 when a run proved nothing, 1 when a run did not end as expected (failed, or held though meant
 * to fail), 130 when Ctrl-C stopped the comparison, else 0.
 */
function exitCodeOf(comparison: Comparison, skipped: number): number {
  if (comparison.runs.some((run) => run.verdict === 'inconclusive')) return EXIT.infrastructure;
  if (comparison.runs.some((run) => !run.asExpected && run.verdict !== 'interrupted')) return EXIT.checkFailed;
  if (skipped > 0 || comparison.runs.some((run) => run.verdict === 'interrupted')) return EXIT.interrupted;
  return EXIT.ok;
}
