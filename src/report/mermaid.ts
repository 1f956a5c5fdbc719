// Mermaid `xychart-beta` charts for the markdown reports (quoted category labels, numeric series),
// and the latency histogram as one: a bar per bucket, followed by a fenced text bar chart fallback.
import type { HistogramBucket } from '../result.js';
import { formatBucketLabel } from './format.js';
import { textHistogram, trimBuckets } from './histogram.js';

/** A string mermaid's xychart lexer reads as one quoted token (it allows anything but `"`). */
function quoted(text: string): string {
  return `"${text.replaceAll('"', "'")}"`;
}

/** One data series of an xychart: bars or a line, its values in category order. */
export interface ChartSeries {
  kind: 'bar' | 'line';
  values: readonly number[];
}

/**
 * A mermaid `xychart-beta` chart over named categories. Series are drawn in the order given, each
 * over the ones before: bars of a larger series first leave the smaller in front, readable both
 * where mermaid groups them and where it overlays them.
 */
export function xyChart(title: string, xAxis: string, categories: readonly string[], yAxis: string, series: readonly ChartSeries[]): string {
  return [
    '```mermaid',
    'xychart-beta',
    `    title ${quoted(title)}`,
    `    x-axis ${quoted(xAxis)} [${categories.map(quoted).join(', ')}]`,
    `    y-axis ${quoted(yAxis)}`,
    ...series.map((s) => `    ${s.kind} [${s.values.join(', ')}]`),
    '```',
  ].join('\n');
}

/**
 * A mermaid `xychart-beta` bar chart of the buckets, empty edges trimmed. The bar values are the
 * bucket counts exactly, in bucket order.
 */
export function mermaidHistogram(title: string, buckets: readonly HistogramBucket[]): string {
  const rows = trimBuckets(buckets);
  const labels = rows.map((bucket) => formatBucketLabel(bucket.fromUs, bucket.toUs));
  return xyChart(title, 'latency', labels, 'attempts', [{ kind: 'bar', values: rows.map((bucket) => bucket.count) }]);
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
