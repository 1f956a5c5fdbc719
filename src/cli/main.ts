// The ticketsim command line: parses, validates, wires, and is the only place that exits. Command
// modules import their heavy parts (drivers, the engine, Ink) inside their handlers, so `--help`,
// `--version` and a usage error answer without loading them.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { cleanCommand } from './commands/clean.js';
import { compareCommand } from './commands/compare.js';
import { doctorCommand } from './commands/doctor.js';
import { exploreCommand } from './commands/explore.js';
import { replayCommand } from './commands/replay.js';
import { runCommand } from './commands/run.js';
import { selftestCommand } from './commands/selftest.js';
import { serveCommand } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';
import { EXIT, errorLines, exitCodeFor } from './exit-codes.js';
import { knownOptions } from './known-options.js';
import { optionTokenProblems } from './option-tokens.js';
import { OPTION_RULES } from './run-options.js';
import { usageProblems } from './usage-message.js';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';

/** `run`, `compare`, …: the commands, for the suggestion when one is mistyped. */
const COMMANDS = [runCommand, compareCommand, selftestCommand, serveCommand, workerCommand, doctorCommand, cleanCommand, exploreCommand, replayCommand].map((command) => String(command.command).split(' ')[0]!);

async function main(argv: string[]): Promise<number> {
  const cli = yargs(argv)
    .scriptName('ticketsim')
    .usage('$0 <command> [options]\n\nStress-test and simulation harness for ticket-sales backends.')
    .command(runCommand)
    .command(compareCommand)
    .command(selftestCommand)
    .command(serveCommand)
    .command(workerCommand)
    .command(doctorCommand)
    .command(cleanCommand)
    .command(exploreCommand)
    .command(replayCommand)
    .demandCommand(1, 'name a command (see the list above)')
    .strict()
    // What yargs would let through quietly (a missing value, an option twice) stops here, in the
    // command's context, before its handler sends any load.
    .check(() => {
      const problems = optionTokenProblems(argv, knownOptions(cli), OPTION_RULES);
      if (problems.length > 0) throw new UsageError(problems);
      return true;
    })
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 all checks held · 1 a check failed · 2 bad usage · 3 infrastructure unreachable or broken')
    .fail((message, error) => {
      throw error ?? new UsageError(usageProblems(message, argv, { commands: COMMANDS, options: knownOptions(cli) }));
    });
  if (argv.length === 0) {
    if (process.stdin.isTTY && process.stdout.isTTY) {
      // Loaded only when used: every command starts faster without the engine's drivers.
      const { startInteractive } = await import('./commands/interactive.js');
      await startInteractive();
      return EXIT.ok;
    }
    cli.showHelp('log');
    return EXIT.ok;
  }
  await cli.parseAsync();
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
}

/** Writes everything pending to stdout/stderr, then exits (lingering sockets must not keep us alive). */
function exit(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(hideBin(process.argv)).then(exit, (error: unknown) => {
  for (const line of errorLines(error)) process.stderr.write(`${line}\n`);
  exit(exitCodeFor(error));
});
