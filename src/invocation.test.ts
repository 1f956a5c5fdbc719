// Tests of how a printed command line names ticketsim: on PATH, under npx, or by its path.
import { describe, expect, it } from 'vitest';
import { invokedAs, programOf } from './invocation.js';
import type { InvocationFacts } from './invocation.js';

const LAUNCHER = '/home/ana/ticketsim/bin/ticketsim';

/** Facts of a machine whose executables are `links` (path → real path). */
function facts(overrides: Partial<InvocationFacts>, links: Record<string, string> = {}): InvocationFacts {
  const files: Record<string, string> = { [LAUNCHER]: LAUNCHER, ...links };
  return {
    script: LAUNCHER,
    launcher: LAUNCHER,
    cwd: '/home/ana/ticketsim',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    executable: (path) => files[path],
    ...overrides,
  };
}

describe('programOf', () => {
  it('says ticketsim when that name on PATH is this launcher', () => {
    expect(programOf(facts({}, { '/usr/local/bin/ticketsim': LAUNCHER }))).toBe('ticketsim');
  });

  it('gives the launcher path when ticketsim is not on PATH, or is another one', () => {
    expect(programOf(facts({}))).toBe('./bin/ticketsim');
    expect(programOf(facts({}, { '/usr/bin/ticketsim': '/opt/old-ticketsim/bin/ticketsim' }))).toBe('./bin/ticketsim');
    expect(programOf(facts({ cwd: '/tmp' }))).toBe(LAUNCHER);
  });

  it('keeps the path the user ran, and the launcher when node ran the built CLI', () => {
    const link = '/home/ana/shop/node_modules/.bin/ticketsim';
    expect(programOf(facts({ script: link, cwd: '/home/ana/shop' }, { [link]: LAUNCHER }))).toBe('./node_modules/.bin/ticketsim');
    expect(programOf(facts({ script: '/home/ana/ticketsim/dist/cli/main.js' }))).toBe('./bin/ticketsim');
  });

  it('says npx ticketsim when npx ran this launcher', () => {
    const cached = '/root/.npm/_npx/4ece31828cc332c3/node_modules/.bin/ticketsim';
    expect(programOf(facts({ script: cached, env: { npm_command: 'exec' } }, { [cached]: LAUNCHER }))).toBe('npx ticketsim');
    // A ticketsim started by an npm script (a bench, a test) is not npx's.
    expect(programOf(facts({ env: { npm_command: 'exec' } }))).toBe('./bin/ticketsim');
  });

  it('quotes a path the shell would split', () => {
    const spaced = '/home/ana/my tools/ticketsim/bin/ticketsim';
    expect(programOf(facts({ script: spaced, launcher: spaced, cwd: '/tmp' }, { [spaced]: spaced }))).toBe(`'${spaced}'`);
  });
});

describe('invokedAs', () => {
  it('decides once per process', () => {
    expect(invokedAs()).toBe(invokedAs());
    expect(invokedAs()).toMatch(/ticketsim$/);
  });
});
