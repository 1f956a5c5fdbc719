// The interactive menu's state and its keyboard reducer, kept pure: (state, key) → state + command.
// Rows: scenario, strategy, users, the scenario's own numbers (requests per user for spam; cancel
// share, duplicates and re-buyers for cancel-storm), stock, write, fault, infra, then the Run and
// Quit actions.
import type { Key } from 'ink';
import type { WorkloadNumbers } from '../result.js';

/** A scenario's numbers as the menu edits them. */
export interface Workload extends WorkloadNumbers {
  /** A scenario that always writes this way (write-behind: behind). */
  write?: string;
}

/** The parameters the menu edits and a run starts with. */
export interface RunParams extends Workload {
  scenario: string;
  strategy: string;
  /** sync or behind; absent (no write row) means the run's default. */
  write?: string;
  /** A fault to inject (`none`: none); absent means no fault row. */
  fault?: string;
  infra: string;
}

/** The values the choice rows cycle through, and each scenario's workload defaults. */
export interface MenuChoices {
  scenarios: readonly string[];
  strategies: readonly string[];
  infraModes: readonly string[];
  /** Write modes (sync, behind) the write row cycles through. */
  writeModes?: readonly string[];
  /** Faults the fault row cycles through, `none` first. */
  faults?: readonly string[];
  /** By scenario; a scenario missing here keeps whatever numbers are set. */
  workloads?: Readonly<Record<string, Workload>>;
  /** One line on what a scenario or strategy does, by name, shown while its row is selected. */
  hints?: Readonly<Record<string, string>>;
}

/** Every menu row, top to bottom; a scenario's own rows show only for that scenario. */
export const MENU_ROWS = ['scenario', 'strategy', 'users', 'requests', 'cancels', 'dupes', 'rebuyers', 'stock', 'write', 'fault', 'infra', 'run', 'quit'] as const;

/** One menu row. */
export type MenuRow = (typeof MENU_ROWS)[number];

/** The parameters a number row can edit. */
type NumberField = 'users' | 'stock' | 'requestsPerUser' | 'cancelRatio' | 'cancelDupes' | 'rebuyers';

/** A number row: the parameter it edits, its label, presets for ←/→, and how it is shown. */
export interface NumberRowSpec {
  field: NumberField;
  label: string;
  presets: readonly number[];
  /** Shown and typed as value × scale (a fraction as a percentage); at most `max` shown. */
  scale?: number;
  max?: number;
  suffix?: string;
}

/** The rows that edit a number. */
export type NumberRow = Extract<MenuRow, 'users' | 'requests' | 'cancels' | 'dupes' | 'rebuyers' | 'stock'>;

/** The number rows. */
export const NUMBER_ROWS: Readonly<Record<NumberRow, NumberRowSpec>> = {
  users: { field: 'users', label: 'users', presets: [1, 10, 100, 500, 1000, 2000, 5000, 10_000, 50_000, 100_000] },
  requests: { field: 'requestsPerUser', label: 'requests/user', presets: [1, 2, 5, 10, 20, 50, 100, 1000] },
  cancels: { field: 'cancelRatio', label: 'cancel share', presets: [0, 10, 25, 50, 75, 100], scale: 100, max: 100, suffix: '%' },
  dupes: { field: 'cancelDupes', label: 'cancel dupes', presets: [1, 2, 3, 5, 10, 20, 50, 100], max: 100 },
  rebuyers: { field: 'rebuyers', label: 're-buyers', presets: [0, 10, 100, 500, 1000, 2000, 5000, 10_000] },
  stock: { field: 'stock', label: 'stock', presets: [0, 1, 10, 50, 100, 500, 1000, 10_000] },
};

/** True for a row that edits a number. */
export function isNumberRow(row: MenuRow): row is NumberRow {
  return row in NUMBER_ROWS;
}

/** The number a row shows (its parameter × its scale), when the scenario has the parameter. */
export function shownNumber(params: RunParams, row: NumberRow): number | undefined {
  const spec = NUMBER_ROWS[row];
  const value = params[spec.field];
  return value === undefined ? undefined : Math.round(value * (spec.scale ?? 1));
}

/**
 * The rows shown for these parameters: a scenario's own number rows only when it has them, the
 * write and fault rows when the parameters carry a write mode and a fault.
 */
export function menuRows(params: RunParams): MenuRow[] {
  return MENU_ROWS.filter((row) => {
    if (row === 'write' || row === 'fault') return params[row] !== undefined;
    return !isNumberRow(row) || shownNumber(params, row) !== undefined;
  });
}

/** The parameters with a number row set to a shown value (scaled back, capped). */
function setShown(params: RunParams, row: NumberRow, shown: number): RunParams {
  const spec = NUMBER_ROWS[row];
  const capped = Math.min(spec.max ?? MAX_NUMBER, shown);
  return { ...params, [spec.field]: capped / (spec.scale ?? 1) };
}

const OPTIONAL_FIELDS = ['requestsPerUser', 'cancelRatio', 'cancelDupes', 'rebuyers'] as const;

/**
 * Switches the scenario. A number still at the old scenario's default takes the new one's (spam
 * brings its 100 users × 20 requests), a number the user changed stays; a scenario's own numbers
 * come and go with it.
 */
function switchScenario(params: RunParams, scenario: string, choices: MenuChoices): RunParams {
  const before = choices.workloads?.[params.scenario];
  const after = choices.workloads?.[scenario];
  if (after === undefined) return { ...params, scenario };
  const carry = (field: NumberField): number | undefined =>
    params[field] === undefined || params[field] === before?.[field] ? after[field] : params[field];
  const next: RunParams = { ...params, scenario, users: carry('users')!, stock: carry('stock')! };
  // A scenario that always writes one way takes it; leaving it goes back to the default.
  if (after.write !== undefined) next.write = after.write;
  else if (before?.write !== undefined && params.write !== undefined) next.write = 'sync';
  for (const field of OPTIONAL_FIELDS) {
    if (after[field] === undefined) delete next[field];
    else next[field] = carry(field);
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

const MAX_NUMBER = 9_999_999;

const CHOICE_LISTS = { scenario: 'scenarios', strategy: 'strategies', infra: 'infraModes', write: 'writeModes', fault: 'faults' } as const;

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
    const value = stepPreset(NUMBER_ROWS[row].presets, shownNumber(state.params, row) ?? 0, step);
    return { ...state, typing: false, params: setShown(state.params, row, value) };
  }
  if (row === 'run' || row === 'quit') return state;
  // A scenario that always writes one way keeps it.
  if (row === 'write' && choices.workloads?.[state.params.scenario]?.write !== undefined) return state;
  const list = choices[CHOICE_LISTS[row]] ?? [];
  const value = cycle(list, state.params[row] ?? list[0] ?? '', step);
  if (row === 'scenario') return { ...state, params: switchScenario(state.params, value, choices) };
  return { ...state, params: { ...state.params, [row]: value } };
}

function typeDigit(state: MenuState, digit: number | 'erase'): MenuState {
  const row = selectedRow(state);
  if (!isNumberRow(row)) return state;
  const current = shownNumber(state.params, row) ?? 0;
  const value = digit === 'erase' ? Math.floor(current / 10) : state.typing ? current * 10 + digit : digit;
  return { ...state, typing: true, params: setShown(state.params, row, value) };
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
  if (params.cancelDupes !== undefined && params.cancelDupes < 1) return 'cancel dupes must be at least 1';
  return undefined;
}
