// The ticketsim command line: parses, validates, wires, and is the only place that exits. Command
// modules import their heavy parts (drivers, the engine, Ink) inside their handlers, so `--help`,
// `--version` and a usage error answer without loading them.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { compareCommand } from './commands/compare.js';
import { doctorCommand } from './commands/doctor.js';
import { runCommand } from './commands/run.js';
import { selftestCommand } from './commands/selftest.js';
import { workerCommand } from './commands/worker.js';
import { EXIT, errorLines, exitCodeFor } from './exit-codes.js';
import { UsageError } from '../errors.js';
import { SCENARIO_CATALOGUE } from '../scenarios/catalogue.js';
import { VERSION } from '../version.js';

async function main(argv: string[]): Promise<number> {
  const cli = yargs(argv)
    .scriptName('ticketsim')
    .usage('$0 <command> [options]\n\nStress-test and simulation harness for ticket-sales backends.')
    .command(runCommand)
    .command(compareCommand)
    .command(selftestCommand)
    .command(workerCommand)
    .command(doctorCommand)
    .demandCommand(1, 'name a command (see the list above)')
    .recommendCommands()
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 all checks held · 1 a check failed · 2 bad usage · 3 infrastructure unreachable or broken')
    .fail((message, error) => {
      throw error ?? new UsageError(usageMessage(message, argv));
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

/** yargs says only "Did you mean run?" for a mistyped command; name the command too. */
function usageMessage(message: string, argv: string[]): string {
  const command = argv.find((arg) => !arg.startsWith('-'));
  if (message.startsWith('Did you mean')) return `unknown command "${command}". ${message}`;
  if (message.startsWith('Not enough non-option arguments') && (command === 'run' || command === 'compare')) {
    return `name a scenario: ticketsim ${command} <scenario> (available: ${Object.keys(SCENARIO_CATALOGUE).join(', ')})`;
  }
  if (command === 'compare' && /^Unknown argument: strategy$/.test(message)) return 'compare takes --strategies a,b,… (a list), not --strategy';
  return message;
}

/** Writes everything pending to stdout/stderr, then exits (lingering sockets must not keep us alive). */
function exit(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(hideBin(process.argv)).then(exit, (error: unknown) => {
  for (const line of errorLines(error)) process.stderr.write(`${line}\n`);
  exit(exitCodeFor(error));
});
