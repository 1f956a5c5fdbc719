// Environment + flags → one frozen Config. Defaults come from defaults.ts and, for the workload
// options, from their table (workload-options.ts); every problem is collected at once so the user
// sees all of them in a single exit-2 message.
import { DEFAULTS, INFRA_MODES, LIMITS, SCENARIOS } from './defaults.js';
import type { InfraMode, ScenarioName } from './defaults.js';
import { STRATEGIES } from './strategies.js';
import { buildWriteConfig, writeModeOf } from './write-config.js';
import { parseFaults } from './faults.js';
import type { FaultSpec, Plant } from './faults.js';
import { parseThresholds } from './thresholds.js';
import type { Threshold } from './thresholds.js';
import { buildBaseline } from './baseline.js';
import type { BaselineConfig, BaselineFlags } from './baseline.js';
import type { WriteConfig, WriteOptions } from './write-config.js';
import type { StrategyName } from './strategies.js';
import { appliedOptions, readOptionValues } from './option-values.js';
import type { AppliedOption } from './option-values.js';
import type { OptionFlags, OptionValues } from './workload-options.js';
import type { OptionValue } from './workload-option.js';
import { buildServices } from './services.js';
import type { ServiceFlags, ServicesConfig } from './services.js';
import { unknownChoice } from './did-you-mean.js';
import { UsageError } from '../errors.js';

export type { ServicesConfig } from './services.js';

/**
 * What one run does. The workload options are fields of their own (users, stock, seed, …: see
 * workload-options.ts), but for those of the open model and the write-behind path, which the run
 * holds in a shape of its own (`rate`, `write`); under --rate, `users` are the planned arrivals.
 */
export interface RunConfig extends Omit<OptionValues, ShapedKey> {
  scenario: ScenarioName;
  strategy: StrategyName;
  infra: InfraMode;
  /** Open model: arrivals per second for a duration, optionally ramping from a start rate. */
  rate: { rate: number; durationMs: number; rampFrom?: number } | undefined;
  /** How purchases and cancels are made durable (sync, or behind through the event log). */
  write: WriteConfig;
  /** Faults injected on purpose (--fault), in the order given. */
  faults: readonly FaultSpec[];
  /** Bounds on what the run measures (--threshold), in the order given: each fails the run when broken. */
  thresholds: readonly Threshold[];
  /** A previous run to compare with (--baseline) and how far this one may fall behind it (--max-regression). */
  baseline?: BaselineConfig;
  /** Anomalies the selftest plants (never from the command line; empty otherwise). */
  plants: readonly Plant[];
  json: boolean;
  /** Markdown report path; true = the default path; undefined = no report. */
  report: string | true | undefined;
  /** The target file of a run against someone's own service (--target); absent: the built-in engine. */
  target?: string;
}

/** The options a RunConfig holds in `rate` and `write` rather than as fields of their own. */
type ShapedKey = 'rate' | 'duration' | 'ramp' | keyof WriteOptions;

export interface Config {
  services: ServicesConfig;
  run: RunConfig;
}

/** Raw inputs as the CLI parsed them; every field optional. */
export interface RawFlags extends OptionFlags, ServiceFlags, BaselineFlags {
  scenario?: string;
  strategy?: string;
  infra?: string;
  write?: string;
  json?: boolean;
  report?: string | boolean;
  /** --fault NAME[:options], repeatable. */
  fault?: readonly string[];
  /** --threshold EXPR, repeatable, e.g. purchase.p99<500ms. */
  threshold?: readonly string[];
  /** compare: a fault that does not apply to one of the strategies is skipped on that run, not refused. */
  lenientFaults?: boolean;
  /** --target FILE: drive the service a target file describes instead of the built-in engine. */
  target?: string;
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
  const mode = writeModeOf(flags.write, scenario, problems);
  // An unknown scenario is already a problem; its options then take their defaults for every scenario.
  const values = readOptionValues(flags, { scenario, write: mode }, problems);
  const { rate: perSecond, duration, ramp, workers, partitions, redeliver, drainTimeout, batchSize, writesInFlight, keepTopic, ...own } = values;
  const rate = perSecond === undefined ? undefined : { rate: perSecond, durationMs: (duration ?? 1) * 1000, ...(ramp === undefined ? {} : { rampFrom: ramp }) };
  const users = rate === undefined ? own.users : rateArrivals(rate, own.requestsPerUser, problems);
  if (own.requestsPerUser !== undefined) checkAttempts(users, own.requestsPerUser, problems);
  if (scenario === 'cancel-storm') checkStormBuyers(users, own.rebuyers, problems);
  const report = flags.report === true || flags.report === '' ? true : flags.report === false ? undefined : flags.report;
  const write = buildWriteConfig(mode, { workers, partitions, redeliver, drainTimeout, batchSize, writesInFlight, keepTopic });
  const faults = parseFaults(flags.fault ?? [], { scenario, strategy, write: write.mode, lenient: flags.lenientFaults ?? false }, problems);
  if (flags.target !== undefined && faults.length > 0) problems.push('--fault acts on the built-in engine and cannot reach a --target service; leave one of them out');
  const thresholds = parseThresholds(flags.threshold ?? [], { scenario, write: write.mode, target: flags.target !== undefined }, problems);
  const baseline = buildBaseline(flags, { scenario, strategy, write: write.mode }, problems);
  return {
    scenario, strategy, infra, ...own, users, rate, write, faults, thresholds, ...(baseline === undefined ? {} : { baseline }),
    plants: [], json: flags.json ?? false, report, ...(flags.target === undefined ? {} : { target: flags.target }),
  };
}

/** The option values a run was made of (the inverse of buildRun): what its reproduce line and parameters show. */
export function optionValuesOf(run: RunConfig): OptionValues {
  const { scenario, strategy, infra, rate, write, faults, thresholds, baseline, plants, json, report, target, ...own } = run;
  return {
    ...own,
    rate: rate?.rate,
    duration: rate === undefined ? undefined : rate.durationMs / 1000,
    ramp: rate?.rampFrom,
    workers: write.workers,
    partitions: write.partitions,
    redeliver: write.redeliver,
    drainTimeout: write.drainTimeoutMs / 1000,
    batchSize: write.batchSize,
    writesInFlight: write.writesInFlight,
    keepTopic: write.keepTopic,
  };
}

/** The workload options that apply to a run, with their values, in table order. */
export function runOptions(run: RunConfig): AppliedOption[] {
  return appliedOptions(optionValuesOf(run), { scenario: run.scenario, write: run.write.mode });
}

/** The workload options a run applied, by name, null for one applied unset: a result's `params.options`. */
export function namedOptions(run: RunConfig): Record<string, OptionValue | null> {
  return Object.fromEntries(runOptions(run).map(({ key, value }) => [key, value ?? null]));
}

/**
 * Under a rate the buyers are the arrivals (spread over users of K requests each for spam), at
 * most as many as --users could be.
 */
function rateArrivals(rate: NonNullable<RunConfig['rate']>, perUser: number | undefined, problems: string[]): number {
  const arrivals = Math.max(1, Math.ceil(plannedRateArrivals(rate) / (perUser ?? 1)));
  if (arrivals > LIMITS.maxUsers) {
    problems.push(`--rate × --duration plans ${arrivals.toLocaleString('en-US')} buyers; at most ${LIMITS.maxUsers.toLocaleString('en-US')}`);
  }
  return arrivals;
}

/** Arrivals a rate plan makes: the area under the (ramping) rate over the duration. */
export function plannedRateArrivals(rate: NonNullable<RunConfig['rate']>): number {
  const from = rate.rampFrom ?? rate.rate;
  return Math.floor(((from + rate.rate) / 2) * (rate.durationMs / 1000));
}

/** Users × requests per user within the attempt limit (each a whole number already, or a problem of its own). */
function checkAttempts(users: number, perUser: number, problems: string[]): void {
  if (Number.isInteger(users) && Number.isInteger(perUser) && users * perUser > LIMITS.maxAttempts) {
    problems.push(`--users × --requests-per-user must be at most ${LIMITS.maxAttempts.toLocaleString('en-US')} attempts (got ${(users * perUser).toLocaleString('en-US')})`);
  }
}

/**
 * cancel-storm keeps every buyer and re-buyer of its two phases in play at once (a waiting line
 * that polls the stock), so it stays at the bound the other scenarios had before they held ten
 * million buyers in flat memory.
 */
function checkStormBuyers(users: number, rebuyers: number | undefined, problems: string[]): void {
  const max = LIMITS.maxStormBuyers;
  if (users > max) problems.push(`cancel-storm takes at most ${max.toLocaleString('en-US')} --users (got ${users.toLocaleString('en-US')})`);
  if (rebuyers !== undefined && rebuyers > max) problems.push(`cancel-storm takes at most ${max.toLocaleString('en-US')} --rebuyers (got ${rebuyers.toLocaleString('en-US')})`);
}

/** `value` as one of `allowed`; otherwise adds a problem naming `label` (with what it probably meant). Returns it either way. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], label: string, problems: string[]): T {
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
