// Verdict line: PASS (green) or FAIL (red), INTERRUPTED (yellow) when Ctrl-C stopped the run,
// and the one-line reason.
import { Text } from 'ink';
import type { RunResult } from '../../result.js';
import { formatCount, formatElapsed, verdictOf } from '../../report/format.js';

/** Props of {@link Verdict}. */
export interface VerdictProps {
  result: RunResult;
  color: boolean;
}

/** e.g. ` PASS  all 4 checks held · 1,000 attempts in 412ms`. */
export function Verdict({ result, color }: VerdictProps): React.JSX.Element {
  const verdict = verdictOf(result);
  const tint = verdict.word === 'PASS' ? 'green' : 'red';
  return (
    <Text wrap="truncate-end">
      {verdict.interrupted ? (
        <Text color={color ? 'yellow' : undefined} bold={color}>
          {'INTERRUPTED '}
        </Text>
      ) : null}
      <Text backgroundColor={color ? tint : undefined} color={color ? 'black' : undefined} bold={color}>
        {` ${verdict.word} `}
      </Text>
      {`  ${verdict.summary} · ${formatCount(result.counts.attempts)} attempts in ${formatElapsed(result.durationMs)}`}
    </Text>
  );
}
