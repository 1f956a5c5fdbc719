// Verdict: PASS (green) or FAIL (red), INTERRUPTED (yellow) when Ctrl-C stopped the run, and the
// reason, word-wrapped in the width given (never cut) under the text after the badge.
import { Box, Text } from 'ink';
import type { RunResult } from '../../result.js';
import { formatCount, formatElapsed, verdictOf } from '../../report/format.js';
import { wrapWords } from '../word-wrap.js';

/** Props of {@link Verdict}. */
export interface VerdictProps {
  result: RunResult;
  /** Columns to wrap the reason in. */
  width: number;
  color: boolean;
}

/** What the verdict shows: the badges, and the reason's lines (the first beside the badges). */
export function verdictLines(result: RunResult, width: number): { interrupted: boolean; word: string; lines: string[] } {
  const verdict = verdictOf(result);
  const badges = (verdict.interrupted ? 'INTERRUPTED '.length : 0) + ` ${verdict.word} `.length + 2;
  const reason = `${verdict.summary} · ${formatCount(result.counts.attempts)} attempts in ${formatElapsed(result.durationMs)}`;
  const lines = wrapWords(reason, width - badges).map((line, i) => (i === 0 ? `  ${line}` : `${' '.repeat(badges)}${line}`));
  return { interrupted: verdict.interrupted, word: verdict.word, lines };
}

/** e.g. ` PASS   all 4 checks held · 1,000 attempts in 412ms`, on as many lines as the reason needs. */
export function Verdict({ result, width, color }: VerdictProps): React.JSX.Element {
  const { interrupted, word, lines } = verdictLines(result, width);
  const [first, ...more] = lines;
  return (
    <Box flexDirection="column">
      <Text>
        {interrupted ? (
          <Text color={color ? 'yellow' : undefined} bold={color}>
            {'INTERRUPTED '}
          </Text>
        ) : null}
        <Text backgroundColor={color ? (word === 'PASS' ? 'green' : 'red') : undefined} color={color ? 'black' : undefined} bold={color}>
          {` ${word} `}
        </Text>
        {first}
      </Text>
      {more.map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
    </Box>
  );
}
