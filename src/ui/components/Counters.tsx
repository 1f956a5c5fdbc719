// Live outcome counters in a fixed 4×2 grid: purchased, sold out, duplicate, in flight,
// lock timeout, errors, cancelled, not started. Errors turn red when there are any.
import { Box, Text } from 'ink';
import type { RunCounts } from '../../result.js';
import { formatCount } from '../../report/format.js';

/** Props of {@link Counters}. */
export interface CountersProps {
  counts: RunCounts;
  inFlight: number;
  color: boolean;
}

type Cell = [label: string, value: number, tint?: 'green' | 'yellow' | 'red'];

function CounterCell({ cell, color }: { cell: Cell; color: boolean }): React.JSX.Element {
  const [label, value, tint] = cell;
  return (
    <Box width={20}>
      <Text color={color ? 'gray' : undefined}>{label.padEnd(12)}</Text>
      <Text color={color ? tint : undefined}>{formatCount(value).padStart(7)}</Text>
    </Box>
  );
}

/** Two lines of four counters, each 20 columns wide (80 in all). */
export function Counters({ counts, inFlight, color }: CountersProps): React.JSX.Element {
  const rows: Cell[][] = [
    [
      ['purchased', counts.purchased, 'green'],
      ['sold out', counts.soldOut, 'yellow'],
      ['duplicate', counts.duplicate],
      ['in flight', inFlight],
    ],
    [
      ['lock timeout', counts.lockTimeout, counts.lockTimeout > 0 ? 'yellow' : undefined],
      ['errors', counts.errors, counts.errors > 0 ? 'red' : undefined],
      ['cancelled', counts.cancelled],
      ['not started', counts.notStarted],
    ],
  ];
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Box key={i}>
          {row.map((cell) => (
            <CounterCell key={cell[0]} cell={cell} color={color} />
          ))}
        </Box>
      ))}
    </Box>
  );
}
