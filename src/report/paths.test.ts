// Tests of report paths and writing: the default name, a filesystem-safe timestamp, folder creation,
// replacing a file, a full disk.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passingResult } from './fixtures.js';
import { defaultReportPath, fileTimestamp, writeReport } from './paths.js';

const meta = { generatedAt: new Date('2025-03-14T09:30:00Z'), version: '0.1.0' };

describe('report paths', () => {
  it('stamps the default path with the run start, without colons', () => {
    expect(fileTimestamp(new Date('2025-03-14T09:26:53.589Z'))).toBe('2025-03-14T09-26-53Z');
    expect(defaultReportPath(passingResult)).toBe('reports/oversell-lua-2025-03-14T09-26-53Z.md');
  });

  it('falls back to the given date when the start time is unreadable', () => {
    expect(defaultReportPath({ ...passingResult, startedAt: 'soon' }, meta.generatedAt)).toBe('reports/oversell-lua-2025-03-14T09-30-00Z.md');
  });
});

describe('writeReport', () => {
  let dir = '';
  const cwd = process.cwd();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ticketsim-report-'));
  });

  afterEach(async () => {
    process.chdir(cwd);
    await rm(dir, { recursive: true, force: true });
  });

  it('writes to a given path, creating its folder', async () => {
    const path = join(dir, 'nested/deeper/run.md');
    expect(await writeReport(passingResult, path, meta)).toEqual({ path, replaced: false });
    expect(await readFile(path, 'utf8')).toMatch(/^# ticketsim report: oversell · lua/);
  });

  it('says when it replaced a file that was there', async () => {
    const path = join(dir, 'run.md');
    await writeFile(path, 'an older report');
    expect(await writeReport(passingResult, path, meta)).toEqual({ path, replaced: true });
  });

  it('writes to reports/<scenario>-<strategy>-<timestamp>.md for a bare --report', async () => {
    process.chdir(dir);
    const { path } = await writeReport(passingResult, true, meta);
    expect(path).toBe('reports/oversell-lua-2025-03-14T09-26-53Z.md');
    expect(await readFile(join(dir, path), 'utf8')).toContain('## Verdict: ✓ PASS');
  });

  it.skipIf(!existsSync('/dev/full'))('rejects when the disk is full, leaving what was there in place', async () => {
    await expect(writeReport(passingResult, '/dev/full', meta)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect((await stat('/dev/full')).isCharacterDevice()).toBe(true);
  });
});
