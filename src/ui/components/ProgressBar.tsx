// Progress line: a bar with done/total, percentage, current rate and elapsed time, on one line.
import { Box, Text } from 'ink';
import { formatCount, formatElapsed, formatRate } from '../../report/format.js';

/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  done: number;
  total: number;
  /** Operations finished per second of the run so far (the run's throughput at the end). */
  ratePerSec: number;
  elapsedMs: number;
  /** Total columns available; the bar takes what the numbers leave. */
  width: number;
  color: boolean;
}

/** `███████░░░░  650/1,000  65%  2,826/s  0.2s` in exactly one line. */
export function ProgressBar(props: ProgressBarProps): React.JSX.Element {
  const { done, total, color } = props;
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const numbers = `  ${formatCount(done)}/${formatCount(total)}  ${String(Math.floor(ratio * 100)).padStart(3)}%  ${formatRate(props.ratePerSec)}  ${formatElapsed(props.elapsedMs)}`;
  const barWidth = Math.max(10, props.width - numbers.length);
  const filled = Math.round(ratio * barWidth);
  return (
    <Box>
      <Text color={color ? 'green' : undefined}>{'█'.repeat(filled)}</Text>
      <Text color={color ? 'gray' : undefined}>{'░'.repeat(barWidth - filled)}</Text>
      <Text wrap="truncate-end">{numbers}</Text>
    </Box>
  );
}
