// Tests of yargs' failure messages as ticketsim words them.
import { describe, expect, it } from 'vitest';
import { usageProblems } from './usage-message.js';
import type { KnownOption } from './known-options.js';

const option = (name: string, aliases: string[] = []): KnownOption => ({ name, aliases, boolean: false, hidden: false });
const context = { commands: ['run', 'compare', 'doctor'], options: [option('users'), option('strategies'), option('help', ['h'])] };

describe('usageProblems', () => {
  it('names an unknown option and the known one it most likely meant, one line each', () => {
    expect(usageProblems('Unknown argument: user', ['run', 'oversell', '--user', '10'], context)).toEqual(['unknown option --user; did you mean --users?']);
    expect(usageProblems('Unknown arguments: user, x', ['run', 'oversell', '--user=10', '-x'], context)).toEqual([
      'unknown option --user; did you mean --users?',
      'unknown option -x',
    ]);
  });

  it('names an unknown command likewise, and an argument nothing takes', () => {
    expect(usageProblems('Unknown argument: doctr', ['doctr'], context)).toEqual(['unknown command "doctr"; did you mean doctor?']);
    expect(usageProblems('Unknown argument: extra', ['run', 'oversell', 'extra'], context)).toEqual(['unexpected argument "extra"']);
  });

  it('names a typo of a required option as the typo, not as the option missing', () => {
    expect(usageProblems('Missing required argument: strategies', ['compare', 'oversell', '--strategy', 'lua'], context)).toEqual([
      'unknown option --strategy; did you mean --strategies?',
    ]);
    expect(usageProblems('Missing required argument: strategies', ['compare', 'oversell'], context)).toEqual(['compare needs --strategies']);
  });

  it('asks for the scenario, and passes any other message on', () => {
    expect(usageProblems('Not enough non-option arguments: got 0, need at least 1', ['run'], context)[0]).toMatch(/^name a scenario: ticketsim run <scenario> \(available: oversell, /);
    expect(usageProblems('something else', ['doctor'], context)).toEqual(['something else']);
  });
});
