// --baseline FILE: a previous run's result JSON (`ticketsim run … --json`) or a comparison's
// (`ticketsim compare … --json`: `{ comparison, runs }`), read before any load and kept to the
// figures a comparison needs, one run or several. Not JSON, neither of those, or runs of another
// scenario: a problem (exit 2). Which run a run is held to: config/baseline-match.ts. Other
// parameters (users, stock, strategy, infra) are said beside the comparison, not refused
// (runner/baseline.ts).
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
  /** The service's name, when the baseline ran against one over HTTP (--target). */
  target?: string;
}

/** A baseline file: one run's result, or a comparison's runs. */
export interface BaselineFile {
  file: string;
  kind: 'run' | 'compare';
  runs: BaselineRun[];
}

/** Reads and checks a baseline file for runs of `scenario`; undefined with a problem when it will not do. */
export function readBaselineFile(file: string, scenario: string, problems: string[]): BaselineFile | undefined {
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
    problems.push(`--baseline ${file}: not JSON; ${GIVE}`);
    return undefined;
  }
  const read = asBaselineFile(json, file);
  const other = read?.runs.find((run) => run.scenario !== scenario);
  if (read === undefined) problems.push(`--baseline ${file}: not a ticketsim result (no runId, latency or throughput) or compare output (no comparison and runs); ${GIVE}`);
  else if (other !== undefined) problems.push(`--baseline ${file}: a run of ${other.scenario}, not ${scenario}; compare a scenario with itself`);
  else return read;
  return undefined;
}

const GIVE = 'give the output of ticketsim run … --json or ticketsim compare … --json';

/** A run's result, or a comparison whose every run is one; undefined otherwise. */
function asBaselineFile(json: unknown, file: string): BaselineFile | undefined {
  if (isRecord(json) && isRecord(json.comparison) && Array.isArray(json.runs)) {
    const runs = json.runs.map((run) => asBaseline(run, file));
    if (runs.length === 0 || runs.some((run) => run === undefined)) return undefined;
    return { file, kind: 'compare', runs: runs as BaselineRun[] };
  }
  const run = asBaseline(json, file);
  return run === undefined ? undefined : { file, kind: 'run', runs: [run] };
}

/** The baseline's figures, or undefined when `json` is not a run result. */
function asBaseline(json: unknown, file: string): BaselineRun | undefined {
  if (!isRecord(json) || typeof json.runId !== 'string' || !isRecord(json.latency) || typeof json.throughput !== 'number') return undefined;
  const params = isRecord(json.params) ? json.params : {};
  const counts = isRecord(json.counts) ? json.counts : {};
  const lag = isRecord(json.writeBehind) && isRecord(json.writeBehind.lag) ? json.writeBehind.lag : undefined;
  const target = isRecord(json.target) && typeof json.target.name === 'string' ? json.target.name : undefined;
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
    ...(target === undefined ? {} : { target }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
