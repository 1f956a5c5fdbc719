// Write-behind worker figures added up: a worker's chunks, a fleet's workers, a run's fleets.
// Shared by the worker module and the run (which may not import the worker module).
import type { WorkerFigures } from './engine/ports.js';

/** Fresh all-zero figures. */
export function emptyWorkerFigures(): WorkerFigures {
  return { delivered: 0, inserted: 0, skipped: 0, deleted: 0, absent: 0, deadLettered: 0, statements: 0, commits: 0 };
}

/** The figures of `all` added up, figure by figure. */
export function sumWorkerFigures(all: readonly WorkerFigures[]): WorkerFigures {
  const sum = emptyWorkerFigures();
  for (const figures of all) for (const key of Object.keys(sum) as (keyof WorkerFigures)[]) sum[key] += figures[key];
  return sum;
}
