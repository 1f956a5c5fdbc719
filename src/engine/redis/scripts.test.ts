import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { includesOf } from './script-includes.js';
import { SCRIPT_FILES, keyCountOf, scriptSource } from './scripts.js';
import type { CommandName } from './scripts.js';

const FOLDER = join(import.meta.dirname, 'scripts');

/** Every .lua file under scripts/, by its path there. */
const FILES = readdirSync(FOLDER, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.lua'))
  .sort();
const read = (path: string) => readFileSync(join(FOLDER, path), 'utf8');
const COMMANDS = Object.keys(SCRIPT_FILES) as CommandName[];

/** A file's code lines: comments (block and line) and blank lines left out, indentation kept. */
function codeLines(text: string): string[] {
  return text
    .replace(/--\[\[[\s\S]*?\]\]/g, '')
    .split('\n')
    .map((line) => line.replace(/--.*$/, '').trimEnd())
    .filter((line) => line.trim() !== '');
}

/** The longest run of identical consecutive lines two files share. */
function longestSharedRun(a: readonly string[], b: readonly string[]): string[] {
  let best: string[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let n = 0;
      while (i + n < a.length && j + n < b.length && a[i + n] === b[j + n]) n++;
      if (n > best.length) best = a.slice(i, i + n);
    }
  }
  return best;
}

describe('the Lua scripts', () => {
  it('are every top-level file, and every include is used by one', () => {
    const scripts = FILES.filter((path) => !path.includes('/'));
    expect(scripts).toEqual(Object.values(SCRIPT_FILES).sort());
    const used = new Set(FILES.flatMap((path) => includesOf(path, read(path))));
    expect(FILES.filter((path) => path.includes('/') && !used.has(path))).toEqual([]);
  });

  it('assemble: every include resolves, none is left as a directive, each step is defined once', () => {
    for (const name of COMMANDS) {
      const source = scriptSource(name);
      expect(source, name).not.toMatch(/@include/);
      const defined = [...source.matchAll(/^local function (\w+)/gm)].map((match) => match[1]);
      expect(new Set(defined).size, name).toBe(defined.length);
    }
    // A step is defined before the step that calls it.
    expect(scriptSource('ticketsimPurchase')).toMatch(/local function withSale[\s\S]*local function withStock[\s\S]*local function reserveSeat[\s\S]*return withSale/);
  });

  it('open with a header documenting each KEYS[..], the ARGV and what they return', () => {
    for (const file of Object.values(SCRIPT_FILES)) {
      const header = /^--\[\[([\s\S]*?)\]\]/.exec(read(file))?.[1] ?? '';
      const keys = [...header.matchAll(/^\s*KEYS\[(\d+)\]/gm)].map((match) => Number(match[1]));
      expect(keys, file).toEqual(Array.from({ length: keyCountOf(file) }, (_, index) => index + 1));
      expect(header, file).toMatch(/^\s*ARGV\[1\]/m);
      expect(header, file).toMatch(/^\s*returns\s/m);
    }
  });

  it('share no run of three identical code lines between two files (a shared step goes in includes/)', () => {
    const shared = FILES.flatMap((a, index) =>
      FILES.slice(index + 1).flatMap((b) => {
        const run = longestSharedRun(codeLines(read(a)), codeLines(read(b)));
        return run.length >= 3 ? [`${a} and ${b} share ${run.length} lines:\n${run.join('\n')}`] : [];
      }),
    );
    expect(shared).toEqual([]);
  });

  it('would catch two scripts sharing a step', () => {
    const step = 'if stock <= 0 then\n  return -2\nend\n';
    expect(longestSharedRun(codeLines(`-- a\n${step}return 1`), codeLines(`--[[ b ]]\nlocal x = 1\n${step}`))).toHaveLength(3);
  });
});
