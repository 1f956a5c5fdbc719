// The latency histogram as markdown: a mermaid `xychart-beta` bar chart (quoted category labels,
// one numeric bar series equal to the bucket counts) followed by a fenced text bar chart fallback.
import type { HistogramBucket } from '../result.js';
import { formatBucketLabel } from './format.js';
import { textHistogram, trimBuckets } from './histogram.js';

/** A string mermaid's xychart lexer reads as one quoted token (it allows anything but `"`). */
function quoted(text: string): string {
  return `"${text.replaceAll('"', "'")}"`;
}

/**
 * A mermaid `xychart-beta` bar chart of the buckets, empty edges trimmed. The bar values are the
 * bucket counts exactly, in bucket order.
 */
export function mermaidHistogram(title: string, buckets: readonly HistogramBucket[]): string {
  const rows = trimBuckets(buckets);
  const labels = rows.map((bucket) => quoted(formatBucketLabel(bucket.fromUs, bucket.toUs)));
  return [
    '```mermaid',
    'xychart-beta',
    `    title ${quoted(title)}`,
    `    x-axis "latency" [${labels.join(', ')}]`,
    `    y-axis "attempts"`,
    `    bar [${rows.map((bucket) => String(bucket.count)).join(', ')}]`,
    '```',
  ].join('\n');
}

/** The same histogram as a fenced text bar chart, for renderers without mermaid. */
export function textHistogramBlock(buckets: readonly HistogramBucket[]): string {
  return ['```text', ...textHistogram(trimBuckets(buckets), 72), '```'].join('\n');
}

/** Both renderings of one operation's histogram, or a note when it has no samples. */
export function histogramSection(title: string, buckets: readonly HistogramBucket[]): string {
  if (trimBuckets(buckets).length === 0) return '_No latency samples were recorded._';
  return `${mermaidHistogram(title, buckets)}\n\nText fallback:\n\n${textHistogramBlock(buckets)}`;
}
