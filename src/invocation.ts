// How a printed command line names ticketsim so that it works where the user ran it: `ticketsim`
// when that name on PATH is this very launcher, `npx ticketsim` when npx ran it, else the path of
// the launcher itself (`./bin/ticketsim`). Decided once per process; every command line ticketsim
// prints (a run's reproduce line, compare's, the report the menu exports) starts with it.
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the decision looks at; {@link programOf} is a pure function of it. */
export interface InvocationFacts {
  /** The script node was started with (process.argv[1]). */
  script: string | undefined;
  /** This package's launcher, bin/ticketsim. */
  launcher: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The real path of an executable file, or undefined when there is none at `path`. */
  executable(path: string): string | undefined;
}

/** A path (or any argument) as one shell word: as it is when it needs no quoting, else single-quoted. */
export function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** The real path of the first `name` on PATH, as a shell would find it. */
function onPath(name: string, facts: InvocationFacts): string | undefined {
  for (const dir of (facts.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const found = facts.executable(join(dir, name));
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The words that start a ticketsim command line: `npx ticketsim` when npx ran this launcher,
 * `ticketsim` when that name on PATH is this launcher, else the launcher's path (as the user
 * gave it when they ran it directly), relative to the working folder when inside it.
 */
export function programOf(facts: InvocationFacts): string {
  const own = facts.executable(facts.launcher);
  const ran = facts.script === undefined ? undefined : facts.executable(facts.script);
  const ranOwn = own !== undefined && ran === own;
  if (ranOwn && facts.env.npm_command === 'exec' && facts.script!.includes(`node_modules${sep}.bin${sep}`)) return 'npx ticketsim';
  if (own !== undefined && onPath('ticketsim', facts) === own) return 'ticketsim';
  const path = ranOwn ? facts.script! : facts.launcher;
  const inside = relative(facts.cwd, path);
  return shellWord(inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? `.${sep}${inside}` : path);
}

/** The real path of an executable file, or undefined. */
function executable(path: string): string | undefined {
  try {
    accessSync(path, constants.X_OK);
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

let decided: string | undefined;

/** {@link programOf} this process, decided on first use. */
export function invokedAs(): string {
  decided ??= programOf({
    script: process.argv[1],
    // src/ and dist/ both sit beside bin/.
    launcher: fileURLToPath(new URL('../bin/ticketsim', import.meta.url)),
    cwd: process.cwd(),
    env: process.env,
    executable,
  });
  return decided;
}
