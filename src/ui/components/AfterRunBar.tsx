// The action bar under a finished run in interactive mode: run again, change parameters, export
// the report, quit; the selected one highlighted, and a notice line (e.g. the report's path).
import { Box, Text } from 'ink';

/** The actions after a run, left to right. */
export const AFTER_ACTIONS = ['run again', 'change parameters', 'export report', 'quit'] as const;

/** One action after a run. */
export type AfterAction = (typeof AFTER_ACTIONS)[number];

/** The shortcut key of each action. */
export const AFTER_KEYS: Record<string, AfterAction> = { r: 'run again', c: 'change parameters', e: 'export report', q: 'quit' };

/** Props of {@link AfterRunBar}. */
export interface AfterRunBarProps {
  selected: number;
  notice?: string | undefined;
  color: boolean;
}

/** `❯ [r]un again   [c]hange parameters   [e]xport report   [q]uit`, then the notice if any. */
export function AfterRunBar({ selected, notice, color }: AfterRunBarProps): React.JSX.Element {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {AFTER_ACTIONS.map((action, i) => (
          <Text key={action}>
            {i === selected ? '❯ ' : '  '}
            <Text bold={color && i === selected} inverse={color && i === selected}>{`[${action[0]}]${action.slice(1)}`}</Text>
            {' '}
          </Text>
        ))}
      </Text>
      {notice ? <Text color={color ? 'yellow' : undefined} wrap="truncate-end">{notice}</Text> : null}
    </Box>
  );
}
