// The --target option of `run` and `compare` (someone's own service over HTTP instead of the
// built-in engine): loading a target file and refusing, before any load, what it cannot do for the
// scenario and where it would send the load.
import type { ScenarioName } from '../config/defaults.js';
import { loadTargetFile, missingFor, nonLoopback } from '../config/target-file/index.js';
import type { TargetFile } from '../config/target-file/index.js';
import { UsageError } from '../errors.js';
import type { OpenTarget } from '../runner/run.js';

/** A loaded target file and the path it was given as. */
export interface LoadedTarget {
  file: TargetFile;
  path: string;
}

/** The help of --allow-remote. */
export const ALLOW_REMOTE_HELP = 'let --target reach a service or store that is not on this machine, and --metrics-host be an address that is not loopback (loopback only otherwise)';

/**
 * The target files at `paths`, loaded and checked for this scenario (a field it needs) and this
 * machine (a service or store elsewhere needs --allow-remote): every problem of every file at once.
 */
export async function loadTargets(paths: readonly string[], scenario: ScenarioName, allowRemote: boolean): Promise<LoadedTarget[]> {
  const problems: string[] = [];
  const loaded: LoadedTarget[] = [];
  for (const path of paths) {
    try {
      const file = await loadTargetFile(path);
      problems.push(...missingFor(file, scenario).map((line) => `--target ${path}: ${line}`));
      if (!allowRemote) {
        problems.push(...nonLoopback(file).map((where) => `--target ${path}: ${where} is not on this machine; a load test against the wrong host is an outage (add --allow-remote if you mean it)`));
      }
      loaded.push({ file, path });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new UsageError(problems);
  return loaded;
}

/** How a run opens a loaded target: the HTTP driver and the service's stores, loaded only when used. */
export function httpTargetOpener(target: LoadedTarget): OpenTarget {
  return async (context) => (await import('../targets/http/http-target.js')).openHttpTarget(context, target.file, target.path);
}
