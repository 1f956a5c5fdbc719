// Mistakes on the command line caught before any load, as a user meets them: the built CLI in a
// child process. Each exits 2 with one line on stderr, and nothing on stdout (no run began).
import { describe, expect, it } from 'vitest';
import { ticketsim } from './cli.js';

/** Runs ticketsim and expects exit 2 with exactly `line` on stderr and nothing on stdout. */
async function refused(args: readonly string[], line: string): Promise<void> {
  const run = await ticketsim(args);
  expect({ code: run.code, stderr: run.stderr.trimEnd(), stdout: run.stdout }).toEqual({ code: 2, stderr: line, stdout: '' });
}

describe('an unknown option names the one it most likely meant, for every command', () => {
  it.each([
    [['run', 'oversell', '--user', '10'], 'ticketsim: unknown option --user; did you mean --users?'],
    [['run', 'spam', '--requestPerUser', '3'], 'ticketsim: unknown option --requestPerUser; did you mean --requests-per-user?'],
    [['compare', 'oversell', '--strategy', 'lua'], 'ticketsim: unknown option --strategy; did you mean --strategies?'],
    [['selftest', '--infr', 'memory'], 'ticketsim: unknown option --infr; did you mean --infra?'],
    [['worker', '--topc', 'orders'], 'ticketsim: unknown option --topc; did you mean --topic?'],
    [['doctor', '--jsno'], 'ticketsim: unknown option --jsno; did you mean --json?'],
    [['doctor', '--bogus'], 'ticketsim: unknown option --bogus'],
    [['doctr'], 'ticketsim: unknown command "doctr"; did you mean doctor?'],
    [['run', 'oversell', 'lua'], 'ticketsim: unexpected argument "lua"'],
  ])('%j', (args, line) => refused(args, line));
});

describe('an unknown choice names the one it most likely meant', () => {
  it.each([
    [['run', 'oversel'], 'ticketsim: scenario "oversel" is not one of oversell, spam, cancel-storm, write-behind; did you mean oversell?'],
    [['run', 'oversell', '--strategy', 'lok'], 'ticketsim: --strategy "lok" is not one of naive, lock, precheck, dcl, fenced, lua; did you mean lock?'],
    [['run', 'oversell', '--infra', 'rael'], 'ticketsim: --infra "rael" is not one of auto, memory, real; did you mean real?'],
    [['run', 'oversell', '--write', 'bhind'], 'ticketsim: --write "bhind" is not one of sync, behind; did you mean behind?'],
    [['run', 'write-behind', '--fault', 'kill-workers'], 'ticketsim: --fault "kill-workers" is not one of pause-holder, kill-worker, redeliver, service-down; did you mean kill-worker?'],
    [['selftest', '--infra', 'memroy'], 'ticketsim: --infra "memroy" is not one of auto, memory, real; did you mean memory?'],
  ])('%j', (args, line) => refused(args, line));
});

describe('what yargs would let through quietly is refused', () => {
  it.each([
    [['run', 'oversell', '--users'], 'ticketsim: --users needs a value'],
    [['run', 'oversell', '--pool-size', '--infra', 'memory'], 'ticketsim: --pool-size needs a value'],
    [['run', 'oversell', '--json=maybe'], 'ticketsim: --json takes no value (got "maybe")'],
    [['run', 'oversell', '--report', 'a.md', '--report', 'b.md'], 'ticketsim: --report is given twice; give it once'],
    [['worker', '--topic', 'a', '--topic', 'b'], 'ticketsim: --topic is given twice; give it once'],
  ])('%j', (args, line) => refused(args, line));
});
