// Tests of loading a target file from disk: a file that is missing, unreadable, empty or not JSON
// is one line naming it (JSON errors by line and column); a file with problems is a UsageError of
// one line each; the example in examples/targets/ loads.
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { shopExample } from './fixtures.js';
import { loadTargetFile, parseTargetFile } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'ticketsim-target-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The problems of the UsageError `run` throws. */
async function problemsOf(run: () => Promise<unknown> | unknown): Promise<readonly string[]> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).problems;
  }
  throw new Error('expected a UsageError');
}

describe('loadTargetFile', () => {
  it('loads a valid file', async () => {
    const target = await loadTargetFile(file('shop.json', JSON.stringify(shopExample(), null, 2)));
    expect(target.name).toBe('shop');
    expect(Object.isFrozen(target)).toBe(true);
  });

  it('names a file that is missing, a directory, or unreadable, in one line', async () => {
    expect(await problemsOf(() => loadTargetFile(join(dir, 'nope.json'), '--target nope.json'))).toEqual(['--target nope.json: no such file']);
    mkdirSync(join(dir, 'folder.json'));
    expect(await problemsOf(() => loadTargetFile(join(dir, 'folder.json'), '--target folder.json'))).toEqual(['--target folder.json: is a directory, not a file']);
    const locked = file('locked.json', '{}');
    chmodSync(locked, 0o000);
    if (process.getuid?.() !== 0) {
      expect(await problemsOf(() => loadTargetFile(locked, '--target locked.json'))).toEqual(['--target locked.json: cannot be read (permission denied)']);
    }
  });

  it('labels its lines --target <path> unless told otherwise', async () => {
    const path = join(dir, 'missing.json');
    expect(await problemsOf(() => loadTargetFile(path))).toEqual([`--target ${path}: no such file`]);
  });

  it('loads the example of an Express + Redis + MySQL service', async () => {
    const target = await loadTargetFile(resolve(import.meta.dirname, '../../../examples/targets/express-redis-mysql.json'));
    expect(target.name).toBe('express-shop');
    expect(target.cancel?.outcomes.map((rule) => rule.is)).toEqual(['cancelled', 'not-purchased', 'rejected', 'error']);
  });
});

describe('parseTargetFile', () => {
  it('says where a file stops being JSON, by line and column', async () => {
    expect(await problemsOf(() => parseTargetFile('{\n  "name": "shop",\n    x\n}', '--target shop.json'))).toEqual([
      '--target shop.json: not JSON (Unexpected token x at line 3 column 5: a property name must be in double quotes)',
    ]);
    expect(await problemsOf(() => parseTargetFile('{\n  "setup": [],\n}', '--target shop.json'))).toEqual([
      '--target shop.json: not JSON (Unexpected token } at line 3 column 1: JSON allows no trailing comma)',
    ]);
    expect(await problemsOf(() => parseTargetFile('{"name": "shop"', '--target shop.json'))).toEqual([
      '--target shop.json: not JSON (Unexpected end of input at line 1 column 16)',
    ]);
  });

  it('still says the file is not JSON when it is nested too deep to rescan', async () => {
    const problems = await problemsOf(() => parseTargetFile('['.repeat(200_000), '--target deep.json'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^--target deep\.json: not JSON \(.+\)$/);
  });

  it('calls an empty file empty, and reads past a byte-order mark', async () => {
    expect(await problemsOf(() => parseTargetFile(' \n', '--target shop.json'))).toEqual(['--target shop.json: is empty (it should hold one JSON object)']);
    expect(parseTargetFile(`\uFEFF${JSON.stringify(shopExample())}`, '--target shop.json').name).toBe('shop');
  });

  it('throws one UsageError with a line for every problem, each starting with the label', async () => {
    const text = JSON.stringify({ ...shopExample(), sale: 'concert', purchase: { ...shopExample().purchase, methd: 'POST' } });
    let thrown: unknown;
    try {
      parseTargetFile(text, '--target shop.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).problems).toEqual([
      `--target shop.json: sale: "concert" must contain {run}, the run id, so that each run opens a sale of its own and never reads back, or overwrites, an earlier run's`,
      '--target shop.json: purchase.methd: unknown field (did you mean method?)',
    ]);
    expect((thrown as UsageError).message).toBe((thrown as UsageError).problems.join('; '));
  });
});
