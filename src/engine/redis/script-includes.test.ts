import { describe, expect, it } from 'vitest';
import { assembleScript, includesOf } from './script-includes.js';

/** A reader over files given in memory; a missing one throws as readFileSync would. */
function files(entries: Record<string, string>) {
  return (path: string): string => {
    const text = entries[path];
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
    return text;
  };
}

describe('assembleScript', () => {
  it('replaces each include line by the file it names, relative to the including file', () => {
    const read = files({
      'a-1.lua': '-- a\n--- @include "includes/step"\nreturn step()\n',
      'includes/step.lua': '--- @include "helper.lua"\nlocal function step() return helper() end\n',
      'includes/helper.lua': 'local function helper() return 1 end\n',
    });
    expect(assembleScript('a-1.lua', read)).toBe(
      '-- a\nlocal function helper() return 1 end\nlocal function step() return helper() end\nreturn step()\n',
    );
    expect(includesOf('a-1.lua', read('a-1.lua'))).toEqual(['includes/step.lua']);
  });

  it('puts a file in a script once, however often it is included', () => {
    const read = files({
      'b-1.lua': '--- @include "includes/x"\n--- @include "includes/y"\n--- @include "includes/x"\nreturn 1',
      'includes/x.lua': 'X',
      'includes/y.lua': '--- @include "x"\nY',
    });
    expect(assembleScript('b-1.lua', read)).toBe('X\nY\nreturn 1');
  });

  it('names the script and the include that cannot be read', () => {
    const read = files({ 'c-1.lua': '--- @include "includes/gone"\n' });
    expect(() => assembleScript('c-1.lua', read)).toThrow(/^c-1\.lua includes includes\/gone\.lua, which cannot be read \(ENOENT/);
  });

  it('refuses an include that comes back round', () => {
    const read = files({
      'd-1.lua': '--- @include "includes/p"\n',
      'includes/p.lua': '--- @include "q"\n',
      'includes/q.lua': '--- @include "p"\n',
    });
    expect(() => assembleScript('d-1.lua', read)).toThrow('Lua include cycle: d-1.lua → includes/p.lua → includes/q.lua → includes/p.lua');
  });
});
