// Tests of reading a command's options from yargs and suggesting the one a typo meant.
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { knownOptions, resolveOption, suggestOption } from './known-options.js';
import type { KnownOption } from './known-options.js';

/** The options yargs knows when it fails parsing `argv` inside a `run` command. */
async function optionsAtFailure(argv: string[]): Promise<KnownOption[]> {
  let known: KnownOption[] = [];
  const cli = yargs(argv)
    .command('run <scenario>', 'run', (y) =>
      y
        .option('users', { type: 'number' })
        .option('requests-per-user', { type: 'number' })
        .option('json', { type: 'boolean' })
        .option('table', { type: 'string', hidden: true }),
    )
    .strict()
    .help()
    .alias('h', 'help')
    .exitProcess(false)
    .fail(() => {
      known = knownOptions(cli);
    });
  await cli.parseAsync();
  return known;
}

describe('knownOptions', () => {
  it('reads the options of the command being parsed, with aliases, flags and hidden ones', async () => {
    const known = await optionsAtFailure(['run', 'oversell', '--user', '3']);
    expect(known.map((option) => option.name)).toEqual(expect.arrayContaining(['users', 'requests-per-user', 'json', 'table', 'help']));
    expect(known.find((option) => option.name === 'help')).toMatchObject({ aliases: ['h'], boolean: true });
    expect(known.find((option) => option.name === 'table')).toMatchObject({ hidden: true, boolean: false });
    expect(known.find((option) => option.name === 'users')).toMatchObject({ hidden: false, boolean: false });
  });
});

describe('resolveOption and suggestOption', () => {
  const options: KnownOption[] = [
    { name: 'users', aliases: [], boolean: false, hidden: false },
    { name: 'requests-per-user', aliases: [], boolean: false, hidden: false },
    { name: 'help', aliases: ['h'], boolean: true, hidden: false },
    { name: 'table', aliases: [], boolean: false, hidden: true },
  ];

  it('resolves every spelling yargs accepts', () => {
    expect(resolveOption('requestsPerUser', options)?.name).toBe('requests-per-user');
    expect(resolveOption('h', options)?.name).toBe('help');
    expect(resolveOption('user', options)).toBeUndefined();
  });

  it('suggests the declared name of the nearest option, kebab or camelCase, never a hidden one', () => {
    expect(suggestOption('user', options)).toBe('; did you mean --users?');
    expect(suggestOption('requestPerUser', options)).toBe('; did you mean --requests-per-user?');
    expect(suggestOption('request-per-user', options)).toBe('; did you mean --requests-per-user?');
    expect(suggestOption('hepl', options)).toBe('; did you mean --help?');
    expect(suggestOption('tabel', options)).toBe('');
    expect(suggestOption('bogus', options)).toBe('');
  });
});
