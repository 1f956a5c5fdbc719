// The JUnit XML file `run`, `compare` and `selftest` write when they end (--junit FILE): proved
// writable before any load is sent, then written whole or not at all (a temporary file beside it,
// renamed over it), and where it went said on stderr. Like the report, a file that fails at the end
// costs one line, never the result.
import { hostname } from 'node:os';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OutputError } from '../errors.js';
import type { JunitMeta } from '../report/junit.js';
import { EXIT, errorLines, exitCodeFor } from './exit-codes.js';
import { fsReason, probeOutputFile } from './output-file.js';

/** Proves `--junit path` can be written; throws a UsageError (exit 2) naming the path and why not. */
export async function probeJunit(path: string): Promise<void> {
  await probeOutputFile(`--junit ${path}`, path);
}

/** This machine, as the JUnit schema wants it named. */
export function junitMeta(): JunitMeta {
  return { hostname: hostname() || 'localhost' };
}

/**
 * Writes `xml` to `path` and says so on stderr; when that fails, says so in one line and resolves
 * to 3 for a verdict that passed, else to the verdict (it says more). Otherwise resolves to `verdict`.
 */
export async function saveJunit(path: string, xml: string, verdict: number): Promise<number> {
  try {
    const replaced = await writeWhole(path, xml);
    process.stderr.write(`JUnit XML written to ${path}${replaced ? ' (replaced the file that was there)' : ''}\n`);
    return verdict;
  } catch (error) {
    const failure = new OutputError(`--junit ${path}: the JUnit XML could not be written after the run (${fsReason(error)}); only the printed result remains`, { cause: error });
    for (const line of errorLines(failure)) process.stderr.write(`${line}\n`);
    return verdict === EXIT.ok ? exitCodeFor(failure) : verdict;
  }
}

/**
 * Writes a temporary file beside `path` (creating the folder) and renames it over `path`, so a
 * reader never sees half a document; something that is not a plain file (/dev/stdout) is written
 * in place. Resolves to whether a file was replaced.
 */
async function writeWhole(path: string, text: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) {
    await writeFile(path, text, 'utf8');
    return false;
  }
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  return existing !== undefined;
}
