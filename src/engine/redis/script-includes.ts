// Assembles a Lua script from its file and the files it includes, BullMQ's way: a line
// `--- @include "<path>"` is replaced by the included file, itself assembled first, so a step
// several scripts share (find the sale, check the fencing token, reserve a seat) is written once,
// as a local function in scripts/includes/. Each file goes into a script at most once (a second
// include of it is dropped); a file that includes itself, directly or not, is an error.
import { posix } from 'node:path';

/** Reads a script file by its path under the scripts folder (e.g. `includes/with-sale.lua`). */
export type ReadScriptFile = (path: string) => string;

/** `--- @include "includes/with-sale"`, the path relative to the including file, `.lua` optional. */
const INCLUDE = /^\s*---\s*@include\s+"([^"]+)"\s*$/;

/** The path an include directive in `from` names, under the scripts folder. */
function resolveInclude(from: string, named: string): string {
  const path = posix.normalize(posix.join(posix.dirname(from), named));
  return path.endsWith('.lua') ? path : `${path}.lua`;
}

/** The includes a script file names, in order, as paths under the scripts folder. */
export function includesOf(path: string, text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const match = INCLUDE.exec(line);
    return match === null ? [] : [resolveInclude(path, match[1]!)];
  });
}

/**
 * The script at `path` with every include directive replaced by the file it names (recursively,
 * each file once). Throws naming the script and the include when a file cannot be read or an
 * include comes back round to a file that is including it.
 */
export function assembleScript(path: string, read: ReadScriptFile): string {
  const included = new Set<string>();
  const assemble = (file: string, chain: readonly string[]): string => {
    const lines = readOrExplain(read, file, chain).split('\n');
    return lines
      .map((line) => {
        const match = INCLUDE.exec(line);
        if (match === null) return line;
        const target = resolveInclude(file, match[1]!);
        if (chain.includes(target) || target === file) {
          throw new Error(`Lua include cycle: ${[...chain, file, target].join(' → ')}`);
        }
        if (included.has(target)) return undefined;
        included.add(target);
        return assemble(target, [...chain, file]).replace(/\n+$/, '');
      })
      .filter((line) => line !== undefined)
      .join('\n');
  };
  return assemble(path, []);
}

function readOrExplain(read: ReadScriptFile, file: string, chain: readonly string[]): string {
  try {
    return read(file);
  } catch (error) {
    if (chain.length === 0) throw error;
    throw new Error(`${chain.at(-1)} includes ${file}, which cannot be read (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
}
