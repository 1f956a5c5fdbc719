// What `ticketsim clean` is asked to do: the services (as every command finds them), how old a run
// must be to go (--older-than 0s, 30m, 1h, 2d), which runs only (--run), and whether to delete or
// only list; every problem found at once.
import { UsageError } from '../errors.js';
import { buildServices } from './services.js';
import type { ServiceFlags, ServicesConfig } from './services.js';

/** The flags of `ticketsim clean` as parsed. */
export interface CleanFlags extends ServiceFlags {
  olderThan?: string;
  run?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** What `ticketsim clean` does. */
export interface CleanConfig {
  services: ServicesConfig;
  /** Only runs that started at least this long ago go. */
  olderThanMs: number;
  /** --older-than as given, or its default: `1h`. */
  olderThan: string;
  /** --run: only these runs; undefined for every run. */
  only: readonly string[] | undefined;
  dryRun: boolean;
  json: boolean;
}

/** --older-than when not given: an hour, far longer than any run takes; 0s when runs are named. */
export const CLEAN_DEFAULTS = Object.freeze({ olderThan: '1h', olderThanNamed: '0s' });

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** Words people write for the units, and what they mean. */
const UNIT_WORDS: Record<string, Unit> = {
  sec: 's', secs: 's', second: 's', seconds: 's',
  min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  day: 'd', days: 'd',
};

/** At most ten years. */
const MAX_AGE_MS = 3650 * UNIT_MS.d;

/**
 * An age as `<whole number><s|m|h|d>`, in ms; undefined (and a problem added, with what it was
 * probably meant to be where that is clear) for anything else.
 */
export function parseAge(given: string, label: string, problems: string[]): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(given.trim());
  const [amount, word] = match === null ? [Number.NaN, ''] : [Number(match[1]), match[2]!.toLowerCase()];
  const unit: Unit | undefined = word in UNIT_MS ? (word as Unit) : UNIT_WORDS[word];
  if (Number.isInteger(amount) && unit !== undefined && `${amount}${unit}` === given) {
    const ms = amount * UNIT_MS[unit];
    if (ms <= MAX_AGE_MS) return ms;
    problems.push(`${label} "${given}" is too long; at most 3650d`);
    return undefined;
  }
  const wanted = unit === undefined ? undefined : Number.isInteger(amount) ? `${amount}${unit}` : inWholeUnits(amount * UNIT_MS[unit]);
  if (word === '' && Number.isFinite(amount)) problems.push(`${label} "${given}" needs a unit: ${given}s, ${given}m, ${given}h or ${given}d`);
  else problems.push(`${label} "${given}" is not an age like 0s, 30m, 1h or 2d${wanted === undefined ? '' : `; did you mean ${wanted}?`}`);
  return undefined;
}

/** `90m` for 5,400,000 ms: the largest unit that says it in whole numbers; undefined if none does. */
function inWholeUnits(ms: number): string | undefined {
  const unit = (['d', 'h', 'm', 's'] as const).find((candidate) => ms % UNIT_MS[candidate] === 0);
  return unit === undefined ? undefined : `${ms / UNIT_MS[unit]}${unit}`;
}

/**
 * Builds clean's config or throws a UsageError listing every problem. `runIdOf` says which run id a
 * --run entry is (itself, or the run a name such as `concert-<runId>` belongs to; see run-names.ts).
 */
export function loadCleanConfig(flags: CleanFlags, env: Readonly<Record<string, string | undefined>>, runIdOf: (given: string) => string | undefined): CleanConfig {
  const problems: string[] = [];
  const services = buildServices(flags, env, problems);
  const only = flags.run === undefined ? undefined : runIds(flags.run, runIdOf, problems);
  const olderThan = flags.olderThan ?? (only === undefined ? CLEAN_DEFAULTS.olderThan : CLEAN_DEFAULTS.olderThanNamed);
  const olderThanMs = parseAge(olderThan, '--older-than', problems);
  if (problems.length > 0 || services === undefined || olderThanMs === undefined) throw new UsageError(problems);
  return Object.freeze({ services, olderThanMs, olderThan, only, dryRun: flags.dryRun ?? false, json: flags.json ?? false });
}

/** --run a,b: the run ids listed, each checked. */
function runIds(list: string, runIdOf: (given: string) => string | undefined, problems: string[]): string[] {
  const given = list.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (given.length === 0) problems.push('--run needs run ids, comma-separated');
  for (const entry of given) {
    const runId = runIdOf(entry);
    if (runId === entry) continue;
    problems.push(`--run "${entry}" is not a run id (a result's runId, like mx4n0hrn-e86f)${runId === undefined ? '' : `; did you mean ${runId}?`}`);
  }
  return given;
}
