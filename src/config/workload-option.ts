// The shape of one workload option (an entry of workload-options.ts): what values it takes, its
// defaults, where it applies, and how --help, the reproduce line, the report and the menu show it.
// Also the small helpers every consumer of the table shares: flag names and value problems.
import type { ScenarioName } from './defaults.js';
import { integer } from './whole-number.js';

/** What values an option takes; a value outside them is a one-line problem naming the flag. */
export type ValueKind =
  | { readonly type: 'whole'; readonly min: number; readonly max: number }
  /** 0 to 1, shown as a percentage. */
  | { readonly type: 'fraction' }
  /** Above 0 and at most `max`, not necessarily whole. */
  | { readonly type: 'above-zero'; readonly max: number }
  /** From `min` to `max`, not necessarily whole. */
  | { readonly type: 'range'; readonly min: number; readonly max: number }
  /** A flag that takes no value (true when given). */
  | { readonly type: 'flag' };

/** A whole number from `min` to `max`. */
export function whole(min: number, max: number) {
  return { type: 'whole', min, max } as const;
}

/** An option's value as parsed: a number, or true/false for a flag. */
export type OptionValue = number | boolean;

/** A default: a value, or the value of an earlier option of the table, brought into this one's range. */
export type DefaultValue = number | boolean | { readonly sameAs: string };

/**
 * Where an option stands on the command line, which is also the order the report lists it in: what
 * is sold to whom (written before --strategy), how the run goes (after --infra), or the
 * write-behind path (after --write; these options apply to --write behind only).
 */
export type OptionGroup = 'workload' | 'running' | 'behind';

/** One workload option of `run` and `compare`; its flag is its key in kebab-case. */
export interface WorkloadOption {
  readonly group: OptionGroup;
  readonly kind: ValueKind;
  /** What the number counts, for the report: milliseconds, seconds, per second, or an id shown as given (a seed). */
  readonly unit?: 'ms' | 's' | '/s' | 'id';
  /** The value when not given, for every scenario; absent: none, the option is then unset. */
  readonly default?: DefaultValue;
  /** The defaults of the scenarios that differ from `default` (or that alone have one). */
  readonly scenarioDefaults?: Readonly<Partial<Record<ScenarioName, DefaultValue>>>;
  /** What leaving it unset means, in --help and the report (`unlimited`). */
  readonly unset?: string;
  /**
   * The only scenarios it applies to (absent: all); given for another, it is refused. `called`
   * names them in the refusal (and --help then names no scenario before the text).
   */
  readonly scenarios?: { readonly only: readonly ScenarioName[]; readonly called?: string };
  /** Refused when this other option (a key of the table) is given, with this problem. */
  readonly conflicts?: { readonly option: string; readonly problem: string };
  /** Meaningful only with this other option (a key of the table) given too; otherwise this problem. */
  readonly requires?: { readonly option: string; readonly problem: string };
  /** What it sets, for --help (the scope before it and the default after it are added). */
  readonly help: string;
  /**
   * It sets up the built-in engine (its in-process seed, its MySQL pool, its SQL timing): a run
   * against someone's own service (--target) leaves it out of its reproduce line and its report.
   */
  readonly engineOnly?: true;
  /** When the reproduce line writes it: whenever it applies and has a value, or only away from its default. */
  readonly reproduce: 'always' | 'changed';
  /** Its name in the report's parameters and the menu's messages, in lower case: `requests per user`. */
  readonly label: string;
  /**
   * A number row of the interactive menu, shown for the scenarios that give it a value: the
   * presets ←/→ step through (in the option's own units) and a label short enough for the menu.
   */
  readonly menu?: { readonly presets: readonly number[]; readonly label?: string };
}

/** `requestsPerUser` → `requests-per-user`: the flag of a key (yargs accepts both spellings). */
export function flagOf(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The problem with a value of an option, or undefined when its kind takes it. */
export function valueProblem(flag: string, kind: ValueKind, value: OptionValue): string | undefined {
  if (typeof value === 'boolean') return undefined;
  const label = `--${flag}`;
  const got = Number.isNaN(value) ? 'not a number' : value;
  const upTo = (max: number) => max.toLocaleString('en-US');
  switch (kind.type) {
    case 'whole': {
      const problems: string[] = [];
      integer(value, label, kind.min, kind.max, problems);
      return problems[0];
    }
    case 'fraction':
      return value >= 0 && value <= 1 ? undefined : `${label} must be a fraction from 0 to 1 (got ${got})`;
    case 'above-zero':
      return value > 0 && value <= kind.max ? undefined : `${label} must be a number above 0 and at most ${upTo(kind.max)} (got ${got})`;
    case 'range':
      return value >= kind.min && value <= kind.max ? undefined : `${label} must be a number from ${kind.min} to ${upTo(kind.max)} (got ${got})`;
    case 'flag':
      return undefined;
  }
}

/** A whole-number default taken from another option, brought into this one's range (a bad --workers must not be a second problem for --partitions). */
export function clampInto(kind: ValueKind, value: OptionValue | undefined): OptionValue | undefined {
  if (kind.type !== 'whole' || typeof value !== 'number') return value;
  return Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), kind.min), kind.max) : kind.min;
}
