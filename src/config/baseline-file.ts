// --baseline FILE: a previous run's result JSON (`ticketsim run … --json`), read before any load
// and kept to the figures a comparison needs. Not JSON, not a ticketsim result, or the result of
// another scenario: a problem (exit 2). Other parameters (users, stock, strategy, infra) are said
// beside the comparison, not refused (runner/baseline.ts).
import { readFileSync } from 'node:fs';
import type { LatencySummary } from '../result.js';

/** The figures of a baseline run that a comparison reads. */
export interface BaselineRun {
  /** The file, as given. */
  file: string;
  runId: string;
  scenario: string;
  strategy: string;
  infra: string;
  params: { users: number; stock: number; write: string };
  latency: Record<string, Partial<LatencySummary>>;
  throughput: number;
  counts: { attempts: number; errors: number };
  /** The write-behind lag, when the baseline wrote behind. */
  lag?: Partial<LatencySummary>;
}

/** Reads and checks a baseline file for a run of `scenario`; undefined with a problem when it will not do. */
export function readBaseline(file: string, scenario: string, problems: string[]): BaselineRun | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(`--baseline ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    problems.push(`--baseline ${file}: not JSON; give the output of ticketsim run … --json`);
    return undefined;
  }
  const run = asBaseline(json, file);
  if (run === undefined) problems.push(`--baseline ${file}: not a ticketsim result (no runId, latency or throughput); give the output of ticketsim run … --json`);
  else if (run.scenario !== scenario) problems.push(`--baseline ${file}: a run of ${run.scenario}, not ${scenario}; compare a scenario with itself`);
  else return run;
  return undefined;
}

/** The baseline's figures, or undefined when `json` is not a run result. */
function asBaseline(json: unknown, file: string): BaselineRun | undefined {
  if (!isRecord(json) || typeof json.runId !== 'string' || !isRecord(json.latency) || typeof json.throughput !== 'number') return undefined;
  const params = isRecord(json.params) ? json.params : {};
  const counts = isRecord(json.counts) ? json.counts : {};
  const lag = isRecord(json.writeBehind) && isRecord(json.writeBehind.lag) ? json.writeBehind.lag : undefined;
  return {
    file,
    runId: json.runId,
    scenario: String(json.scenario),
    strategy: String(json.strategy),
    infra: String(json.infra),
    params: { users: Number(params.users), stock: Number(params.stock), write: String(params.write) },
    latency: Object.fromEntries(Object.entries(json.latency).filter(([, value]) => isRecord(value))) as BaselineRun['latency'],
    throughput: json.throughput,
    counts: { attempts: Number(counts.attempts), errors: Number(counts.errors) },
    ...(lag === undefined ? {} : { lag: lag as Partial<LatencySummary> }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
