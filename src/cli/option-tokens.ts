// What yargs lets through without a word, found in the command line as typed: an option given
// without its value (it quietly keeps its default, and `--users=` becomes 0), a flag given a value
// (`--json=maybe` is quietly false), and a one-value option given twice (it becomes a list).
import { resolveOption, typed } from './known-options.js';
import type { KnownOption } from './known-options.js';

/** The options that differ from the rule of one value each. */
export interface OptionRules {
  /** May be given more than once, each adding one (--fault). */
  repeatable: readonly string[];
  /** May be given without a value (--report: the default path). */
  bare: readonly string[];
}

/** `-5`, `-0.5`: a negative number is a value, not an option. */
const NEGATIVE_NUMBER = /^-\d/;

/** Every such problem of the options in `argv`, one line each; options yargs does not know are left to it. */
export function optionTokenProblems(argv: readonly string[], options: readonly KnownOption[], rules: OptionRules): string[] {
  const problems: string[] = [];
  const given = new Map<string, number>();
  const end = argv.indexOf('--');
  const tokens = end === -1 ? argv : argv.slice(0, end);
  for (let index = 0; index < tokens.length; index++) {
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(tokens[index]!);
    if (match === null) continue;
    const [, name = '', inline] = match;
    const negated = name.startsWith('no-') ? resolveOption(name.slice(3), options) : undefined;
    const option = resolveOption(name, options) ?? (negated?.boolean ? negated : undefined);
    if (option === undefined) continue;
    const flag = typed(option.name);
    if (option.boolean) {
      if (inline !== undefined && inline !== 'true' && inline !== 'false') problems.push(`${flag} takes no value (got "${inline}")`);
      continue;
    }
    let value = inline;
    const next = tokens[index + 1];
    if (value === undefined && next !== undefined && (!next.startsWith('-') || NEGATIVE_NUMBER.test(next))) {
      value = next;
      index++;
    }
    if ((value === undefined || value === '') && !rules.bare.includes(option.name)) problems.push(`${flag} needs a value`);
    given.set(option.name, (given.get(option.name) ?? 0) + 1);
  }
  for (const [name, count] of given) {
    if (count > 1 && !rules.repeatable.includes(name)) problems.push(`${typed(name)} is given ${count === 2 ? 'twice' : `${count} times`}; give it once`);
  }
  return problems;
}
