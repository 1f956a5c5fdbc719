// `ticketsim explore <scenario> --strategy S …`: searches the step orders of a tiny in-process
// workload (random, pct or dfs), shrinks the first failure to its smallest schedule and prints it
// as a timeline with a replay token (README.md, "Explore the interleavings"). Exit 1 when a
// schedule broke a check, 0 when the search ended without one, 2 on bad input, 130 on Ctrl-C.
import type { CommandModule } from 'yargs';
import { EXPLORABLE, EXPLORE_DEFAULTS, SEARCHES, exploreOptions } from '../../config/explore-options.js';
import type { ExploreFlags } from '../../config/explore-options.js';
import { STRATEGIES } from '../../config/strategies.js';
import { WORKLOAD_OPTIONS } from '../../config/workload-options.js';
import type { ExploreResult } from '../../result.js';
import { EXIT } from '../exit-codes.js';
import { withJsonOption } from '../options.js';
import { printExplored } from '../explore-output.js';

interface ExploreArgs extends ExploreFlags {
  json: boolean;
  report?: string;
}

export const exploreCommand: CommandModule<object, ExploreArgs> = {
  command: 'explore <scenario>',
  describe: 'search the step orders of a tiny sale in process; shrink a failure to its shortest schedule and print it as a timeline',
  builder: (yargs) =>
    withJsonOption(yargs, 'print only the search\'s result as JSON on stdout')
      .positional('scenario', { type: 'string', describe: EXPLORABLE.join(' | ') })
      .option('strategy', { type: 'string', describe: `the engine's strategy: ${STRATEGIES.join(', ')}` })
      .option('buyers', { type: 'number', describe: `buyers, each an actor [default: ${EXPLORE_DEFAULTS.buyers}]` })
      .option('stock', { type: 'number', describe: 'seats [default: oversell one fewer than the buyers, spam buyers × requests, cancel-storm the buyers]' })
      .option('requests-per-user', { type: 'number', describe: 'spam: requests each buyer sends at once [default: 2]' })
      .option('search', { type: 'string', describe: `${SEARCHES.join(' | ')} [default: ${EXPLORE_DEFAULTS.search}]` })
      .option('budget', { type: 'number', describe: `most runs [default: ${EXPLORE_DEFAULTS.budget}]` })
      .option('depth', { type: 'number', describe: `pct: the bug depth (depth − 1 priority changes a run) [default: ${EXPLORE_DEFAULTS.depth}]` })
      .option('preemptions', { type: 'number', describe: `dfs: most preemptions a schedule may have [default: ${EXPLORE_DEFAULTS.preemptions}]` })
      .option('seed', { type: 'number', describe: `seeds the services' back-off and the search's choices [default: ${WORKLOAD_OPTIONS.seed.default}]` })
      .option('report', { type: 'string', describe: 'write a markdown report [default path: reports/explore-<scenario>-<strategy>-<timestamp>.md]' })
      .example('$0 explore oversell --strategy naive --buyers 2 --stock 1', 'find the oversell: every order of two buyers\' steps, depth first')
      .example('$0 explore spam --strategy precheck --buyers 1 --requests-per-user 2 --search pct', 'two requests of one buyer, PCT at depth 3')
      .example('$0 explore oversell --strategy lua --buyers 3 --search dfs --preemptions 2', 'no failure: every schedule with at most 2 preemptions holds') as never,
  handler: async (args) => {
    const { workload, search } = exploreOptions(args);
    const report = args.report === undefined ? undefined : args.report === '' ? true : args.report;
    if (report !== undefined) await (await import('../report-file.js')).probeReport(report);
    const [{ explore }, { exploreProgressLine }, { onInterrupt }, { workerLauncher }] = await Promise.all([
      import('../../explore/explore.js'),
      import('../../report/explore-text.js'),
      import('../../ui/interrupt.js'),
      import('../workers.js'),
    ]);
    let stopped = false;
    const stopListening = onInterrupt(() => (stopped = true));
    const live = !args.json && process.stderr.isTTY === true;
    let shownAt = 0;
    let result: ExploreResult;
    try {
      result = await explore(workload, search, {
        launcher: workerLauncher(),
        stopped: () => stopped,
        progress: live
          ? (at) => {
              if (performance.now() - shownAt < 100) return;
              shownAt = performance.now();
              process.stderr.write(`\r\x1b[2K${exploreProgressLine(at)}`);
            }
          : undefined,
      });
    } finally {
      stopListening();
      if (live) process.stderr.write('\r\x1b[2K');
    }
    const verdict = result.failure !== undefined ? EXIT.checkFailed : result.interrupted === true ? EXIT.interrupted : EXIT.ok;
    process.exitCode = await printExplored(result, { json: args.json, report, verdict });
  },
};
