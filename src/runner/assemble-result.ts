// The finished run's result, assembled from plain parts: what the run was asked to do, what it
// measured, what the checks said and what the target says of itself. A pure function, so the
// result's shape is decided in one place and tested without running anything.
import type { RunConfig } from '../config/config.js';
import { namedOptions } from '../config/config.js';
import type { CheckResult, FaultRecord, InfraKind, RunResult } from '../result.js';
import type { TargetSummary } from '../scenarios/target.js';
import type { MeasuredRun } from './measurements.js';
import { thresholdChecks } from './thresholds.js';
import { compareWithBaseline } from './baseline.js';

/** Everything a result is made of. */
export interface ResultParts {
  run: RunConfig;
  runId: string;
  startedAt: Date;
  /** The target as it ran: where, and why there. */
  target: { kind: InfraKind; reason: string; strategy?: string | undefined };
  /** Where it ran: the machine, Node, the services' versions (see environment.ts). */
  environment: RunResult['environment'];
  /** The command line that runs it again (see command-line.ts). */
  command: string;
  measured: MeasuredRun;
  checks: readonly CheckResult[];
  /** Why the stores could not be read back, when they could not: no verdict then. */
  inconclusive: string | undefined;
  summary: TargetSummary;
  faults: readonly FaultRecord[];
  /** The run was stopped before it finished. */
  aborted: boolean;
}

/** A run passes when at least one check was made and every check made held (a skipped one neither passes nor fails). */
export function checksPass(checks: readonly CheckResult[]): boolean {
  return checks.some((check) => check.skipped === undefined) && checks.every((check) => check.ok || check.skipped !== undefined);
}

/** The result's params: the run's numbers and options, with the attempts it set out to make. */
export function paramsOf(run: RunConfig, attempts: number): RunResult['params'] {
  return {
    users: run.users,
    stock: run.stock,
    ...(run.requestsPerUser === undefined ? {} : { requestsPerUser: run.requestsPerUser }),
    ...(run.cancelRatio === undefined ? {} : { cancelRatio: run.cancelRatio, cancelDupes: run.cancelDupes, rebuyers: run.rebuyers }),
    attempts,
    concurrency: run.concurrency ?? null,
    poolSize: run.poolSize,
    slowSqlMs: run.slowSqlMs,
    write: run.write.mode,
    ...(run.rate === undefined ? {} : { rate: { ...run.rate } }),
    options: namedOptions(run),
  };
}

/** users × requests per user: what a single burst will attempt (shown before a phase begins). */
export function plannedAttempts(run: RunConfig): number {
  return run.users * (run.requestsPerUser ?? 1);
}

/** The RunResult of a finished run. */
export function assembleResult(parts: ResultParts): RunResult {
  const { run, measured, inconclusive, summary, target } = parts;
  const { attempts, ...figures } = measured;
  // The thresholds, then the baseline's limits, after the invariants: they bound what was measured, readable even when the stores were not.
  const strategy = target.strategy ?? run.strategy;
  const compared = run.baseline === undefined ? undefined : compareWithBaseline(run.baseline, {
    ...figures, runId: parts.runId, strategy, infra: target.kind, writeBehind: summary.writeBehind, params: { users: run.users, stock: run.stock, write: run.write.mode },
  });
  const checks = [...parts.checks, ...thresholdChecks(run.thresholds, { ...figures, writeBehind: summary.writeBehind }), ...(compared?.checks ?? [])];
  return {
    scenario: run.scenario,
    strategy,
    infra: target.kind,
    infraReason: target.reason,
    runId: parts.runId,
    seed: run.seed,
    ...(summary.target === undefined ? {} : { target: summary.target }),
    data: summary.data,
    params: paramsOf(run, attempts),
    counts: figures.counts,
    guards: figures.guards,
    ...(summary.sql === undefined ? {} : { sql: summary.sql }),
    ...(summary.writeBehind === undefined ? {} : { writeBehind: summary.writeBehind }),
    ...(parts.faults.length === 0 ? {} : { faults: [...parts.faults] }),
    ...(compared === undefined ? {} : { baseline: compared.summary }),
    errorCauses: figures.errorCauses,
    checks,
    latency: figures.latency,
    phases: figures.phases,
    load: figures.load,
    series: figures.series,
    durationMs: figures.durationMs,
    wallMs: figures.wallMs,
    generator: figures.generator,
    throughput: figures.throughput,
    interrupted: figures.counts.notStarted > 0 || parts.aborted,
    startedAt: parts.startedAt.toISOString(),
    environment: parts.environment,
    ...(inconclusive === undefined ? {} : { inconclusive }),
    command: parts.command,
    ok: inconclusive === undefined && checksPass(checks),
  };
}
