// `ticketsim run <scenario>`: validate, start the run, render it (dashboard, plain text or JSON),
// write the report if asked, and turn the verdict into the exit code.
import type { CommandModule } from 'yargs';
import { loadConfig } from '../../config/config.js';
import { DEFAULTS } from '../../config/defaults.js';
import { STRATEGIES, STRATEGY_INFO } from '../../config/strategies.js';
import { renderRunJunit } from '../../report/junit.js';
import { writeReport } from '../../report/paths.js';
import type { RunResult } from '../../result.js';
import { VERSION } from '../../version.js';
import { WRITE_MODES } from '../../config/write-config.js';
import { withBaselineOptions } from '../baseline-options.js';
import type { BaselineArgs } from '../baseline-options.js';
import { EXIT } from '../exit-codes.js';
import { checkBeforeLoad, withWorkloadOptions } from '../run-options.js';
import type { WorkloadArgs } from '../run-options.js';
import { junitMeta, saveJunit } from '../junit-file.js';
import { saveReport } from '../report-file.js';
import { openMetrics, withMetricsOptions } from '../metrics-option.js';
import type { MetricsFlags } from '../../config/metrics-config.js';
import { showRun } from '../show-run.js';
import { ALLOW_REMOTE_HELP, loadTargets } from '../target-option.js';

interface RunArgs extends WorkloadArgs, MetricsFlags, BaselineArgs {
  strategy: string;
  write?: string;
  target?: string;
  allowRemote?: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'run a scenario against the engine (or, with --target, your own service) and check its invariants',
  builder: (yargs) =>
    withBaselineOptions(
      withMetricsOptions(withWorkloadOptions(yargs, { report: 'reports/<scenario>-<strategy>-<timestamp>.md', json: 'the result JSON' }), { linger: true }),
      'a previous run\'s result (ticketsim run … --json), or a comparison (compare … --json) holding this strategy and write mode,',
    )
      .option('strategy', {
        type: 'string',
        default: DEFAULTS.strategy,
        describe: `concurrency control: ${STRATEGIES.map((name) => `${name} (${STRATEGY_INFO[name].tag})`).join(' · ')}`,
      })
      .option('write', { type: 'string', describe: `${WRITE_MODES.join(' | ')} — MySQL in the request, or an event to Kafka and a worker behind it [default: sync; write-behind: behind]` })
      .option('target', { type: 'string', describe: 'drive your own service over HTTP as this target file describes, and check its stores (instead of the built-in engine)' })
      .option('allow-remote', { type: 'boolean', describe: ALLOW_REMOTE_HELP })
      .example('$0 run oversell --users 1000', 'race 1,000 buyers for 100 seats with the lua strategy')
      .example('$0 run oversell --strategy naive --infra real', 'watch the naive strategy oversell on real Redis + MySQL')
      .example('$0 run spam --users 1 --requests-per-user 1000 --strategy dcl', 'one user, a thousand simultaneous clicks: one ticket')
      .example('$0 run cancel-storm --strategy naive', 'duplicate and bogus cancels over-stock the naive strategy')
      .example('$0 run oversell --users 10000 --stock 10000', 'where the time of a "slow" INSERT goes (the sql section)')
      .example('$0 run write-behind --workers 2 --redeliver 0.5', 'write behind through Kafka; redelivered events must be skipped')
      .example('$0 run oversell --rate 5000 --duration 10 --stock 20000', 'an open model: 5,000 new buyers a second for 10 s')
      .example("$0 run oversell --threshold 'purchase.p99<500ms' --threshold 'errors.rate<1%'", 'CI: fail the run when it is too slow or errs, as when a check fails')
      .example('$0 run oversell --baseline old.json --max-regression p99=20%,throughput=10%', 'CI: fail the run when its p99 grew by more than 20% or its throughput fell by more than 10% since old.json (a --json result)')
      .example('$0 run oversell --target examples/targets/serve.json', 'the same race against a service over HTTP (here `ticketsim serve`)')
      .example('$0 run oversell --junit results/oversell.xml', 'CI: the checks as JUnit test cases')
      .example('$0 run oversell --metrics-port 9465 --metrics-linger 10', 'Prometheus metrics on 127.0.0.1:9465/metrics, up 10 s after the run') as never,
  handler: async (args) => {
    const config = loadConfig(args);
    const [target] = args.target === undefined ? [] : await loadTargets([args.target], config.run.scenario, args.allowRemote ?? false);
    // An unwritable report or JUnit file fails now, before any load is sent, not after the whole sale.
    await checkBeforeLoad([config], args.junit);
    const metrics = await openMetrics(args, async (registry) => new (await import('../../metrics/run-metrics.js')).RunMetrics(registry));
    try {
      const result = await showRun(config, { target, metrics: metrics?.metrics });
      const { report } = config.run;
      const verdict = exitCodeOf(result);
      const reported = report === undefined ? verdict : await saveReport(report, () => writeReport(result, report, { generatedAt: new Date(), version: VERSION }), verdict);
      process.exitCode = args.junit === undefined ? reported : await saveJunit(args.junit, renderRunJunit(result, junitMeta()), reported);
      await metrics?.linger('the run');
    } finally {
      await metrics?.close();
    }
  },
};

/** 3 when the data could not be read back, 1 when a check failed, 130 when interrupted, else 0. */
function exitCodeOf(result: RunResult): number {
  if (result.inconclusive !== undefined) return EXIT.infrastructure;
  if (!result.ok) return EXIT.checkFailed;
  return result.interrupted ? EXIT.interrupted : EXIT.ok;
}
