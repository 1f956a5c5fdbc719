// The write axis's flags (DESIGN.md §2): --write sync|behind and, writing behind, the workers,
// partitions, redelivery, drain timeout and whether to keep the run's topic. Validated with the
// rest of the run's flags; the behind-only flags are refused with --write sync.
import { SCENARIO_DEFAULTS } from './defaults.js';
import { integer } from './whole-number.js';
import { unknownChoice } from './did-you-mean.js';
import type { ScenarioName } from './defaults.js';

export const WRITE_MODES = ['sync', 'behind'] as const;
export type WriteModeName = (typeof WRITE_MODES)[number];

export const WRITE_DEFAULTS = Object.freeze({
  workers: 1,
  drainTimeoutSeconds: 30,
  batchSize: 500,
  maxWorkers: 16,
  maxPartitions: 64,
});

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
}

/** The write flags as parsed. */
export interface WriteFlags {
  write?: string;
  workers?: number;
  partitions?: number;
  redeliver?: number;
  drainTimeout?: number;
  keepTopic?: boolean;
  batchSize?: number;
}

/** The flags that mean something only when writing behind. */
export const BEHIND_ONLY_FLAGS = ['workers', 'partitions', 'redeliver', 'drainTimeout', 'keepTopic', 'batchSize'] as const;

/** Builds the write config, adding every problem to `problems`. */
export function buildWriteConfig(flags: WriteFlags, scenario: ScenarioName, problems: string[]): WriteConfig {
  const forced = SCENARIO_DEFAULTS[scenario]?.write;
  const mode = (flags.write ?? forced ?? 'sync') as WriteModeName;
  if (!(WRITE_MODES as readonly string[]).includes(mode)) problems.push(unknownChoice('--write', mode, WRITE_MODES));
  else if (forced !== undefined && mode !== forced) problems.push(`the ${scenario} scenario always writes ${forced}; --write ${mode} does not apply`);
  if (mode !== 'behind') {
    const given = BEHIND_ONLY_FLAGS.filter((key) => flags[key] !== undefined);
    for (const key of given) problems.push(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to --write behind only`);
  }
  const whole = (value: number, label: string, min: number, max: number) => integer(value, label, min, max, problems);
  const workers = whole(flags.workers ?? WRITE_DEFAULTS.workers, '--workers', 1, WRITE_DEFAULTS.maxWorkers);
  // One partition per worker by default (a bad --workers is already a problem of its own).
  const partitions = whole(flags.partitions ?? Math.min(Math.max(1, Math.trunc(workers) || 1), WRITE_DEFAULTS.maxPartitions), '--partitions', 1, WRITE_DEFAULTS.maxPartitions);
  const redeliver = flags.redeliver ?? 0;
  if (!(redeliver >= 0 && redeliver <= 1)) problems.push(`--redeliver must be a fraction from 0 to 1 (got ${Number.isNaN(redeliver) ? 'not a number' : redeliver})`);
  const drainSeconds = whole(flags.drainTimeout ?? WRITE_DEFAULTS.drainTimeoutSeconds, '--drain-timeout', 1, 3600);
  const batchSize = whole(flags.batchSize ?? WRITE_DEFAULTS.batchSize, '--batch-size', 1, 10_000);
  return { mode, workers, partitions, redeliver, drainTimeoutMs: drainSeconds * 1000, keepTopic: flags.keepTopic ?? false, batchSize };
}
