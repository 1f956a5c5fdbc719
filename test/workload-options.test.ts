// The guard of "adding a flag touches the options table and the code that uses the value, nothing
// else": every option of the table, given a value of its own, is an option yargs knows for run and
// compare, is checked, reaches the run's config and comes back from it, is written on the
// reproduce line and is listed in the report's parameters, without any of those naming it.
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { describe, expect, it } from 'vitest';
import { compareCommand } from '../src/cli/commands/compare.js';
import { runCommand } from '../src/cli/commands/run.js';
import { knownOptions } from '../src/cli/known-options.js';
import { buildConfig, loadConfig, namedOptions, optionValuesOf } from '../src/config/config.js';
import type { RawFlags } from '../src/config/config.js';
import type { ScenarioName } from '../src/config/defaults.js';
import { defaultOf } from '../src/config/option-values.js';
import { flagOf } from '../src/config/workload-option.js';
import type { OptionValue, WorkloadOption } from '../src/config/workload-option.js';
import { OPTION_KEYS, optionOf } from '../src/config/workload-options.js';
import type { OptionKey } from '../src/config/workload-options.js';
import { capitalize } from '../src/report/format.js';
import { passingResult } from '../src/report/fixtures.js';
import { parameterRows, shownValue } from '../src/report/parameters.js';
import { compareCommandLine, reproduceCommand } from '../src/scenarios/command-line.js';

/** A valid value of an option other than its default for the scenario (given the defaults before it). */
function sample(option: WorkloadOption, scenario: ScenarioName): OptionValue {
  const { kind } = option;
  if (kind.type === 'flag') return option.default !== true;
  if (kind.type === 'fraction') return 0.25;
  const min = kind.type === 'above-zero' ? 1 : kind.min;
  const fallback = defaultOf(option, scenario, {});
  return min + 1 === fallback ? min + 2 : min + 1;
}

/** Flags of a run the option applies to, the option set to its sample value and what it needs given too. */
function flagsFor(key: OptionKey): { flags: RawFlags; value: OptionValue } {
  const option = optionOf(key);
  const scenario: ScenarioName = option.scenarios?.only[0] ?? 'oversell';
  const flags: Record<string, unknown> = { scenario, infra: 'memory', ...(option.group === 'behind' ? { write: 'behind' } : {}) };
  const need = (needed: OptionKey): void => {
    if (flags[needed] !== undefined) return;
    flags[needed] = sample(optionOf(needed), scenario);
    const further = optionOf(needed).requires?.option;
    if (further !== undefined) need(further as OptionKey);
  };
  need(key);
  return { flags: flags as RawFlags, value: flags[key] as OptionValue };
}

/** `--users 2`, or `--keep-topic` for a flag set. */
function typedAs(key: OptionKey, value: OptionValue): string {
  return typeof value === 'boolean' ? `--${value ? '' : 'no-'}${flagOf(key)}` : `--${flagOf(key)} ${value}`;
}

describe.each(OPTION_KEYS)('the workload option %s', (key) => {
  const option = optionOf(key);
  const { flags, value } = flagsFor(key);
  const run = loadConfig(flags, {}).run;

  it('is an option of run and compare', () => {
    for (const command of [runCommand, compareCommand]) {
      const builder = command.builder as (cli: Argv) => Argv;
      expect(knownOptions(builder(yargs([]))).map(({ name }) => name)).toContain(flagOf(key));
    }
  });

  it('is checked, one line naming its flag', () => {
    if (option.kind.type === 'flag') return;
    const problems = buildConfig({ ...flags, [key]: Number.NaN }, {}).problems;
    expect(problems.filter((problem) => problem.startsWith(`--${flagOf(key)} must be `) && problem.endsWith('(got not a number)'))).toHaveLength(1);
  });

  it("reaches the run's config and comes back from it", () => {
    expect(optionValuesOf(run)[key]).toBe(value);
  });

  it('is written on the reproduce lines', () => {
    expect(`${reproduceCommand(run, 'memory', 'ticketsim')} `).toContain(` ${typedAs(key, value)} `);
    expect(`${compareCommandLine([run], [], 'memory', 'ticketsim')} `).toContain(` ${typedAs(key, value)} `);
  });

  it("is listed in the report's parameters", () => {
    const result = { ...passingResult, params: { ...passingResult.params, options: namedOptions(run) } };
    expect(parameterRows(result)).toContainEqual([capitalize(option.label), shownValue(option, value)]);
  });
});
