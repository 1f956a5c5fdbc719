// Environment + flags → one frozen Config. Defaults come from defaults.ts; validate() collects every
// problem at once so the user sees all of them in a single exit-2 message.
import { DEFAULTS, INFRA_MODES, LIMITS, SCENARIOS, SCENARIO_DEFAULTS } from './defaults.js';
import type { InfraMode, ScenarioName } from './defaults.js';
import { STRATEGIES } from './strategies.js';
import { buildWriteConfig } from './write-config.js';
import { parseFaults } from './faults.js';
import type { FaultSpec, Plant } from './faults.js';
import { integer } from './whole-number.js';
import type { WriteConfig, WriteFlags } from './write-config.js';
import type { StrategyName } from './strategies.js';
import { buildServices } from './services.js';
import type { ServiceFlags, ServicesConfig } from './services.js';
import { unknownChoice } from './did-you-mean.js';
import { UsageError } from '../errors.js';

export type { ServicesConfig } from './services.js';

/** What one run does. */
export interface RunConfig {
  scenario: ScenarioName;
  strategy: StrategyName;
  infra: InfraMode;
  users: number;
  stock: number;
  /** spam: concurrent purchases each user fires; undefined for scenarios without repeats. */
  requestsPerUser: number | undefined;
  /** cancel-storm: fraction of buyers who cancel (0–1), each cancel fired `cancelDupes` times at once. */
  cancelRatio: number | undefined;
  cancelDupes: number | undefined;
  /** cancel-storm: new buyers waiting in line for the freed seats. */
  rebuyers: number | undefined;
  poolSize: number;
  /** Max purchases in flight; undefined = all users at once. */
  concurrency: number | undefined;
  /** The generator's own cap on attempts in flight; undefined: the infrastructure's default (see DEFAULTS). */
  maxInFlight: number | undefined;
  /** Open model: arrivals per second for a duration, optionally ramping from a start rate. */
  rate: { rate: number; durationMs: number; rampFrom?: number } | undefined;
  seed: number;
  /** Statements slower than this (ms, client-side, pool wait included) are listed as slow. */
  slowSqlMs: number;
  /** How purchases and cancels are made durable (sync, or behind through the event log). */
  write: WriteConfig;
  /** Faults injected on purpose (--fault), in the order given. */
  faults: readonly FaultSpec[];
  /** Anomalies the selftest plants (never from the command line; empty otherwise). */
  plants: readonly Plant[];
  json: boolean;
  /** Markdown report path; true = the default path; undefined = no report. */
  report: string | true | undefined;
}

export interface Config {
  services: ServicesConfig;
  run: RunConfig;
}

/** Raw inputs as the CLI parsed them; every field optional. */
export interface RawFlags extends WriteFlags, ServiceFlags {
  scenario?: string;
  strategy?: string;
  infra?: string;
  users?: number;
  stock?: number;
  requestsPerUser?: number;
  cancelRatio?: number;
  cancelDupes?: number;
  rebuyers?: number;
  slowSqlMs?: number;
  rate?: number;
  duration?: number;
  ramp?: number;
  maxInFlight?: number;
  poolSize?: number;
  concurrency?: number;
  seed?: number;
  json?: boolean;
  report?: string | boolean;
  /** --fault NAME[:options], repeatable. */
  fault?: readonly string[];
  /** compare: a fault that does not apply to one of the strategies is skipped on that run, not refused. */
  lenientFaults?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Builds the config or throws a UsageError listing every problem. */
export function loadConfig(flags: RawFlags, env: Env = process.env): Config {
  const { config, problems } = buildConfig(flags, env);
  if (problems.length > 0 || config === undefined) throw new UsageError(problems);
  return config;
}

/** Builds the config and returns every problem found (empty when valid). */
export function buildConfig(flags: RawFlags, env: Env = process.env): { config?: Config; problems: string[] } {
  const problems: string[] = [];
  const services = buildServices(flags, env, problems);
  const run = buildRun(flags, problems);
  if (problems.length > 0 || services === undefined) return { problems };
  return { config: deepFreeze({ services, run }), problems };
}

function buildRun(flags: RawFlags, problems: string[]): RunConfig {
  const scenario = oneOf(flags.scenario ?? DEFAULTS.scenario, SCENARIOS, 'scenario', problems);
  const strategy = oneOf(flags.strategy ?? DEFAULTS.strategy, STRATEGIES, '--strategy', problems);
  const infra = oneOf(flags.infra ?? DEFAULTS.infra, INFRA_MODES, '--infra', problems);
  // An unknown scenario is already a problem; its workload then falls back to oversell's.
  const workload = SCENARIO_DEFAULTS[scenario] ?? SCENARIO_DEFAULTS.oversell;
  const rate = buildRate(flags, scenario, problems);
  if (rate !== undefined && flags.users !== undefined) problems.push('with --rate, every arrival is a new buyer: --users does not apply');
  // Under a rate the buyers are the arrivals (spread over users of K requests each for spam).
  const perUserGuess = flags.requestsPerUser ?? workload.requestsPerUser ?? 1;
  const arrivals = rate === undefined ? undefined : Math.max(1, Math.ceil(plannedRateArrivals(rate) / perUserGuess));
  if (arrivals !== undefined && arrivals > LIMITS.maxUsers) {
    problems.push(`--rate × --duration plans ${arrivals.toLocaleString('en-US')} buyers; at most ${LIMITS.maxUsers.toLocaleString('en-US')}`);
  }
  const users = arrivals === undefined ? integer(flags.users ?? workload.users, '--users', 1, LIMITS.maxUsers, problems) : arrivals;
  const stock = integer(flags.stock ?? workload.stock, '--stock', 1, LIMITS.maxStock, problems);
  const own = (flag: string, given: number | undefined, fallback: number | undefined) => ownFlag(flag, given, fallback, scenario, problems);
  const requestsPerUser = own('--requests-per-user', flags.requestsPerUser, workload.requestsPerUser);
  if (requestsPerUser !== undefined) checkRequestsPerUser(requestsPerUser, users, problems);
  const cancelRatio = own('--cancel-ratio', flags.cancelRatio, workload.cancelRatio);
  if (cancelRatio !== undefined && !(cancelRatio >= 0 && cancelRatio <= 1)) {
    problems.push(`--cancel-ratio must be a fraction from 0 to 1 (got ${Number.isNaN(cancelRatio) ? 'not a number' : cancelRatio})`);
  }
  const cancelDupes = own('--cancel-dupes', flags.cancelDupes, workload.cancelDupes);
  if (cancelDupes !== undefined) integer(cancelDupes, '--cancel-dupes', 1, LIMITS.maxCancelDupes, problems);
  const rebuyers = own('--rebuyers', flags.rebuyers, workload.rebuyers === 'users' ? users : workload.rebuyers);
  if (rebuyers !== undefined) integer(rebuyers, '--rebuyers', 0, LIMITS.maxUsers, problems);
  const poolSize = integer(flags.poolSize ?? DEFAULTS.poolSize, '--pool-size', 1, LIMITS.maxPoolSize, problems);
  const seed = integer(flags.seed ?? DEFAULTS.seed, '--seed', 0, Number.MAX_SAFE_INTEGER, problems);
  const concurrency =
    flags.concurrency === undefined ? undefined : integer(flags.concurrency, '--concurrency', 1, LIMITS.maxConcurrency, problems);
  const maxInFlight = flags.maxInFlight === undefined ? undefined : integer(flags.maxInFlight, '--max-in-flight', 1, LIMITS.maxInFlight, problems);
  const slowSqlMs = integer(flags.slowSqlMs ?? DEFAULTS.slowSqlMs, '--slow-sql-ms', 1, LIMITS.maxSlowSqlMs, problems);
  const report = flags.report === true || flags.report === '' ? true : flags.report === false ? undefined : flags.report;
  const write = buildWriteConfig(flags, scenario, problems);
  const faults = parseFaults(flags.fault ?? [], { scenario, strategy, write: write.mode, lenient: flags.lenientFaults ?? false }, problems);
  return {
    scenario,
    strategy,
    infra,
    users,
    stock,
    requestsPerUser,
    cancelRatio,
    cancelDupes,
    rebuyers,
    poolSize,
    concurrency,
    maxInFlight,
    rate,
    seed,
    slowSqlMs,
    write,
    faults,
    plants: [],
    json: flags.json ?? false,
    report,
  };
}

/**
 * A flag of the scenarios whose defaults name it: refused for any other scenario, defaulted for
 * its own. Undefined when the scenario has no such flag.
 */
function ownFlag(flag: string, given: number | undefined, fallback: number | undefined, scenario: string, problems: string[]): number | undefined {
  if (fallback !== undefined) return given ?? fallback;
  if (given !== undefined) {
    const owners = Object.entries(SCENARIO_DEFAULTS).filter(([, workload]) => flagOf(flag) in workload).map(([name]) => name);
    problems.push(`${flag} applies to the ${owners.join(', ')} scenario only, not ${scenario}`);
  }
  return undefined;
}

/** `--cancel-ratio` → `cancelRatio`, the field of ScenarioDefaults a flag defaults. */
function flagOf(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** --rate R --duration S [--ramp R0]: the open model, validated; undefined without --rate. */
function buildRate(flags: RawFlags, scenario: ScenarioName, problems: string[]): RunConfig['rate'] {
  if (flags.rate === undefined) {
    if (flags.duration !== undefined) problems.push('--duration goes with --rate (an arrival rate for that long)');
    if (flags.ramp !== undefined) problems.push('--ramp goes with --rate (ramping from --ramp to --rate)');
    return undefined;
  }
  if (SCENARIO_DEFAULTS[scenario]?.noRate) problems.push(`--rate applies to single-phase scenarios, not ${scenario}`);
  const positive = (value: number, label: string, max: number) => {
    if (!(value > 0 && value <= max)) problems.push(`${label} must be a number above 0 and at most ${max.toLocaleString('en-US')} (got ${Number.isNaN(value) ? 'not a number' : value})`);
  };
  positive(flags.rate, '--rate', LIMITS.maxRate);
  if (flags.duration === undefined) problems.push('--rate needs --duration (seconds)');
  else positive(flags.duration, '--duration', LIMITS.maxDurationSeconds);
  if (flags.ramp !== undefined && !(flags.ramp >= 0 && flags.ramp <= LIMITS.maxRate)) {
    problems.push(`--ramp must be a number from 0 to ${LIMITS.maxRate.toLocaleString('en-US')} (got ${Number.isNaN(flags.ramp) ? 'not a number' : flags.ramp})`);
  }
  return { rate: flags.rate, durationMs: (flags.duration ?? 1) * 1000, ...(flags.ramp === undefined ? {} : { rampFrom: flags.ramp }) };
}

/** Arrivals a rate plan makes: the area under the (ramping) rate over the duration. */
export function plannedRateArrivals(rate: NonNullable<RunConfig['rate']>): number {
  const from = rate.rampFrom ?? rate.rate;
  return Math.floor(((from + rate.rate) / 2) * (rate.durationMs / 1000));
}

/** --requests-per-user: a whole number, and users × requests within the attempt limit. */
function checkRequestsPerUser(perUser: number, users: number, problems: string[]): void {
  integer(perUser, '--requests-per-user', 1, LIMITS.maxAttempts, problems);
  if (Number.isInteger(users) && Number.isInteger(perUser) && users * perUser > LIMITS.maxAttempts) {
    problems.push(`--users × --requests-per-user must be at most ${LIMITS.maxAttempts.toLocaleString('en-US')} attempts (got ${(users * perUser).toLocaleString('en-US')})`);
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], label: string, problems: string[]): T {
  if (!(allowed as readonly string[]).includes(value)) problems.push(unknownChoice(label, value, allowed));
  return value as T;
}


function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
