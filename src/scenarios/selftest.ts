// The detection matrix (`ticketsim selftest`): a checker that never fails proves nothing, so each
// row plants one anomaly (a strategy meant to fail, a fault, or a deliberately broken engine part)
// and must see it caught by the check named for it; the correct strategies then run under the same
// faults and must hold every check. Jepsen validates its checkers the same way.
import type { Config, RawFlags } from '../config/config.js';
import { loadConfig } from '../config/config.js';
import type { Plant } from '../config/faults.js';
import type { RunResult, SelftestRow } from '../result.js';

/** One row of the matrix: a run, and what its checks must say. */
export interface MatrixRow {
  /** What is planted or proved, in a few words. */
  anomaly: string;
  /** The run's flags (infra is added by the caller). */
  flags: RawFlags;
  /** Engine parts broken on purpose (never from the command line). */
  plants?: readonly Plant[];
  /** The checks that may catch it (any one will do); absent: every check must hold. */
  caughtBy?: readonly string[];
}

/** Write-behind rows are kept small: the matrix proves detection, not throughput. */
const BEHIND = { scenario: 'write-behind', users: 2000, stock: 1000, workers: 2 } as const;

/** The matrix, anomalies first, then the correct strategies under the same faults. */
export const MATRIX: readonly MatrixRow[] = [
  { anomaly: 'naive read-then-write oversells', flags: { scenario: 'oversell', strategy: 'naive' }, caughtBy: ['no-oversell'] },
  { anomaly: 'lock without a buyer look-up leaks seats under spam', flags: { scenario: 'spam', strategy: 'lock' }, caughtBy: ['conservation'] },
  {
    anomaly: 'precheck (half of DCL) double-buys or leaks under spam',
    flags: { scenario: 'spam', strategy: 'precheck' },
    caughtBy: ['no-double-buyer', 'conservation'],
  },
  { anomaly: 'naive cancel over-stocks', flags: { scenario: 'cancel-storm', strategy: 'naive' }, caughtBy: ['no-over-stocking'] },
  {
    anomaly: 'a non-idempotent worker writes redelivered events twice',
    flags: { ...BEHIND, strategy: 'lua', redeliver: 0.5 },
    plants: ['non-idempotent-worker'],
    caughtBy: ['no-double-buyer'],
  },
  { anomaly: 'a dropped publish loses an acknowledged write', flags: { ...BEHIND, strategy: 'lua' }, plants: ['drop-publish'], caughtBy: ['no-lost-write'] },
  {
    anomaly: 'a lock holder stalled past its TTL oversells',
    flags: { scenario: 'oversell', strategy: 'lock', fault: ['pause-holder'] },
    caughtBy: ['no-oversell'],
  },
  {
    anomaly: 'an oversell of the sell-out that the later cancels would hide',
    flags: { scenario: 'cancel-storm', strategy: 'dcl', fault: ['pause-holder'] },
    caughtBy: ['no-oversell'],
  },
  { anomaly: 'lua holds the sale', flags: { scenario: 'oversell', strategy: 'lua' } },
  { anomaly: 'dcl holds one ticket per person under spam', flags: { scenario: 'spam', strategy: 'dcl' } },
  { anomaly: 'dcl cancels without over-stocking', flags: { scenario: 'cancel-storm', strategy: 'dcl' } },
  {
    anomaly: 'the idempotent worker holds under redelivery, rewinds and kills',
    flags: { ...BEHIND, strategy: 'lua', redeliver: 0.5, fault: ['redeliver', 'kill-worker:times=1,after=100ms'] },
  },
  { anomaly: 'fenced holds with a holder stalled past its TTL', flags: { scenario: 'oversell', strategy: 'fenced', fault: ['pause-holder'] } },
];

/** The config of one row, over `base` (infra, services, seed), with its plants added to the validated config. */
export function rowConfig(row: MatrixRow, base: RawFlags, env?: Readonly<Record<string, string | undefined>>): Config {
  const config = loadConfig({ ...base, ...row.flags, json: true }, env);
  return { ...config, run: { ...config.run, plants: row.plants ?? [] } };
}

/** `oversell · lock · pause-holder`, or with what is planted. */
function runLabel(row: MatrixRow): string {
  const { scenario, strategy, fault = [] } = row.flags;
  return [scenario, strategy, ...fault.map((text) => text.split(':')[0]), ...(row.plants ?? []).map((plant) => `planted ${plant}`)].join(' · ');
}

/** Judges one row by its run's checks: caught by a named check, or (a correct strategy) every check held. */
export function judgeRow(row: MatrixRow, result: RunResult): SelftestRow {
  const failed = result.checks.filter((check) => !check.ok).map((check) => check.name);
  const base = {
    anomaly: row.anomaly,
    run: runLabel(row),
    infra: result.infra,
    expected: row.caughtBy === undefined ? 'every check holds' : `caught by ${row.caughtBy.join(' or ')}`,
    runId: result.runId,
    durationMs: Math.round(result.durationMs),
    wallMs: Math.round(result.wallMs),
  };
  if (result.inconclusive !== undefined) return { ...base, ok: false, outcome: `inconclusive: ${result.inconclusive}` };
  // A fault that never fired proves nothing about the checks or the strategy under it.
  const silent = (result.faults ?? []).filter((fault) => fault.fired === 0).map((fault) => fault.name);
  if (silent.length > 0) return { ...base, ok: false, outcome: `${silent.join(', ')} never fired: the run proves nothing (${failed.length === 0 ? 'every check held' : `failed ${failed.join(', ')}`})` };
  if (row.caughtBy === undefined) {
    const ok = result.ok && failed.length === 0;
    return { ...base, ok, outcome: ok ? `all ${result.checks.length} checks held` : `failed ${failed.join(', ')}` };
  }
  const by = row.caughtBy.filter((name) => failed.includes(name));
  const also = failed.filter((name) => !by.includes(name));
  if (by.length === 0) return { ...base, ok: false, outcome: failed.length === 0 ? 'NOT CAUGHT: every check held' : `not caught by it (failed ${failed.join(', ')})` };
  return { ...base, ok: true, outcome: `caught by ${by.join(', ')}${also.length > 0 ? ` (also ${also.join(', ')})` : ''}` };
}
