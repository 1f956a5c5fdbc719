// The workload options given → their validated values, by the table alone (workload-options.ts):
// each is refused where it does not apply, checked against its kind, or defaulted for the scenario;
// and, for a run, which options apply to it and whether each is at its default.
import type { ScenarioName } from './defaults.js';
import type { WriteModeName } from './write-config.js';
import { clampInto, flagOf, valueProblem } from './workload-option.js';
import type { OptionValue, WorkloadOption } from './workload-option.js';
import { OPTION_KEYS, optionOf } from './workload-options.js';
import type { OptionFlags, OptionKey, OptionValues } from './workload-options.js';

/** What decides where an option applies: the run's scenario and write mode. */
export interface OptionContext {
  scenario: ScenarioName;
  write: WriteModeName;
}

/** Values by key, as read so far. */
type ValuesSoFar = Readonly<Record<string, OptionValue | undefined>>;

/** An option's default for a scenario, given the values of the options before it. */
export function defaultOf(option: WorkloadOption, scenario: ScenarioName, before: ValuesSoFar): OptionValue | undefined {
  const fallback = option.scenarioDefaults?.[scenario] ?? option.default;
  return typeof fallback === 'object' ? clampInto(option.kind, before[fallback.sameAs]) : fallback;
}

/**
 * Why an option given cannot apply to this run, or undefined when it can: another scenario, a
 * write mode other than behind, or an option it conflicts with given too.
 */
function refusalOf(key: OptionKey, option: WorkloadOption, context: OptionContext, flags: OptionFlags): string | undefined {
  const flag = `--${flagOf(key)}`;
  const { scenarios } = option;
  if (scenarios !== undefined && !scenarios.only.includes(context.scenario)) {
    const which = scenarios.called ?? `the ${scenarios.only.join(', ')} scenario only`;
    return `${flag} applies to ${which}, not ${context.scenario}`;
  }
  if (option.group === 'behind' && context.write !== 'behind') return `${flag} applies to --write behind only`;
  if (option.conflicts !== undefined && flags[option.conflicts.option as OptionKey] !== undefined) return option.conflicts.problem;
  return undefined;
}

/**
 * Every option's value: as given, else its default for the scenario; each problem (refused where
 * it does not apply, given without the option it goes with, outside its kind) added to `problems`.
 */
export function readOptionValues(flags: OptionFlags, context: OptionContext, problems: string[]): OptionValues {
  const values: Record<string, OptionValue | undefined> = {};
  for (const key of OPTION_KEYS) {
    const option = optionOf(key);
    const given = flags[key];
    const refusal = given === undefined ? undefined : refusalOf(key, option, context, flags);
    if (refusal !== undefined) problems.push(refusal);
    const value = given === undefined || refusal !== undefined ? defaultOf(option, context.scenario, values) : given;
    values[key] = value;
    if (refusal !== undefined || value === undefined) continue;
    const problem = valueProblem(flagOf(key), option.kind, value);
    if (problem !== undefined) problems.push(problem);
    if (given !== undefined && option.requires !== undefined && flags[option.requires.option as OptionKey] === undefined) problems.push(option.requires.problem);
  }
  return values as OptionValues;
}

/** Every option's default for a scenario (the menu's starting numbers). */
export function defaultValues(scenario: ScenarioName): OptionValues {
  const values: Record<string, OptionValue | undefined> = {};
  for (const key of OPTION_KEYS) values[key] = defaultOf(optionOf(key), scenario, values);
  return values as OptionValues;
}

/** Whether an option applies to a run with these values: its scenario and write mode, the option it needs set, none it conflicts with. */
export function applies(option: WorkloadOption, context: OptionContext, values: ValuesSoFar): boolean {
  if (option.scenarios !== undefined && !option.scenarios.only.includes(context.scenario)) return false;
  if (option.group === 'behind' && context.write !== 'behind') return false;
  if (option.conflicts !== undefined && values[option.conflicts.option] !== undefined) return false;
  return option.requires === undefined || values[option.requires.option] !== undefined;
}

/** One option as it applies to a run. */
export interface AppliedOption {
  key: OptionKey;
  option: WorkloadOption;
  /** Undefined: the option applies but was not set (--concurrency). */
  value: OptionValue | undefined;
  /** The value is the option's default for the run. */
  isDefault: boolean;
}

/** The options that apply to a run with these values, in table order. */
export function appliedOptions(values: OptionValues, context: OptionContext): AppliedOption[] {
  return OPTION_KEYS.filter((key) => applies(optionOf(key), context, values)).map((key) => {
    const option = optionOf(key);
    const value = values[key];
    return { key, option, value, isDefault: value === defaultOf(option, context.scenario, values) };
  });
}

/** The keys of the options that apply to --write behind only (compare drops them from its sync runs). */
export const BEHIND_ONLY_OPTIONS: readonly OptionKey[] = OPTION_KEYS.filter((key) => optionOf(key).group === 'behind');
