// Live outcome counters in a 4×2 grid: purchased, sold out, duplicate, in flight, lock timeout,
// errors, and the two counters that say most about this run (not started, cancelled, re-bought,
// cancels that found no purchase, locks taken, repeat buyers turned away before the lock). Labels
// are plain words of at most 12 characters. Errors turn red when there are any.
import { Box, Text } from 'ink';
import type { GuardCounts, RunCounts } from '../../result.js';
import { formatCount } from '../../report/format.js';

/** Props of {@link Counters}. */
export interface CountersProps {
  counts: RunCounts;
  guards: GuardCounts;
  inFlight: number;
  /** Against someone's own service: its unknown answers stand where the engine's lock timeouts do. */
  target?: boolean;
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

/**
 * The last two cells: whichever of not started, cancelled, locks taken and turned away has
 * something to say (in that order), then cancelled and not started as the quiet default.
 */
function lastCells(counts: RunCounts, guards: GuardCounts, shown: string): Cell[] {
  const locking = guards.lockRequests > 0 || guards.rejectedBeforeLock > 0;
  const cancelling = counts.cancelled + counts.notPurchased > 0;
  const candidates: [Cell, boolean][] = [
    [['not started', counts.notStarted], counts.notStarted > 0],
    [['unknown', counts.unknown], counts.unknown > 0],
    [['rejected', counts.rejected], counts.rejected > 0],
    [['cancelled', counts.cancelled], cancelling],
    [['re-bought', counts.rebought], cancelling],
    [['no purchase', counts.notPurchased], cancelling],
    [['locks taken', guards.locksGranted], locking],
    // Repeat buyers the look-up before the lock turned away (precheck, dcl): they never asked for it.
    [['turned away', guards.rejectedBeforeLock], locking],
    [['cancelled', counts.cancelled], true],
    [['not started', counts.notStarted], true],
  ];
  const chosen: Cell[] = [];
  for (const [cell, relevant] of candidates) {
    if (relevant && chosen.length < 2 && cell[0] !== shown && !chosen.some((c) => c[0] === cell[0])) chosen.push(cell);
  }
  return chosen;
}

/** Two lines of four counters, each 20 columns wide (80 in all). */
export function Counters({ counts, guards, inFlight, target, color }: CountersProps): React.JSX.Element {
  const first: Cell =
    target === true ? ['unknown', counts.unknown, counts.unknown > 0 ? 'yellow' : undefined] : ['lock timeout', counts.lockTimeout, counts.lockTimeout > 0 ? 'yellow' : undefined];
  const rows: Cell[][] = [
    [
      ['purchased', counts.purchased, 'green'],
      ['sold out', counts.soldOut, 'yellow'],
      ['duplicate', counts.duplicate],
      ['in flight', inFlight],
    ],
    [
      first,
      ['errors', counts.errors, counts.errors > 0 ? 'red' : undefined],
      ...lastCells(counts, guards, first[0]),
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
