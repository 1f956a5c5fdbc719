// What `ticketsim compare` and `ticketsim selftest` make of several runs.
import type { GeneratorCost, RunCounts } from './measures.js';
import type { InfraKind } from './run-result.js';

/** How one run of a comparison ended: every check held, one failed, or it proved nothing. */
export type ComparedVerdict = 'held' | 'failed' | 'inconclusive' | 'interrupted';

/** One run of a comparison (a strategy × write mode), as its column of the table. */
export interface ComparedRun {
  /** `lua`, or `lua · behind` when write modes are compared too. */
  label: string;
  strategy: string;
  write: 'sync' | 'behind';
  verdict: ComparedVerdict;
  /** Listed in --expect-fail: this run is meant to fail a check. */
  expectedToFail: boolean;
  /** Held when meant to hold, failed when meant to fail. */
  asExpected: boolean;
  counts: RunCounts;
  /** Operations per second over the run. */
  throughput: number;
  durationMs: number;
  /** The run's wall time, set-up and checks included. */
  wallMs: number;
  /** What the run cost ticketsim's own process. */
  generator: GeneratorCost;
  /** Per operation, µs (corrected: from the intended start). */
  latency: Record<string, { mean: number; p50: number; p99: number; max: number }>;
  /** Lock acquisitions asked and granted, the Redis round trips they took, and steps a fence refused. */
  locks: { requests: number; granted: number; tries: number; staleRefused: number };
  /** Each fault by name: how often it fired (absent: none was asked for). */
  faults: Record<string, number>;
  /** p99 wait for a MySQL connection of the busiest statement, µs; undefined when no SQL ran. */
  sqlWaitP99Us: number | undefined;
  /** Each check by name: held or not. */
  checks: Record<string, boolean>;
}

/** `ticketsim compare`: the runs side by side, and whether each ended as expected. */
export interface Comparison {
  scenario: string;
  /** The compare command line that reproduces it. */
  command: string;
  /** What marks the fastest: throughput for a burst, the primary operation's p99 under a rate. */
  rankedBy: 'throughput' | 'p99';
  /** Every operation and check any run had, in first-seen order. */
  operations: string[];
  checkNames: string[];
  runs: ComparedRun[];
  /** The label of the fastest run that held every check; undefined when none held. */
  fastest: string | undefined;
  /** Every run ended as expected (and none was inconclusive or interrupted). */
  ok: boolean;
  /** --baseline: the file, and the labels of the runs it held no run for (they had no regression rows). */
  baseline?: { file: string; unmatched: string[] };
}

/** One row of `ticketsim selftest`: a planted anomaly (or a correct strategy) and what the checks said. */
export interface SelftestRow {
  anomaly: string;
  /** The run, e.g. `oversell · lock · pause-holder`. */
  run: string;
  infra: InfraKind;
  /** `caught by no-oversell`, or `every check holds`. */
  expected: string;
  /** What happened, e.g. `caught by no-oversell (also exact-sell-out)`. */
  outcome: string;
  /** Caught by the check named for it, or, for a correct strategy, every check held. */
  ok: boolean;
  runId: string;
  /** Time spent in bursts (virtual in process). */
  durationMs: number;
  /** The run from start to verdict, set-up, drains and faults included (real time). */
  wallMs: number;
}

/** `ticketsim selftest`: the detection matrix, ok only when every row is. */
export interface SelftestResult {
  ok: boolean;
  rows: SelftestRow[];
}
