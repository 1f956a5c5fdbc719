// Reading a target file: the file, its JSON, then its validation. Whatever is wrong is a usage
// error (exit 2), one line a problem, each beginning with the label the user knows the file by
// (`--target shop.json: …`).
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { jsonSyntaxError } from './json-syntax.js';
import type { TargetFile } from './types.js';
import { validateTargetFile } from './validate.js';

/**
 * Reads, parses and validates the target file at `path`. Throws a UsageError whose problems are
 * each one line starting with `label` (default `--target <path>`): the file missing or
 * unreadable, where it stops being JSON, or every problem of its content.
 */
export async function loadTargetFile(path: string, label = `--target ${path}`): Promise<TargetFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${label}: ${unreadable(error)}`, { cause: error });
  }
  return parseTargetFile(text, label);
}

/** Parses and validates the text of a target file; throws a UsageError as {@link loadTargetFile} does. */
export function parseTargetFile(text: string, label: string): TargetFile {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') throw new UsageError(`${label}: is empty (it should hold one JSON object)`);
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const found = locate(source);
    const where = found === undefined ? (error as Error).message : `${found.reason} at line ${found.line} column ${found.column}${found.hint === undefined ? '' : `: ${found.hint}`}`;
    throw new UsageError(`${label}: not JSON (${where})`, { cause: error });
  }
  const { file, problems } = validateTargetFile(value);
  if (file === undefined) throw new UsageError(problems.map((problem) => `${label}: ${problem}`));
  return file;
}

/** Where the text stops being JSON; undefined if the rescan cannot say (nested too deep to rescan). */
function locate(text: string): ReturnType<typeof jsonSyntaxError> {
  try {
    return jsonSyntaxError(text);
  } catch {
    return undefined;
  }
}

/** Why a file could not be read, in a few words. */
function unreadable(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
}
