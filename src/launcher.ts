// The launcher, bin/ticketsim, and the flags it runs node with (its first line): the one place
// they are written. A process ticketsim starts itself (a run's workers) gets the same flags, and
// so does a benchmark that measures ticketsim in its own process (bench/as-launched.mjs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The path of bin/ticketsim. */
export const LAUNCHER: string = fileURLToPath(new URL('../bin/ticketsim', import.meta.url));

/** The node flags on the launcher's first line, `#!/usr/bin/env -S node <flags>`. */
export function launcherNodeFlags(shebang: string = readFileSync(LAUNCHER, 'utf8').split('\n', 1)[0]!): string[] {
  const words = shebang.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
}
