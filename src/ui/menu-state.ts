// The interactive menu's state and its keyboard reducer, kept pure: (state, key) → state + command.
// Rows: scenario, strategy, users, stock, infra, then the Run and Quit actions.
import type { Key } from 'ink';

/** The parameters the menu edits and a run starts with. */
export interface RunParams {
  scenario: string;
  strategy: string;
  users: number;
  stock: number;
  infra: string;
}

/** The values the choice rows cycle through. */
export interface MenuChoices {
  scenarios: readonly string[];
  strategies: readonly string[];
  infraModes: readonly string[];
}

/** The menu rows, top to bottom. */
export const MENU_ROWS = ['scenario', 'strategy', 'users', 'stock', 'infra', 'run', 'quit'] as const;

/** One menu row. */
export type MenuRow = (typeof MENU_ROWS)[number];

/** What the menu shows: the parameters, the selected row, and whether digits are being typed. */
export interface MenuState {
  params: RunParams;
  row: number;
  /** True after a digit was typed on a number row: further digits append instead of replacing. */
  typing: boolean;
}

/** The presets ←/→ step through on the number rows. */
export const PRESETS = {
  users: [1, 10, 100, 500, 1000, 2000, 5000, 10_000, 50_000, 100_000],
  stock: [0, 1, 10, 50, 100, 500, 1000, 10_000],
} as const;

const MAX_NUMBER = 9_999_999;

const CHOICE_LISTS = { scenario: 'scenarios', strategy: 'strategies', infra: 'infraModes' } as const;

function cycle(list: readonly string[], current: string, step: number): string {
  const index = list.indexOf(current);
  return list[(index + step + list.length) % list.length] ?? current;
}

function stepPreset(presets: readonly number[], value: number, step: number): number {
  if (step > 0) return presets.find((preset) => preset > value) ?? value;
  return presets.findLast((preset) => preset < value) ?? value;
}

function change(state: MenuState, choices: MenuChoices, step: number): MenuState {
  const row = MENU_ROWS[state.row]!;
  if (row === 'users' || row === 'stock') {
    return { ...state, typing: false, params: { ...state.params, [row]: stepPreset(PRESETS[row], state.params[row], step) } };
  }
  if (row === 'run' || row === 'quit') return state;
  const list = choices[CHOICE_LISTS[row]];
  return { ...state, params: { ...state.params, [row]: cycle(list, state.params[row], step) } };
}

function typeDigit(state: MenuState, digit: number | 'erase'): MenuState {
  const row = MENU_ROWS[state.row]!;
  if (row !== 'users' && row !== 'stock') return state;
  const current = state.params[row];
  const value = digit === 'erase' ? Math.floor(current / 10) : state.typing ? current * 10 + digit : digit;
  return { ...state, typing: true, params: { ...state.params, [row]: Math.min(MAX_NUMBER, value) } };
}

function move(state: MenuState, step: number): MenuState {
  return { ...state, typing: false, row: (state.row + step + MENU_ROWS.length) % MENU_ROWS.length };
}

/** The keys the menu reads. */
export type MenuKey = Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete' | 'ctrl'>;

/**
 * Applies one key press: ↑/↓ (k/j, tab) move, ←/→ (h/l) change the value, digits type a number,
 * backspace erases one (pasted digits count one by one), enter moves on or picks Run/Quit, `r` runs, `q`/esc/ctrl-c quit.
 */
export function menuKey(state: MenuState, choices: MenuChoices, input: string, key: MenuKey): { state: MenuState; command?: 'run' | 'quit' } {
  if (key.escape || input === 'q' || (key.ctrl && input === 'c')) return { state, command: 'quit' };
  if (input === 'r') return { state, command: 'run' };
  if (key.upArrow || input === 'k') return { state: move(state, -1) };
  if (key.downArrow || key.tab || input === 'j') return { state: move(state, 1) };
  if (key.leftArrow || input === 'h') return { state: change(state, choices, -1) };
  if (key.rightArrow || input === 'l') return { state: change(state, choices, 1) };
  if (key.backspace || key.delete) return { state: typeDigit(state, 'erase') };
  if (/^[0-9]+$/.test(input)) return { state: [...input].reduce((typed, digit) => typeDigit(typed, Number(digit)), state) };
  if (key.return) {
    const row = MENU_ROWS[state.row]!;
    if (row === 'run' || row === 'quit') return { state, command: row };
    return { state: move(state, 1) };
  }
  return { state };
}

/** Why these parameters cannot run, or undefined when they can. */
export function invalidParams(params: RunParams): string | undefined {
  if (params.users < 1) return 'users must be at least 1';
  return undefined;
}
