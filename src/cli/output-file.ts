// Proves, before any load is sent, that a file a command writes when it ends can be written there:
// a new file is created (then removed again, with any folder made for it, so a run that fails
// leaves nothing behind), an existing one is opened for writing without being changed. Every file
// a command writes is probed here first.
import { mkdir, open, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * Creates or opens `path` for writing and undoes what it did; throws a UsageError (exit 2)
 * `<label>: <reason>` when the file cannot be written, e.g. `--report /proc/r.md: cannot create
 * the file (ENOENT: no such file or directory)`.
 */
export async function probeOutputFile(label: string, path: string): Promise<void> {
  const folder = dirname(path);
  let made: string | undefined;
  try {
    made = await mkdir(folder, { recursive: true });
  } catch (error) {
    const blocked = await stat(folder).then((found) => !found.isDirectory(), () => false);
    throw new UsageError(`${label}: ${blocked ? `${folder} is not a folder` : `cannot create the folder ${folder} (${fsReason(error)})`}`);
  }
  let step = 'create';
  try {
    const created = await open(path, 'wx').catch((error: unknown) => {
      if ((error as { code?: string }).code === 'EEXIST') return undefined;
      throw error;
    });
    if (created !== undefined) {
      await created.close();
      await unlink(path);
      return;
    }
    step = 'write';
    // Appending opens the file for writing without changing a byte of it.
    await (await open(path, 'a')).close();
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`${label}: ${code === 'EISDIR' ? 'is a folder' : `cannot ${step} the file (${fsReason(error)})`}`);
  } finally {
    if (made !== undefined) await removeFolders(folder, made);
  }
}

/** Removes the empty folders from `folder` up to `made`, the first one mkdir created. */
async function removeFolders(folder: string, made: string): Promise<void> {
  const top = resolve(made);
  for (let current = resolve(folder); ; current = dirname(current)) {
    // Only empty folders go: anything another process put there meanwhile stays, with its folder.
    if (!(await rmdir(current).then(() => true, () => false)) || current === top || current === dirname(current)) return;
  }
}

/** `ENOENT: no such file or directory`: a file-system error without the path it repeats. */
export function fsReason(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = (message ?? String(error)).replace(/^[A-Z]+: /, '').replace(/, \w+(?: '.*')?$/s, '');
  return code === undefined ? text : `${code}: ${text}`;
}
