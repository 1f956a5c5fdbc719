// The options the command being parsed declares, as yargs holds them once the command's builder
// ran: names, aliases, which take no value, which are hidden. Read through yargs' runtime
// getOptions(), which its type definitions leave out, so that is done here only.
import type { Argv } from 'yargs';
import { didYouMean } from '../config/did-you-mean.js';

/** One declared option. */
export interface KnownOption {
  /** As declared, kebab-case: `requests-per-user`. */
  name: string;
  /** Other names it answers to, e.g. `h` for help. */
  aliases: readonly string[];
  /** A flag that takes no value (--json). */
  boolean: boolean;
  /** Left out of --help, and so never suggested. */
  hidden: boolean;
}

/** What yargs' getOptions() returns, the parts read here. */
interface YargsOptions {
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
  boolean: string[];
  hiddenOptions: string[];
}

/** The options of the command yargs is parsing (the top level's before a command is known). */
export function knownOptions(cli: Argv<unknown>): KnownOption[] {
  const options = (cli as unknown as { getOptions(): YargsOptions }).getOptions();
  // yargs keys each alias group by whichever name came first (`.alias('h', 'help')`: h → [help]).
  const groups = Object.entries(options.alias).map(([first, others]) => [first, ...others]);
  return Object.keys(options.key).map((name) => ({
    name,
    aliases: groups.filter((group) => group.includes(name)).flat().filter((alias) => alias !== name),
    boolean: options.boolean.includes(name),
    hidden: options.hiddenOptions.includes(name),
  }));
}

/** `requests-per-user` → `requestsPerUser`: yargs accepts both spellings of every option. */
function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Every spelling of an option: its name and aliases, each kebab and camelCase. */
function spellings(option: KnownOption): string[] {
  return [...new Set([option.name, ...option.aliases].flatMap((name) => [name, camel(name)]))];
}

/** `--users`, or `-h` for a one-letter name: an option as it is typed. */
export function typed(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/** The option a name as typed (without dashes; any spelling) stands for, or undefined. */
export function resolveOption(name: string, options: readonly KnownOption[]): KnownOption | undefined {
  return options.find((option) => spellings(option).includes(name));
}

/** `; did you mean --users?` for an unknown option near a known one (hidden ones aside), else ''. */
export function suggestOption(name: string, options: readonly KnownOption[]): string {
  const bySpelling = new Map(options.filter((option) => !option.hidden).flatMap((option) => spellings(option).map((spelling) => [spelling, option] as const)));
  // An alias matched (-h): shown as typed; any spelling of the name: the declared name.
  return didYouMean(name, bySpelling.keys(), (spelling) => {
    const option = bySpelling.get(spelling)!;
    return typed(option.aliases.includes(spelling) ? spelling : option.name);
  });
}
