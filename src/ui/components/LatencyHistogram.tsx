// Latency histogram: log-scale buckets as horizontal bars (merged to fit a row budget), then
// p50 p90 p99 p99.9 max. Shows a waiting line until the first replies arrive.
import { Box, Text } from 'ink';
import type { LatencyOverview } from '../../result.js';
import { PERCENTILES, formatCount, formatMicros } from '../../report/format.js';
import { fitBuckets, histogramRows } from '../../report/histogram.js';

/** Props of {@link LatencyHistogram}. */
export interface LatencyHistogramProps {
  /** What is measured, e.g. `latency · purchase`. */
  title: string;
  latency: LatencyOverview | undefined;
  /** At most this many bar rows; neighbouring buckets are merged to fit. */
  maxRows: number;
  width: number;
  color: boolean;
}

/** The percentile line, e.g. `p50 406µs  p90 1.19ms  p99 3.21ms  p99.9 5.9ms  max 6.1ms`. */
function Percentiles({ latency, color }: { latency: LatencyOverview; color: boolean }): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      {PERCENTILES.map(([label, field], i) => (
        <Text key={label}>
          {i > 0 ? '  ' : ''}
          <Text color={color ? 'gray' : undefined}>{label} </Text>
          <Text bold={color}>{formatMicros(latency[field])}</Text>
        </Text>
      ))}
    </Text>
  );
}

/** One line for an operation without its own histogram: `cancel · 150 · p50 1.2ms  p90 …`. */
export function OperationLine({ operation, latency, color }: { operation: string; latency: LatencyOverview; color: boolean }): React.JSX.Element {
  return (
    <Box>
      <Text bold={color}>{`${operation} · ${formatCount(latency.count)} · `}</Text>
      <Percentiles latency={latency} color={color} />
    </Box>
  );
}

/** Title line, up to `maxRows` bar rows (`128µs–256µs ████▌ 212`), and the percentile line. */
export function LatencyHistogram(props: LatencyHistogramProps): React.JSX.Element {
  const { latency, color } = props;
  const { title } = props;
  if (!latency || latency.count === 0) {
    return <Text color={color ? 'gray' : undefined}>{`${title} · waiting for the first replies…`}</Text>;
  }
  // No room for bars: one line, as for an operation without a histogram.
  if (props.maxRows <= 0) return <OperationLine operation={title.replace(/^latency · /, '')} latency={latency} color={color} />;
  const rows = histogramRows(fitBuckets(latency.buckets, props.maxRows), props.width - 2);
  return (
    <Box flexDirection="column">
      <Text bold={color}>{`${title} · ${formatCount(latency.count)} replies`}</Text>
      {rows.map((row) => (
        <Text key={row.label} wrap="truncate-end">
          {'  '}
          <Text color={color ? 'gray' : undefined}>{row.label}</Text>
          {' '}
          <Text color={color ? 'cyan' : undefined}>{row.bar}</Text>
          {` ${row.count}`}
        </Text>
      ))}
      <Percentiles latency={latency} color={color} />
    </Box>
  );
}
