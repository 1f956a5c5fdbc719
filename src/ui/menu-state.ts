// The interactive menu's state and its keyboard reducer, kept pure: (state, key) → state + command.
// Rows: scenario, target (the built-in engine or a target file), strategy, a number row for each
// workload option the options table gives one (users, the scenario's own numbers, stock), write,
// fault, infra, then the Run and Quit actions. A target file drives someone's own service: the
// engine's rows (strategy, write, fault, infra) hide while one is chosen.
import type { Key } from 'ink';
import { MENU_OPTION_KEYS, optionOf } from '../config/workload-options.js';
import type { MenuOptionKey } from '../config/workload-options.js';

/** A scenario's numbers as the menu edits them, by option (users, stock, requestsPerUser, …). */
export type Workload = { [K in MenuOptionKey]?: number } & {
  /** A scenario that always writes this way (write-behind: behind). */
  write?: string;
};

/** The parameters the menu edits and a run starts with. */
export interface RunParams extends Workload {
  scenario: string;
  /** A target file's path, or {@link ENGINE}; absent means no target row. */
  target?: string;
  strategy: string;
  /** sync or behind; absent (no write row) means the run's default. */
  write?: string;
  /** A fault to inject (`none`: none); absent means no fault row. */
  fault?: string;
  infra: string;
}

/** The target row's choice that runs the built-in engine. */
export const ENGINE = 'engine';

/** The values the choice rows cycle through, and each scenario's workload defaults. */
export interface MenuChoices {
  scenarios: readonly string[];
  /** {@link ENGINE} first, then the target files found. */
  targets?: readonly string[];
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

/** A row that edits a number: the workload option it sets. */
export type NumberRow = MenuOptionKey;

/** A menu row: a choice, a number, or an action. */
export type MenuRow = 'scenario' | 'target' | 'strategy' | NumberRow | 'write' | 'fault' | 'infra' | 'run' | 'quit';

/** Every menu row, top to bottom; a scenario's own rows show only for that scenario. */
export const MENU_ROWS: readonly MenuRow[] = ['scenario', 'target', 'strategy', ...MENU_OPTION_KEYS, 'write', 'fault', 'infra', 'run', 'quit'];

/** The rows that set up the built-in engine, hidden while a target file is chosen. */
const ENGINE_ROWS: ReadonlySet<MenuRow> = new Set(['strategy', 'write', 'fault', 'infra']);

/** True when the parameters drive a target file's service rather than the built-in engine. */
export function drivesTarget(params: RunParams): params is RunParams & { target: string } {
  return params.target !== undefined && params.target !== ENGINE;
}

/** How a number row shows its option: its label, presets for ←/→, and its bounds, all as shown. */
export interface NumberRowSpec {
  label: string;
  presets: readonly number[];
  /** Shown and typed as value × scale (a fraction as a percentage). */
  scale: number;
  min: number;
  max: number;
  suffix: string;
  /** The option's name in a message: `requests per user`. */
  name: string;
}

/** A number row of an option, from its entry of the options table. */
function numberRow(key: NumberRow): NumberRowSpec {
  const { kind, label, menu } = optionOf(key);
  const fraction = kind.type === 'fraction';
  const scale = fraction ? 100 : 1;
  const [min, max] = kind.type === 'whole' || kind.type === 'range' ? [kind.min, kind.max] : kind.type === 'above-zero' ? [0, kind.max] : [0, 1];
  return {
    label: menu?.label ?? label,
    presets: (menu?.presets ?? []).map((preset) => Math.round(preset * scale)),
    scale,
    min: min * scale,
    max: max * scale,
    suffix: fraction ? '%' : '',
    name: label,
  };
}

/** The number rows, by option. */
export const NUMBER_ROWS: Readonly<Record<NumberRow, NumberRowSpec>> = Object.fromEntries(MENU_OPTION_KEYS.map((key) => [key, numberRow(key)])) as Record<
  NumberRow,
  NumberRowSpec
>;

/** True for a row that edits a number. */
export function isNumberRow(row: MenuRow): row is NumberRow {
  return row in NUMBER_ROWS;
}

/** The number a row shows (its parameter × its scale), when the scenario has the parameter. */
export function shownNumber(params: RunParams, row: NumberRow): number | undefined {
  const value = params[row];
  return value === undefined ? undefined : Math.round(value * NUMBER_ROWS[row].scale);
}

/**
 * The rows shown for these parameters: a scenario's own number rows only when it has them, the
 * target, write and fault rows when the parameters carry them, the engine's rows only for the engine.
 */
export function menuRows(params: RunParams): MenuRow[] {
  return MENU_ROWS.filter((row) => {
    if (ENGINE_ROWS.has(row) && drivesTarget(params)) return false;
    if (row === 'target' || row === 'write' || row === 'fault') return params[row] !== undefined;
    return !isNumberRow(row) || shownNumber(params, row) !== undefined;
  });
}

/** The parameters with a number row set to a shown value (scaled back, capped). */
function setShown(params: RunParams, row: NumberRow, shown: number): RunParams {
  const spec = NUMBER_ROWS[row];
  return { ...params, [row]: Math.min(spec.max, shown) / spec.scale };
}

/**
 * Switches the scenario. A number still at the old scenario's default takes the new one's (spam
 * brings its 100 users × 20 requests), a number the user changed stays; a scenario's own numbers
 * come and go with it.
 */
function switchScenario(params: RunParams, scenario: string, choices: MenuChoices): RunParams {
  const before = choices.workloads?.[params.scenario];
  const after = choices.workloads?.[scenario];
  if (after === undefined) return { ...params, scenario };
  const next: RunParams = { ...params, scenario };
  // A scenario that always writes one way takes it; leaving it goes back to the default.
  if (after.write !== undefined) next.write = after.write;
  else if (before?.write !== undefined && params.write !== undefined) next.write = 'sync';
  for (const field of MENU_OPTION_KEYS) {
    if (after[field] === undefined) delete next[field];
    else next[field] = params[field] === undefined || params[field] === before?.[field] ? after[field] : params[field];
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

const CHOICE_LISTS = { scenario: 'scenarios', target: 'targets', strategy: 'strategies', infra: 'infraModes', write: 'writeModes', fault: 'faults' } as const;

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

/** Why these parameters cannot run (the first number below its option's least), or undefined when they can. */
export function invalidParams(params: RunParams): string | undefined {
  const low = MENU_OPTION_KEYS.find((row) => {
    const shown = shownNumber(params, row);
    return shown !== undefined && shown < NUMBER_ROWS[row].min;
  });
  return low === undefined ? undefined : `${NUMBER_ROWS[low].name} must be at least ${NUMBER_ROWS[low].min}${NUMBER_ROWS[low].suffix}`;
}
