// The interactive menu's state and its keyboard reducer, kept pure: (state, key) → state + command.
// Rows: scenario, strategy, users, requests per user (scenarios that repeat requests), stock,
// infra, then the Run and Quit actions.
import type { Key } from 'ink';

/** The parameters the menu edits and a run starts with. */
export interface RunParams {
  scenario: string;
  strategy: string;
  users: number;
  /** Only for scenarios whose users repeat their purchase (spam). */
  requestsPerUser?: number;
  stock: number;
  infra: string;
}

/** A scenario's workload defaults. */
export interface Workload {
  users: number;
  stock: number;
  requestsPerUser?: number;
}

/** The values the choice rows cycle through, and each scenario's workload defaults. */
export interface MenuChoices {
  scenarios: readonly string[];
  strategies: readonly string[];
  infraModes: readonly string[];
  /** By scenario; a scenario missing here keeps whatever numbers are set. */
  workloads?: Readonly<Record<string, Workload>>;
  /** One line on what a scenario or strategy does, by name, shown while its row is selected. */
  hints?: Readonly<Record<string, string>>;
}

/** Every menu row, top to bottom; `requests` shows only when the scenario repeats requests. */
export const MENU_ROWS = ['scenario', 'strategy', 'users', 'requests', 'stock', 'infra', 'run', 'quit'] as const;

/** One menu row. */
export type MenuRow = (typeof MENU_ROWS)[number];

/** The rows shown for these parameters. */
export function menuRows(params: RunParams): MenuRow[] {
  return MENU_ROWS.filter((row) => row !== 'requests' || params.requestsPerUser !== undefined);
}

/** The number rows and the parameter each edits. */
const NUMBER_FIELDS = { users: 'users', requests: 'requestsPerUser', stock: 'stock' } as const;
type NumberRow = keyof typeof NUMBER_FIELDS;

function isNumberRow(row: MenuRow): row is NumberRow {
  return row in NUMBER_FIELDS;
}

/**
 * Switches the scenario. A number still at the old scenario's default takes the new one's (spam
 * brings its 100 users × 20 requests), a number the user changed stays; the requests row comes
 * and goes with the scenario.
 */
function switchScenario(params: RunParams, scenario: string, choices: MenuChoices): RunParams {
  const before = choices.workloads?.[params.scenario];
  const after = choices.workloads?.[scenario];
  if (after === undefined) return { ...params, scenario };
  const carry = (field: 'users' | 'stock'): number => (before === undefined || params[field] === before[field] ? after[field] : params[field]);
  const next: RunParams = { ...params, scenario, users: carry('users'), stock: carry('stock') };
  delete next.requestsPerUser;
  if (after.requestsPerUser !== undefined) {
    const untouched = params.requestsPerUser === undefined || params.requestsPerUser === before?.requestsPerUser;
    next.requestsPerUser = untouched ? after.requestsPerUser : params.requestsPerUser;
  }
  return next;
}

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
  requests: [1, 2, 5, 10, 20, 50, 100, 1000],
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

/** The row the cursor is on. */
export function selectedRow(state: MenuState): MenuRow {
  return menuRows(state.params)[state.row] ?? 'scenario';
}

function change(state: MenuState, choices: MenuChoices, step: number): MenuState {
  const row = selectedRow(state);
  if (isNumberRow(row)) {
    const field = NUMBER_FIELDS[row];
    const value = stepPreset(PRESETS[row], state.params[field] ?? 0, step);
    return { ...state, typing: false, params: { ...state.params, [field]: value } };
  }
  if (row === 'run' || row === 'quit') return state;
  const list = choices[CHOICE_LISTS[row]];
  const value = cycle(list, state.params[row], step);
  if (row === 'scenario') return { ...state, params: switchScenario(state.params, value, choices) };
  return { ...state, params: { ...state.params, [row]: value } };
}

function typeDigit(state: MenuState, digit: number | 'erase'): MenuState {
  const row = selectedRow(state);
  if (!isNumberRow(row)) return state;
  const field = NUMBER_FIELDS[row];
  const current = state.params[field] ?? 0;
  const value = digit === 'erase' ? Math.floor(current / 10) : state.typing ? current * 10 + digit : digit;
  return { ...state, typing: true, params: { ...state.params, [field]: Math.min(MAX_NUMBER, value) } };
}

function move(state: MenuState, step: number): MenuState {
  const count = menuRows(state.params).length;
  return { ...state, typing: false, row: (state.row + step + count) % count };
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
    const row = selectedRow(state);
    if (row === 'run' || row === 'quit') return { state, command: row };
    return { state: move(state, 1) };
  }
  return { state };
}

/** Why these parameters cannot run, or undefined when they can. */
export function invalidParams(params: RunParams): string | undefined {
  if (params.users < 1) return 'users must be at least 1';
  if (params.requestsPerUser !== undefined && params.requestsPerUser < 1) return 'requests per user must be at least 1';
  return undefined;
}
