// Tests of the reproduce lines: a run's and a comparison's flags parse back into the same runs,
// and every line starts with how ticketsim was invoked.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import type { RawFlags } from '../config/config.js';
import { compareCommandLine, reproduceCommand } from './command-line.js';

/**
 * The flags a command line names after `<program> <command> <scenario>`, parsed back (numbers as
 * numbers, bare flags as true, --fault and --threshold as lists, a single-quoted word unquoted).
 */
function flagsOf(command: string, program = 'ticketsim'): RawFlags {
  const [, scenario, ...rest] = command.slice(program.length + 1).split(' ');
  const flags: Record<string, unknown> = { scenario };
  for (let i = 0; i < rest.length; i += 1) {
    const name = rest[i]!.replace(/^--/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) flags[name] = true;
    else if (name === 'fault' || name === 'threshold') {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), next.replace(/^'(.*)'$/, '$1')];
      i += 1;
    } else {
      flags[name] = Number.isNaN(Number(next)) ? next : Number(next);
      i += 1;
    }
  }
  return flags as RawFlags;
}

describe('reproduceCommand', () => {
  it('names a closed run by its users', () => {
    const run = loadConfig({ users: 500, stock: 50, concurrency: 20 }, {}).run;
    expect(reproduceCommand(run, 'real', 'ticketsim')).toBe(
      'ticketsim run oversell --users 500 --stock 50 --strategy lua --infra real --seed 1 --pool-size 10 --concurrency 20',
    );
  });

  it('starts with how ticketsim was invoked', () => {
    const run = loadConfig({}, {}).run;
    expect(reproduceCommand(run, 'memory', 'npx ticketsim')).toMatch(/^npx ticketsim run oversell --users 1000 /);
    expect(reproduceCommand(run, 'memory')).toMatch(/^\S*ticketsim run oversell /);
  });

  it('names an open run by its rate, not the users it made', () => {
    const command = reproduceCommand(loadConfig({ rate: 2000, duration: 3, ramp: 100, maxInFlight: 800 }, {}).run, 'memory', 'ticketsim');
    expect(command).toContain('--rate 2000 --duration 3 --ramp 100');
    expect(command).toContain('--max-in-flight 800');
    expect(command).not.toContain('--users');
  });

  it('repeats the thresholds, quoted for the shell', () => {
    const run = loadConfig({ write: 'behind', threshold: ['purchase.p99 < 500ms', 'lag.p99<200ms'] }, {}).run;
    expect(reproduceCommand(run, 'memory', 'ticketsim')).toMatch(/ --threshold 'purchase\.p99<500ms' --threshold 'lag\.p99<200ms'$/);
  });

  it('repeats the baseline and its limits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ticketsim-reproduce-'));
    const file = join(dir, 'old run.json');
    writeFileSync(file, JSON.stringify({ runId: 'r0', scenario: 'oversell', latency: {}, throughput: 1 }));
    const run = loadConfig({ baseline: file, maxRegression: 'p99=20%, throughput=10%' }, {}).run;
    expect(reproduceCommand(run, 'memory', 'ticketsim')).toMatch(new RegExp(` --baseline '${file}' --max-regression p99=20%,throughput=10%$`));
  });

  it('parses back into the same run', () => {
    for (const flags of [
      { rate: 250, duration: 4 },
      { scenario: 'spam', users: 30, requestsPerUser: 5 },
      { scenario: 'cancel-storm', cancelRatio: 0.3, cancelDupes: 2, rebuyers: 40 },
      { write: 'behind', workers: 2, redeliver: 0.1, batchSize: 50 },
      { scenario: 'write-behind', workers: 2, fault: ['kill-worker:times=1'] },
      { scenario: 'cancel-storm', threshold: ['cancel.p99<=50ms', 'errors.rate<1%', 'throughput>=5000/s'] },
    ] as RawFlags[]) {
      const run = loadConfig({ ...flags, infra: 'memory' }, {}).run;
      expect(loadConfig(flagsOf(reproduceCommand(run, 'memory', './bin/ticketsim'), './bin/ticketsim'), {}).run).toEqual(run);
    }
  });
});

describe('compareCommandLine', () => {
  /** The runs compare makes of these flags: one per write mode × strategy. */
  function runsOf(flags: RawFlags, strategies: string[], writes: (string | undefined)[] = [flags.write]) {
    return writes.flatMap((write) => strategies.map((strategy) => loadConfig({ ...flags, strategy, write, lenientFaults: true }, {}).run));
  }

  it('names the strategies, the workload and the runs meant to fail', () => {
    const runs = runsOf({ users: 1000, stock: 100 }, ['naive', 'lock', 'lua']);
    expect(compareCommandLine(runs, ['naive'], 'real', 'ticketsim')).toBe(
      'ticketsim compare oversell --users 1000 --stock 100 --strategies naive,lock,lua --infra real --seed 1 --pool-size 10 --expect-fail naive',
    );
  });

  it('names the write modes compared, and a fault skipped where it does not apply', () => {
    const runs = runsOf({ users: 200, fault: ['pause-holder'] }, ['lock', 'lua'], ['sync', 'behind']);
    const command = compareCommandLine(runs, [], 'memory', 'npx ticketsim');
    expect(command).toMatch(/^npx ticketsim compare oversell --users 200 --stock 100 --strategies lock,lua /);
    expect(command).toContain(' --write sync,behind --workers 1 --partitions 1 --fault pause-holder:holders=2,pause=3s');
  });

  it('keeps the write-behind options of a comparison of sync with behind: they are for the runs writing behind', () => {
    const sync = loadConfig({ users: 200, strategy: 'lua', write: 'sync' }, {}).run;
    const behind = loadConfig({ users: 200, strategy: 'lua', write: 'behind', workers: 2, redeliver: 0.5 }, {}).run;
    const runs = [sync, behind];
    expect(compareCommandLine(runs, [], 'real', 'ticketsim')).toContain(' --write sync,behind --workers 2 --partitions 2 --redeliver 0.5');
  });

  it('repeats the thresholds once, a lag threshold kept from the runs that write behind', () => {
    const sync = loadConfig({ strategy: 'lua', write: 'sync', threshold: ['purchase.p99<1s'] }, {}).run;
    const behind = loadConfig({ strategy: 'lua', write: 'behind', threshold: ['purchase.p99<1s', 'lag.p99<2s'] }, {}).run;
    expect(compareCommandLine([sync, behind], [], 'real', 'ticketsim')).toMatch(/ --threshold 'purchase\.p99<1s' --threshold 'lag\.p99<2s'$/);
  });

  it('repeats --baseline and --max-regression as given, even when no run found a baseline in the file', () => {
    const runs = runsOf({ users: 1000, stock: 100 }, ['naive', 'lua']);
    expect(compareCommandLine(runs, ['naive'], 'real', 'ticketsim', { baseline: 'old run.json', maxRegression: 'p99=20%, throughput=10%' })).toMatch(
      / --strategies naive,lua .* --baseline 'old run\.json' --max-regression p99=20%,throughput=10% --expect-fail naive$/,
    );
  });

  it('parses back into the same runs', () => {
    for (const [flags, strategies] of [
      [{ scenario: 'spam', users: 30, requestsPerUser: 5, concurrency: 10 }, ['dcl', 'lock']],
      [{ scenario: 'write-behind', workers: 2, redeliver: 0.5 }, ['lua', 'dcl']],
      [{ write: 'behind', batchSize: 50, keepTopic: true }, ['lua']],
      [{ threshold: ['purchase.p50<1ms', 'errors.rate<0.01'] }, ['naive', 'lua']],
    ] as [RawFlags, string[]][]) {
      const runs = runsOf({ ...flags, infra: 'memory' }, strategies);
      const { strategies: listed, ...parsed } = flagsOf(compareCommandLine(runs, [], 'memory', 'ticketsim')) as RawFlags & { strategies: string };
      expect(listed).toBe(strategies.join(','));
      expect(runsOf(parsed, strategies)).toEqual(runs);
    }
  });
});
