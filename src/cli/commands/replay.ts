// `ticketsim replay <token>`: runs the schedule a token names (`ticketsim explore` prints one with
// every failure) step for step and prints its timeline (README.md, "Explore the interleavings").
// Exit 1 when it breaks a check, 0 when every check holds, 2 for a token that does not read.
import type { CommandModule } from 'yargs';
import { EXIT } from '../exit-codes.js';
import { withJsonOption } from '../options.js';
import { printExplored } from '../explore-output.js';

interface ReplayArgs {
  token: string;
  json: boolean;
  report?: string;
}

export const replayCommand: CommandModule<object, ReplayArgs> = {
  command: 'replay <token>',
  describe: 'replay a schedule that explore found, step for step, and print its timeline',
  builder: (yargs) =>
    withJsonOption(yargs, 'print only the replayed schedule as JSON on stdout')
      .positional('token', { type: 'string', describe: 'the token explore printed: ts1.<scenario>.<strategy>.b<N>.s<N>.r<N>.x<seed>.d<decisions>' })
      .option('report', { type: 'string', describe: 'write a markdown report [default path: reports/replay-<scenario>-<strategy>-<timestamp>.md]' })
      .example('$0 replay ts1.oversell.naive.b2.s1.r1.x1.d_-1', 'the oversell of two naive buyers, step for step') as never,
  handler: async (args) => {
    const report = args.report === undefined ? undefined : args.report === '' ? true : args.report;
    if (report !== undefined) await (await import('../report-file.js')).probeReport(report);
    const [{ replay }, { workerLauncher }] = await Promise.all([import('../../explore/explore.js'), import('../workers.js')]);
    const replayed = await replay(String(args.token), workerLauncher());
    process.exitCode = await printExplored(replayed, { json: args.json, report, verdict: replayed.broken === undefined ? EXIT.ok : EXIT.checkFailed });
  },
};
