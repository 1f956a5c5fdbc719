// `ticketsim clean [--older-than 1h] [--run id,…] [--dry-run] [--json]`: lists what past runs left in
// Redis, MySQL and Kafka, run by run, and deletes it. Only names ticketsim gives its runs are ever
// taken (a look-alike such as `concert-finals` stays), only runs that started longer ago than
// --older-than, and with --run only the runs named. Exit 3 when no service answered, or one failed.
import type { CommandModule } from 'yargs';
import { CLEAN_DEFAULTS, loadCleanConfig } from '../../config/clean-config.js';
import type { CleanFlags } from '../../config/clean-config.js';
import { runIdOf } from '../../engine/run-names.js';
import { formatClean } from '../clean-format.js';
import { EXIT } from '../exit-codes.js';
import { withJsonOption, withServiceOptions } from '../options.js';

interface CleanArgs extends CleanFlags {
  dryRun: boolean;
  json: boolean;
}

export const cleanCommand: CommandModule<object, CleanArgs> = {
  command: 'clean',
  describe: 'list what past runs left in Redis, MySQL and Kafka, and delete it (only names ticketsim gives its runs)',
  builder: (yargs) =>
    withJsonOption(withServiceOptions(yargs), 'print only the listing (and what was deleted) as JSON on stdout')
      .option('older-than', {
        type: 'string',
        describe: `only runs that started longer ago than this: 0s, 30m, 1h, 2d [default: ${CLEAN_DEFAULTS.olderThan}; with --run: ${CLEAN_DEFAULTS.olderThanNamed}]`,
      })
      .option('run', { type: 'string', describe: 'only these runs: run ids (a result\'s runId), comma-separated' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'list only; delete nothing' })
      .example('$0 clean --dry-run', 'what runs that started over an hour ago left, run by run')
      .example('$0 clean --older-than 2d', 'delete what runs that started over two days ago left')
      .example('$0 clean --run mx4n0hrn-e86f', 'delete what that run left (e.g. its topics, kept with --keep-topic)') as never,
  handler: async (args) => {
    const config = loadCleanConfig(args, process.env, runIdOf);
    const { cleanLeftovers } = await import('../../engine/leftovers/clean.js');
    const nowMs = Date.now();
    const report = await cleanLeftovers(config, nowMs);
    process.stdout.write(config.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatClean(report, nowMs)}\n`);
    process.exitCode = report.ok ? EXIT.ok : EXIT.infrastructure;
  },
};
