// The workload options of `run` and `compare`, one entry each, in the order the reproduce line
// writes them. Everything else about an option comes from its entry here: the yargs option and its
// --help (cli/run-options.ts), its validation and default (option-values.ts), the reproduce line
// (scenarios/command-line.ts), the report's parameters (report/parameters.ts, from the values a
// result names in `params.options`) and the menu's number rows (ui/menu-state.ts). The engine
// axes (--strategy, --write), --infra, --fault, --json and --report are not workload options:
// each has rules of its own.
import { DEFAULTS, LIMITS } from './defaults.js';
import { whole } from './workload-option.js';
import type { WorkloadOption } from './workload-option.js';

/** Every workload option, keyed by its camelCase name (the flag in kebab-case: `requestsPerUser` is --requests-per-user). */
export const WORKLOAD_OPTIONS = {
  users: {
    group: 'workload',
    kind: whole(1, LIMITS.maxUsers),
    default: 1000,
    scenarioDefaults: { spam: 100, 'write-behind': 10_000 },
    conflicts: { option: 'rate', problem: 'with --rate, every arrival is a new buyer: --users does not apply' },
    help: 'virtual buyers, each with its own user id',
    reproduce: 'always',
    label: 'users',
    menu: { presets: [1, 10, 100, 500, 1000, 2000, 5000, 10_000, 50_000, 100_000] },
  },
  rate: {
    group: 'workload',
    kind: { type: 'above-zero', max: LIMITS.maxRate },
    unit: '/s',
    scenarios: { only: ['oversell', 'spam', 'write-behind'], called: 'single-phase scenarios' },
    requires: { option: 'duration', problem: '--rate needs --duration (seconds)' },
    help: 'open model: start attempts at this many per second, whatever the replies (each a new buyer)',
    reproduce: 'always',
    label: 'rate',
  },
  duration: {
    group: 'workload',
    kind: { type: 'above-zero', max: LIMITS.maxDurationSeconds },
    unit: 's',
    requires: { option: 'rate', problem: '--duration goes with --rate (an arrival rate for that long)' },
    help: 'open model: seconds to keep the rate up',
    reproduce: 'always',
    label: 'duration',
  },
  ramp: {
    group: 'workload',
    kind: { type: 'range', min: 0, max: LIMITS.maxRate },
    unit: '/s',
    requires: { option: 'rate', problem: '--ramp goes with --rate (ramping from --ramp to --rate)' },
    help: 'open model: start at this rate and ramp linearly to --rate over the duration',
    reproduce: 'always',
    label: 'ramp from',
  },
  requestsPerUser: {
    group: 'workload',
    kind: whole(1, LIMITS.maxAttempts),
    scenarioDefaults: { spam: 20 },
    scenarios: { only: ['spam'] },
    help: 'purchases each user fires at once',
    reproduce: 'always',
    label: 'requests per user',
    menu: { presets: [1, 2, 5, 10, 20, 50, 100, 1000], label: 'requests/user' },
  },
  cancelRatio: {
    group: 'workload',
    kind: { type: 'fraction' },
    scenarioDefaults: { 'cancel-storm': 0.5 },
    scenarios: { only: ['cancel-storm'] },
    help: 'fraction of the buyers who cancel, 0–1',
    reproduce: 'always',
    label: 'cancel share',
    menu: { presets: [0, 0.1, 0.25, 0.5, 0.75, 1] },
  },
  cancelDupes: {
    group: 'workload',
    kind: whole(1, LIMITS.maxCancelDupes),
    scenarioDefaults: { 'cancel-storm': 3 },
    scenarios: { only: ['cancel-storm'] },
    help: 'times each cancel is fired at once',
    reproduce: 'always',
    label: 'cancel dupes',
    menu: { presets: [1, 2, 3, 5, 10, 20, 50, 100] },
  },
  rebuyers: {
    group: 'workload',
    kind: whole(0, LIMITS.maxUsers),
    scenarioDefaults: { 'cancel-storm': { sameAs: 'users' } },
    scenarios: { only: ['cancel-storm'] },
    help: 'new buyers waiting in line for the freed seats',
    reproduce: 'always',
    label: 're-buyers',
    menu: { presets: [0, 10, 100, 500, 1000, 2000, 5000, 10_000] },
  },
  stock: {
    group: 'workload',
    kind: whole(1, LIMITS.maxStock),
    default: 100,
    scenarioDefaults: { 'write-behind': 5000 },
    help: 'seats on sale',
    reproduce: 'always',
    label: 'stock',
    menu: { presets: [1, 10, 50, 100, 500, 1000, 10_000] },
  },
  seed: {
    group: 'running',
    kind: whole(0, Number.MAX_SAFE_INTEGER),
    unit: 'id',
    default: 1,
    help: 'seed for the in-process infrastructure (reproducible runs)',
    engineOnly: true,
    reproduce: 'always',
    label: 'seed',
  },
  poolSize: {
    group: 'running',
    kind: whole(1, LIMITS.maxPoolSize),
    default: 10,
    help: 'MySQL connection pool size',
    engineOnly: true,
    reproduce: 'always',
    label: 'pool size',
  },
  insertGroup: {
    group: 'running',
    kind: whole(1, LIMITS.maxInsertGroup),
    default: 100,
    help: 'most concurrent purchases one synchronous INSERT carries on real MySQL, while every pool connection is busy (1: one INSERT each, as the original)',
    engineOnly: true,
    reproduce: 'changed',
    label: 'INSERT group',
  },
  concurrency: {
    group: 'running',
    kind: whole(1, LIMITS.maxConcurrency),
    unset: 'unlimited',
    help: 'max attempts in flight (a closed model of N clients)',
    reproduce: 'always',
    label: 'concurrency',
  },
  maxInFlight: {
    group: 'running',
    kind: whole(1, LIMITS.maxInFlight),
    unset: `${DEFAULTS.maxInFlight.toLocaleString('en-US')}; in-process ${DEFAULTS.maxInFlightInProcess.toLocaleString('en-US')}`,
    help: "the generator's cap on attempts in flight: a burst waits for a slot beyond it, a rate drops the arrival",
    reproduce: 'always',
    label: 'max in flight',
  },
  // Listed as slow from the seed's 0.5 s INSERTs on.
  slowSqlMs: {
    group: 'running',
    kind: whole(1, LIMITS.maxSlowSqlMs),
    unit: 'ms',
    default: 500,
    help: 'list SQL statements slower than this (pool wait + execution), and have the server count its own',
    engineOnly: true,
    reproduce: 'changed',
    label: 'slow SQL',
  },
  workers: {
    group: 'behind',
    kind: whole(1, 16),
    default: 1,
    help: "worker processes in the run's consumer group",
    reproduce: 'always',
    label: 'workers',
  },
  partitions: {
    group: 'behind',
    kind: whole(1, 64),
    default: { sameAs: 'workers' },
    help: "partitions of the run's topic",
    reproduce: 'always',
    label: 'partitions',
  },
  redeliver: {
    group: 'behind',
    kind: { type: 'fraction' },
    default: 0,
    help: 'fraction (0–1) of events published twice, as a producer retry would',
    reproduce: 'changed',
    label: 'redelivered',
  },
  drainTimeout: {
    group: 'behind',
    kind: whole(1, 3600),
    unit: 's',
    default: 30,
    help: 'seconds to wait for the workers to catch up after each phase',
    reproduce: 'changed',
    label: 'drain timeout',
  },
  batchSize: {
    group: 'behind',
    kind: whole(1, 10_000),
    default: 500,
    help: 'most records a worker writes and commits at once',
    reproduce: 'changed',
    label: 'batch size',
  },
  writesInFlight: {
    group: 'behind',
    kind: whole(1, 16),
    default: 4,
    help: 'chunks of purchases a worker writes at once, each on its own connection (1: one chunk at a time, committed before the next)',
    reproduce: 'changed',
    label: 'writes in flight',
  },
  keepTopic: {
    group: 'behind',
    kind: { type: 'flag' },
    default: false,
    help: "keep the run's topic and consumer group for inspection",
    reproduce: 'changed',
    label: 'keep topic',
  },
} as const satisfies Readonly<Record<string, WorkloadOption>>;

/** A workload option's key: `requestsPerUser`. */
export type OptionKey = keyof typeof WORKLOAD_OPTIONS;

/** Every key, in table order. */
export const OPTION_KEYS = Object.keys(WORKLOAD_OPTIONS) as OptionKey[];

/** The entry of a key, as the general shape. */
export function optionOf(key: OptionKey): WorkloadOption {
  return WORKLOAD_OPTIONS[key];
}

type Entry<K extends OptionKey> = (typeof WORKLOAD_OPTIONS)[K];

/** Every option's value once validated: a flag's true/false, else a number; undefined only for an option without a default for every run. */
export type OptionValues = {
  [K in OptionKey]: (Entry<K> extends { kind: { type: 'flag' } } ? boolean : number) | (Entry<K> extends { default: unknown } ? never : undefined);
};

/** The options as given on the command line, every one optional. */
export type OptionFlags = { [K in OptionKey]?: OptionValues[K] };

/** The keys of the options that are a row of the interactive menu. */
export type MenuOptionKey = { [K in OptionKey]: Entry<K> extends { menu: object } ? K : never }[OptionKey];

/** The options that are a number row of the interactive menu, in table order. */
export const MENU_OPTION_KEYS = OPTION_KEYS.filter((key): key is MenuOptionKey => optionOf(key).menu !== undefined);
