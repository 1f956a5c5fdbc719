// The write axis, the engine's second beside the strategy (any strategy takes either mode):
// --write sync|behind, the scenario that always writes one way, and the write-behind path's
// settings a run takes from its options (workers, partitions, redelivery, drain timeout, batch
// size, writes in flight, whether to keep the run's topic; see workload-options.ts).
import type { ScenarioName } from './defaults.js';
import { unknownChoice } from './did-you-mean.js';

export const WRITE_MODES = ['sync', 'behind'] as const;
export type WriteModeName = (typeof WRITE_MODES)[number];

/** The scenarios that always write one way (write-behind: behind). */
export const SCENARIO_WRITES: Readonly<Partial<Record<ScenarioName, WriteModeName>>> = Object.freeze({ 'write-behind': 'behind' });

/** The write mode a scenario takes when no --write is given. */
export function defaultWrite(scenario: ScenarioName): WriteModeName {
  return SCENARIO_WRITES[scenario] ?? 'sync';
}

/** How a run writes, and, writing behind, the path its events take. */
export interface WriteConfig {
  mode: WriteModeName;
  /** Worker processes (or in-process workers) in the run's consumer group. */
  workers: number;
  /** Partitions of the run's topic (default: one per worker). */
  partitions: number;
  /** Fraction (0–1) of events published twice, as a producer retry would. */
  redeliver: number;
  drainTimeoutMs: number;
  /** Leave the topic and group for inspection instead of deleting them. */
  keepTopic: boolean;
  /** Most records a worker writes and commits at once. */
  batchSize: number;
  /** Chunks of purchases a worker writes at once (1: one chunk at a time, committed before the next). */
  writesInFlight: number;
}

/** The options a WriteConfig is made of, as validated (the drain timeout in seconds). */
export type WriteOptions = Omit<WriteConfig, 'mode' | 'drainTimeoutMs'> & { drainTimeout: number };

/** The run's write mode: as given, else the scenario's; a problem when unknown or not the scenario's own. */
export function writeModeOf(given: string | undefined, scenario: ScenarioName, problems: string[]): WriteModeName {
  const forced = SCENARIO_WRITES[scenario];
  const mode = (given ?? defaultWrite(scenario)) as WriteModeName;
  if (!(WRITE_MODES as readonly string[]).includes(mode)) problems.push(unknownChoice('--write', mode, WRITE_MODES));
  else if (forced !== undefined && mode !== forced) problems.push(`the ${scenario} scenario always writes ${forced}; --write ${mode} does not apply`);
  return mode;
}

/** The write config of a mode and its options. */
export function buildWriteConfig(mode: WriteModeName, { drainTimeout, ...options }: WriteOptions): WriteConfig {
  return { mode, ...options, drainTimeoutMs: drainTimeout * 1000 };
}
