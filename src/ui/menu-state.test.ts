// Unit tests of the interactive menu's keyboard reducer.
import { describe, expect, it } from 'vitest';
import { MENU_OPTION_KEYS } from '../config/workload-options.js';
import { NUMBER_ROWS, menuKey, menuRows, invalidParams, selectedRow, shownNumber, type MenuKey, type MenuState } from './menu-state.js';

const choices = {
  scenarios: ['oversell', 'spam', 'cancel-storm'],
  strategies: ['naive', 'lock', 'dcl', 'lua'],
  infraModes: ['auto', 'memory', 'real'],
  workloads: {
    oversell: { users: 1000, stock: 100 },
    spam: { users: 100, stock: 100, requestsPerUser: 20 },
    'cancel-storm': { users: 1000, stock: 100, cancelRatio: 0.5, cancelDupes: 3, rebuyers: 1000 },
  },
};
const noKey: MenuKey = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, return: false,
  escape: false, tab: false, backspace: false, delete: false, ctrl: false,
};
const start: MenuState = { params: { scenario: 'oversell', strategy: 'lua', users: 1000, stock: 100, infra: 'auto' }, row: 0, typing: false };

/** Applies keys in order: strings are typed input, objects are special keys. */
function press(state: MenuState, ...keys: (string | Partial<MenuKey>)[]): { state: MenuState; command?: 'run' | 'quit' } {
  let outcome: { state: MenuState; command?: 'run' | 'quit' } = { state };
  for (const key of keys) {
    outcome = typeof key === 'string' ? menuKey(outcome.state, choices, key, noKey) : menuKey(outcome.state, choices, '', { ...noKey, ...key });
  }
  return outcome;
}

describe('menuKey', () => {
  it('moves between rows with arrows, wrapping around', () => {
    expect(press(start, { downArrow: true }).state.row).toBe(1);
    expect(press(start, { upArrow: true }).state.row).toBe(6);
  });

  it('cycles choices with ←/→', () => {
    expect(press(start, { rightArrow: true }).state.params.scenario).toBe('spam');
    expect(press(start, { downArrow: true }, { rightArrow: true }).state.params.strategy).toBe('naive');
    expect(press(start, { downArrow: true }, { leftArrow: true }).state.params.strategy).toBe('dcl');
  });

  it('steps numbers through presets and types digits', () => {
    const users = press(start, { downArrow: true }, { downArrow: true });
    expect(press(users.state, { rightArrow: true }).state.params.users).toBe(2000);
    expect(press(users.state, { leftArrow: true }).state.params.users).toBe(500);
    const typed = press(users.state, '2', '5', '0');
    expect(typed.state.params.users).toBe(250);
    expect(press(typed.state, { backspace: true }).state.params.users).toBe(25);
    expect(press(users.state, '1200').state.params.users).toBe(1200);
  });

  it('runs and quits from the action rows or by shortcut', () => {
    expect(press(start, { upArrow: true }, { upArrow: true }, { return: true }).command).toBe('run');
    expect(press(start, { upArrow: true }, { return: true }).command).toBe('quit');
    expect(press(start, 'r').command).toBe('run');
    expect(press(start, 'q').command).toBe('quit');
    expect(press(start, { return: true }).state.row).toBe(1);
  });

  it('refuses to run without users', () => {
    expect(invalidParams({ ...start.params, users: 0 })).toBe('users must be at least 1');
    expect(invalidParams(start.params)).toBeUndefined();
  });

  it("brings the scenario's workload, and a requests row for spam, keeping numbers the user changed", () => {
    const spam = press(start, { rightArrow: true }).state;
    expect(spam.params).toMatchObject({ scenario: 'spam', users: 100, stock: 100, requestsPerUser: 20 });
    expect(menuRows(spam.params)).toEqual(['scenario', 'strategy', 'users', 'requestsPerUser', 'stock', 'infra', 'run', 'quit']);
    const typed = press(spam, { downArrow: true }, { downArrow: true }, { downArrow: true }, '1000');
    expect(selectedRow(typed.state)).toBe('requestsPerUser');
    expect(typed.state.params.requestsPerUser).toBe(1000);
    const back = press(typed.state, { upArrow: true }, { upArrow: true }, { upArrow: true }, { leftArrow: true }).state;
    expect(back.params).toEqual({ scenario: 'oversell', strategy: 'lua', users: 1000, stock: 100, infra: 'auto' });
    expect(menuRows(back.params)).not.toContain('requestsPerUser');
    const edited = press(start, { downArrow: true }, { downArrow: true }, '50', { upArrow: true }, { upArrow: true }, { rightArrow: true }).state;
    expect(edited.params).toMatchObject({ scenario: 'spam', users: 50, requestsPerUser: 20 });
  });

  it('offers cancel-storm its share (as a percentage), duplicates and re-buyers', () => {
    const storm = press(start, { leftArrow: true }).state;
    expect(storm.params).toMatchObject({ scenario: 'cancel-storm', cancelRatio: 0.5, cancelDupes: 3, rebuyers: 1000 });
    expect(menuRows(storm.params)).toEqual(['scenario', 'strategy', 'users', 'cancelRatio', 'cancelDupes', 'rebuyers', 'stock', 'infra', 'run', 'quit']);
    const share = press(storm, { downArrow: true }, { downArrow: true }, { downArrow: true });
    expect(selectedRow(share.state)).toBe('cancelRatio');
    expect(shownNumber(share.state.params, 'cancelRatio')).toBe(50);
    expect(press(share.state, '30').state.params.cancelRatio).toBe(0.3);
    expect(press(share.state, '250').state.params.cancelRatio).toBe(1);
    expect(press(share.state, { rightArrow: true }).state.params.cancelRatio).toBe(0.75);
    expect(press(storm, { rightArrow: true }).state.params).toEqual({ scenario: 'oversell', strategy: 'lua', users: 1000, stock: 100, infra: 'auto' });
  });

  it('offers a fault when the parameters carry one, cycling from none through the faults', () => {
    expect(menuRows(start.params)).not.toContain('fault');
    const withFault: MenuState = { ...start, params: { ...start.params, fault: 'none' } };
    const rows = menuRows(withFault.params);
    expect(rows.slice(rows.indexOf('stock'))).toEqual(['stock', 'fault', 'infra', 'run', 'quit']);
    const faultChoices = { ...choices, faults: ['none', 'pause-holder', 'kill-worker'] };
    const onFault = { ...withFault, row: rows.indexOf('fault') };
    expect(selectedRow(onFault)).toBe('fault');
    expect(menuKey(onFault, faultChoices, '', { ...noKey, rightArrow: true }).state.params.fault).toBe('pause-holder');
    expect(menuKey(onFault, faultChoices, '', { ...noKey, leftArrow: true }).state.params.fault).toBe('kill-worker');
  });

  it('offers the target files found, and hides the engine\'s rows while one is chosen', () => {
    expect(menuRows(start.params)).not.toContain('target');
    const targetChoices = { ...choices, targets: ['engine', 'shop.json', 'examples/targets/serve.json'] };
    const withTarget: MenuState = { ...start, params: { ...start.params, target: 'engine', fault: 'none', write: 'sync' }, row: 1 };
    expect(menuRows(withTarget.params)).toEqual(['scenario', 'target', 'strategy', 'users', 'stock', 'write', 'fault', 'infra', 'run', 'quit']);
    expect(selectedRow(withTarget)).toBe('target');
    const onShop = menuKey(withTarget, targetChoices, '', { ...noKey, rightArrow: true }).state;
    expect(onShop.params.target).toBe('shop.json');
    expect(menuRows(onShop.params)).toEqual(['scenario', 'target', 'users', 'stock', 'run', 'quit']);
    expect(menuKey(withTarget, targetChoices, '', { ...noKey, leftArrow: true }).state.params.target).toBe('examples/targets/serve.json');
    const backToEngine = menuKey(onShop, targetChoices, '', { ...noKey, leftArrow: true }).state;
    expect(menuRows(backToEngine.params)).toContain('strategy');
    expect(backToEngine.params).toMatchObject({ strategy: 'lua', infra: 'auto', write: 'sync' });
  });

  it('offers the write mode, and write-behind always writes behind', () => {
    const withWrite: MenuState = { ...start, params: { ...start.params, write: 'sync' } };
    const writeChoices = { ...choices, scenarios: [...choices.scenarios, 'write-behind'], writeModes: ['sync', 'behind'], workloads: { ...choices.workloads, 'write-behind': { users: 10_000, stock: 5000, write: 'behind' } } };
    const rows = menuRows(withWrite.params);
    expect(rows).toContain('write');
    const onWrite = { ...withWrite, row: rows.indexOf('write') };
    expect(menuKey(onWrite, writeChoices, '', { ...noKey, rightArrow: true }).state.params.write).toBe('behind');
    const wb = menuKey(withWrite, writeChoices, '', { ...noKey, leftArrow: true }).state;
    expect(wb.params).toMatchObject({ scenario: 'write-behind', write: 'behind', users: 10_000, stock: 5000 });
    const stuck = menuKey({ ...wb, row: menuRows(wb.params).indexOf('write') }, writeChoices, '', { ...noKey, rightArrow: true }).state;
    expect(stuck.params.write).toBe('behind');
    expect(menuKey(wb, writeChoices, '', { ...noKey, rightArrow: true }).state.params).toMatchObject({ scenario: 'oversell', write: 'sync' });
  });

  it('refuses zero requests per user, or no stock', () => {
    expect(invalidParams({ ...start.params, requestsPerUser: 0 })).toBe('requests per user must be at least 1');
    expect(invalidParams({ ...start.params, stock: 0 })).toBe('stock must be at least 1');
  });
});

describe('NUMBER_ROWS', () => {
  it("takes each row from its option's entry: label, presets and bounds, a fraction shown as a percentage", () => {
    expect(Object.keys(NUMBER_ROWS)).toEqual(MENU_OPTION_KEYS);
    expect(NUMBER_ROWS.requestsPerUser).toMatchObject({ label: 'requests/user', name: 'requests per user', min: 1, scale: 1, suffix: '' });
    expect(NUMBER_ROWS.cancelRatio).toMatchObject({ label: 'cancel share', presets: [0, 10, 25, 50, 75, 100], min: 0, max: 100, scale: 100, suffix: '%' });
    expect(NUMBER_ROWS.cancelDupes).toMatchObject({ max: 100 });
  });

  it('caps a typed number at the most its option takes', () => {
    const users = press(start, { downArrow: true }, { downArrow: true }).state;
    expect(press(users, '99999999').state.params.users).toBe(10_000_000);
  });
});
