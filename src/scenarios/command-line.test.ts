import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import type { RawFlags } from '../config/config.js';
import { reproduceCommand } from './command-line.js';

/** The flags a reproduce line names, parsed back (numbers as numbers, bare flags as true). */
function flagsOf(command: string): RawFlags {
  const [, , scenario, ...rest] = command.split(' ');
  const flags: Record<string, unknown> = { scenario };
  for (let i = 0; i < rest.length; i += 1) {
    const name = rest[i]!.replace(/^--/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) flags[name] = true;
    else {
      flags[name] = Number.isNaN(Number(next)) ? next : Number(next);
      i += 1;
    }
  }
  return flags as RawFlags;
}

describe('reproduceCommand', () => {
  it('names a closed run by its users', () => {
    const run = loadConfig({ users: 500, stock: 50, concurrency: 20 }, {}).run;
    expect(reproduceCommand(run, 'real')).toBe(
      'ticketsim run oversell --users 500 --stock 50 --strategy lua --infra real --seed 1 --pool-size 10 --concurrency 20',
    );
  });

  it('names an open run by its rate, not the users it made', () => {
    const command = reproduceCommand(loadConfig({ rate: 2000, duration: 3, ramp: 100, maxInFlight: 800 }, {}).run, 'memory');
    expect(command).toContain('--rate 2000 --duration 3 --ramp 100');
    expect(command).toContain('--max-in-flight 800');
    expect(command).not.toContain('--users');
  });

  it('parses back into the same run', () => {
    for (const flags of [
      { rate: 250, duration: 4 },
      { scenario: 'spam', users: 30, requestsPerUser: 5 },
      { scenario: 'cancel-storm', cancelRatio: 0.3, cancelDupes: 2, rebuyers: 40 },
      { write: 'behind', workers: 2, redeliver: 0.1, batchSize: 50 },
    ] as RawFlags[]) {
      const run = loadConfig({ ...flags, infra: 'memory' }, {}).run;
      expect(loadConfig(flagsOf(reproduceCommand(run, 'memory')), {}).run).toEqual(run);
    }
  });
});
