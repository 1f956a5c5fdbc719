// yargs' failure messages, worded the way ticketsim words a usage error (exit 2): an unknown option
// or command with the one it most likely meant, an argument nothing takes, a missing scenario or
// required option.
import { didYouMean } from '../config/did-you-mean.js';
import { SCENARIO_CATALOGUE } from '../scenarios/catalogue.js';
import { resolveOption, suggestOption, typed } from './known-options.js';
import type { KnownOption } from './known-options.js';

/** What the command line could have said: the commands, and the options of the command parsed. */
export interface ParseContext {
  commands: readonly string[];
  options: readonly KnownOption[];
}

/** The problems a yargs failure message stands for, one line each. */
export function usageProblems(message: string, argv: readonly string[], context: ParseContext): string[] {
  const command = argv.find((arg) => !arg.startsWith('-'));
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown !== null) return unknown[1]!.split(', ').map((name) => unknownArgument(name, argv, command, context));
  const missing = /^Missing required arguments?: (.+)$/.exec(message);
  if (missing !== null) {
    // yargs asks for a required option before it looks for unknown ones: a typo of the required
    // option (compare --strategy) is named as the typo, not as the option missing.
    const typos = unknownOptions(argv, context.options).map((name) => unknownArgument(name, argv, command, context));
    const needed = missing[1]!.split(', ').filter((name) => !typos.some((typo) => typo.endsWith(`did you mean ${typed(name)}?`)));
    return [...typos, ...needed.map((name) => `${command} needs ${typed(name)}`)];
  }
  if (message.startsWith('Not enough non-option arguments') && (command === 'run' || command === 'compare')) {
    return [`name a scenario: ticketsim ${command} <scenario> (available: ${Object.keys(SCENARIO_CATALOGUE).join(', ')})`];
  }
  return [message];
}

/** An option (with the known one it most likely meant), a command (likewise), or a stray argument. */
function unknownArgument(name: string, argv: readonly string[], command: string | undefined, context: ParseContext): string {
  if (given(name, argv)) return `unknown option ${typed(name)}${suggestOption(name, context.options)}`;
  if (name === command && !context.commands.includes(name)) return `unknown command "${name}"${didYouMean(name, context.commands)}`;
  return `unexpected argument "${name}"`;
}

/** The options in `argv` the command does not know, as typed without dashes. */
function unknownOptions(argv: readonly string[], options: readonly KnownOption[]): string[] {
  return argv
    .filter((arg) => arg.startsWith('--') && arg.length > 2)
    .map((arg) => arg.slice(2).split('=')[0]!)
    .filter((name) => resolveOption(name, options) === undefined && !(name.startsWith('no-') && resolveOption(name.slice(3), options)?.boolean));
}

/** Whether `name` appears in `argv` as an option: `--name`, `--name=…`, `--no-name`, or a letter of `-abc`. */
function given(name: string, argv: readonly string[]): boolean {
  return argv.some(
    (arg) =>
      arg === `--${name}` ||
      arg.startsWith(`--${name}=`) ||
      arg === `--no-${name}` ||
      (name.length === 1 && /^-[^-\d]/.test(arg) && arg.slice(1).includes(name)),
  );
}
