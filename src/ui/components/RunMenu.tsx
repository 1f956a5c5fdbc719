// The interactive menu frame: one row per parameter (choices shown inline, numbers with ‹ ›),
// the Run and Quit actions, a key help line and an optional notice. Pure props → frame.
import { Box, Text } from 'ink';
import { formatCount } from '../../report/format.js';
import { NUMBER_ROWS, isNumberRow, menuRows, selectedRow, shownNumber, type MenuChoices, type MenuRow, type MenuState } from '../menu-state.js';

/** Props of {@link RunMenu}. */
export interface RunMenuProps {
  menu: MenuState;
  choices: MenuChoices;
  /** A line under the menu: why a run could not start, or what is happening. */
  notice?: string | undefined;
  color: boolean;
}

const LIST_OF: Partial<Record<MenuRow, 'scenarios' | 'strategies' | 'infraModes' | 'writeModes' | 'faults'>> = {
  scenario: 'scenarios',
  strategy: 'strategies',
  infra: 'infraModes',
  write: 'writeModes',
  fault: 'faults',
};

/** A row's label: a number row's own, else its name. */
function labelOf(row: MenuRow): string {
  return isNumberRow(row) ? NUMBER_ROWS[row].label : row;
}

/** What the selected choice means (a scenario's, strategy's or fault's one-liner), when the caller gave one. */
function hintOf(menu: MenuState, choices: MenuChoices): string | undefined {
  const row = selectedRow(menu);
  if (row === 'scenario' || row === 'target' || row === 'strategy' || row === 'fault') return choices.hints?.[menu.params[row] ?? ''];
  return undefined;
}

function ChoiceValue({ list, value, color }: { list: readonly string[]; value: string; color: boolean }): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      {list.map((item, i) => (
        <Text key={item}>
          {i > 0 ? ' ' : ''}
          {item === value ? (
            <Text bold={color} color={color ? 'cyan' : undefined}>{`[${item}]`}</Text>
          ) : (
            <Text color={color ? 'gray' : undefined}>{` ${item} `}</Text>
          )}
        </Text>
      ))}
    </Text>
  );
}

/** The target row: one choice at a time (paths are long), and where it is in the list. */
function TargetValue({ list, value, color }: { list: readonly string[]; value: string; color: boolean }): React.JSX.Element {
  return (
    <Text wrap="truncate-middle">
      <Text bold={color} color={color ? 'cyan' : undefined}>{`‹ ${value} ›`}</Text>
      <Text color={color ? 'gray' : undefined}>{`  ${list.indexOf(value) + 1} of ${list.length}`}</Text>
    </Text>
  );
}

function RowValue({ row, menu, choices, color }: { row: MenuRow; menu: MenuState; choices: MenuChoices; color: boolean }): React.JSX.Element | null {
  if (row === 'target') return <TargetValue list={choices.targets ?? []} value={menu.params.target ?? ''} color={color} />;
  const list = LIST_OF[row];
  if (list) return <ChoiceValue list={choices[list] ?? []} value={menu.params[row as 'scenario' | 'strategy' | 'infra' | 'write' | 'fault'] ?? ''} color={color} />;
  if (isNumberRow(row)) {
    const selected = selectedRow(menu) === row;
    const value = `${formatCount(shownNumber(menu.params, row) ?? 0)}${NUMBER_ROWS[row].suffix}`;
    return <Text bold={color && selected}>{selected && menu.typing ? `${value}▏` : `‹ ${value} ›`}</Text>;
  }
  return null;
}

/** The whole menu frame. */
export function RunMenu({ menu, choices, notice, color }: RunMenuProps): React.JSX.Element {
  return (
    <Box flexDirection="column" width={80}>
      <Text>
        <Text bold={color} color={color ? 'cyan' : undefined}>ticketsim</Text>
        {' · flash-sale stress test: choose, then run'}
      </Text>
      <Box flexDirection="column" marginY={1}>
        {menuRows(menu.params).map((row, i) => {
          const selected = i === menu.row;
          const action = row === 'run' || row === 'quit';
          return (
            <Box key={row} marginTop={row === 'run' ? 1 : 0}>
              <Text color={color && selected ? 'cyan' : undefined}>{selected ? '❯ ' : '  '}</Text>
              <Text bold={color && (selected || action)} inverse={color && selected && action}>
                {action ? (row === 'run' ? '▶ run' : '  quit') : labelOf(row).padEnd(14)}
              </Text>
              <RowValue row={row} menu={menu} choices={choices} color={color} />
            </Box>
          );
        })}
      </Box>
      <Text color={color ? 'gray' : undefined} wrap="truncate-end">
        {hintOf(menu, choices) ?? ' '}
      </Text>
      <Text color={color ? 'gray' : undefined} wrap="truncate-end">
        ↑↓ move · ←→ change · 0-9 type a number · enter select · r run · q quit
      </Text>
      {notice ? <Text color={color ? 'yellow' : undefined} wrap="truncate-end">{notice}</Text> : null}
    </Box>
  );
}
