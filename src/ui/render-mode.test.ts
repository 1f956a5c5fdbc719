// Tests of the render mode: the dashboard only where a person watches a terminal, colour unless asked not to.
import { describe, expect, it } from 'vitest';
import { chooseRenderMode } from './render-mode.js';

describe('chooseRenderMode', () => {
  it('uses the dashboard only on a TTY outside CI, with colour unless NO_COLOR', () => {
    expect(chooseRenderMode({}, { isTTY: true })).toEqual({ mode: 'dashboard', color: true });
    expect(chooseRenderMode({}, { isTTY: false })).toEqual({ mode: 'plain', color: false });
    expect(chooseRenderMode({ CI: 'true' }, { isTTY: true })).toEqual({ mode: 'plain', color: true });
    expect(chooseRenderMode({ CI: 'false' }, { isTTY: true }).mode).toBe('dashboard');
    expect(chooseRenderMode({ NO_COLOR: '' }, { isTTY: true })).toEqual({ mode: 'plain', color: false });
    expect(chooseRenderMode({ TERM: 'dumb' }, { isTTY: true }).mode).toBe('plain');
  });
});
