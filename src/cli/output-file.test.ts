// Tests of the probe that proves an output file can be written before any load is sent.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { fsReason, probeOutputFile } from './output-file.js';

describe('probeOutputFile', () => {
  let dir = '';

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ticketsim-probe-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The one-line problem the probe throws for `path`. */
  const problem = (path: string) =>
    probeOutputFile(`--report ${path}`, path).then(
      () => 'no problem',
      (error: unknown) => (error instanceof UsageError ? error.message : `not a usage error: ${String(error)}`),
    );

  it('creates a new file and removes it again, with the folders made for it', async () => {
    await mkdir(join(dir, 'kept'));
    await expect(probeOutputFile('--report', join(dir, 'kept/new/deeper/r.md'))).resolves.toBeUndefined();
    expect(await readdir(dir)).toEqual(['kept']);
    expect(await readdir(join(dir, 'kept'))).toEqual([]);
  });

  it('opens an existing file for writing without changing it', async () => {
    const path = join(dir, 'r.md');
    await writeFile(path, 'an older report');
    await expect(probeOutputFile('--report', path)).resolves.toBeUndefined();
    expect(await readFile(path, 'utf8')).toBe('an older report');
  });

  it('names the path and why a file cannot be written there', async () => {
    const file = join(dir, 'file');
    await writeFile(file, '');
    expect(await problem(dir)).toBe(`--report ${dir}: is a folder`);
    expect(await problem(join(file, 'r.md'))).toBe(`--report ${file}/r.md: ${file} is not a folder`);
    expect(await problem(join(file, 'a/r.md'))).toBe(`--report ${file}/a/r.md: cannot create the folder ${file}/a (ENOTDIR: not a directory)`);
  });

  it.skipIf(!existsSync('/proc/self'))('refuses a folder that exists but takes no new file (/proc)', async () => {
    expect(await problem('/proc/r.md')).toBe('--report /proc/r.md: cannot create the file (ENOENT: no such file or directory)');
  });
});

describe('fsReason', () => {
  it('keeps the code and the reason, not the path the error repeats', () => {
    expect(fsReason(Object.assign(new Error("ENOSPC: no space left on device, write '/dev/full'"), { code: 'ENOSPC' }))).toBe('ENOSPC: no space left on device');
    expect(fsReason(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))).toBe('ENOSPC: no space left on device');
    expect(fsReason(new Error('plain'))).toBe('plain');
  });
});
