// The target files the interactive menu offers: JSON files in the working directory, `targets/`
// and `examples/targets/` that look like a target file (an object with `baseUrl` and `purchase`).
// A file that turns out wrong is refused, naming the field, when the run starts, as `--target` does.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the menu looks, relative to the working directory. */
const FOLDERS = ['.', 'targets', join('examples', 'targets')];

/** Larger files are not target files the menu offers. */
const MAX_BYTES = 256 * 1024;

/** A target file found: its path as the menu shows it, and what it says of itself. */
export interface FoundTarget {
  path: string;
  name: string;
  baseUrl: string;
}

/** The target files under `cwd`, by path; a folder that is missing or unreadable is passed over. */
export async function findTargetFiles(cwd: string): Promise<FoundTarget[]> {
  const found: FoundTarget[] = [];
  for (const folder of FOLDERS) {
    const names = await readdir(join(cwd, folder)).catch(() => [] as string[]);
    for (const name of names.filter((entry) => entry.endsWith('.json')).sort()) {
      const path = folder === '.' ? name : join(folder, name);
      const described = await describeTarget(join(cwd, path));
      if (described !== undefined) found.push({ path, ...described });
    }
  }
  return found;
}

/** A file's name and base URL when it looks like a target file, else undefined. */
async function describeTarget(file: string): Promise<{ name: string; baseUrl: string } | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    if (text.length > MAX_BYTES) return undefined;
    const value = JSON.parse(text) as Record<string, unknown> | null;
    if (typeof value !== 'object' || value === null || typeof value.baseUrl !== 'string' || typeof value.purchase !== 'object') return undefined;
    return { name: typeof value.name === 'string' ? value.name : file, baseUrl: value.baseUrl };
  } catch {
    return undefined;
  }
}
