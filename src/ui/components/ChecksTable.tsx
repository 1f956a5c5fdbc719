// Checks table: one row per invariant check, ✓ green or ✗ red, expected vs observed, and the
// detail cut to the width that is left.
import { Box, Text } from 'ink';
import type { CheckResult } from '../../result.js';
import { fit } from '../../report/format.js';

/** Props of {@link ChecksTable}. */
export interface ChecksTableProps {
  checks: readonly CheckResult[];
  width: number;
  color: boolean;
}

/** Column widths from the content, capped so every row stays on one line of `width`. */
function columns(checks: readonly CheckResult[]): [name: number, expected: number, observed: number] {
  const widest = (pick: (check: CheckResult) => string, header: string, cap: number): number =>
    Math.min(cap, Math.max(header.length, ...checks.map((check) => pick(check).length)));
  return [widest((c) => c.name, 'check', 22), widest((c) => c.expected, 'expected', 24), widest((c) => c.observed, 'observed', 18)];
}

/** A header line and one line per check; nothing when no checks ran. */
export function ChecksTable({ checks, width, color }: ChecksTableProps): React.JSX.Element {
  if (checks.length === 0) return <Text color={color ? 'gray' : undefined}>no checks ran</Text>;
  const [name, expected, observed] = columns(checks);
  const row = (a: string, b: string, c: string, d: string): string =>
    `${fit(a, name)}  ${fit(b, expected)}  ${fit(c, observed)}  ${d}`.trimEnd();
  return (
    <Box flexDirection="column" width={width}>
      <Text color={color ? 'gray' : undefined} wrap="truncate-end">
        {`  ${row('check', 'expected', 'observed', 'detail')}`}
      </Text>
      {checks.map((check) => (
        <Text key={check.name} wrap="truncate-end">
          <Text color={color ? (check.ok ? 'green' : 'red') : undefined} bold={color}>
            {check.ok ? '✓ ' : '✗ '}
          </Text>
          {row(check.name, check.expected, check.observed, check.detail)}
        </Text>
      ))}
    </Box>
  );
}
