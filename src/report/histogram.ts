// Text bar charts: the log-scale latency histogram's helpers (trim empty edges, merge neighbours
// until the bars fit a row budget), a bar in eighth-blocks, and bars on a log scale for values
// orders of magnitude apart. Used by the dashboard and the markdown fallbacks.
import type { HistogramBucket } from '../result.js';
import { formatBucketLabel, formatCount } from './format.js';

/** Drops the empty buckets before the first and after the last non-empty one. */
export function trimBuckets(buckets: readonly HistogramBucket[]): HistogramBucket[] {
  const first = buckets.findIndex((bucket) => bucket.count > 0);
  if (first === -1) return [];
  const last = buckets.findLastIndex((bucket) => bucket.count > 0);
  return buckets.slice(first, last + 1);
}

/**
 * Trims the buckets, then merges neighbours until at most `maxRows` remain, always the adjacent
 * pair with the fewest samples, so the busy middle keeps its resolution. Every sample is kept
 * (counts add up) and each row's label still names its exact range.
 */
export function fitBuckets(buckets: readonly HistogramBucket[], maxRows: number): HistogramBucket[] {
  const rows = trimBuckets(buckets);
  while (rows.length > Math.max(1, maxRows)) {
    let best = 0;
    for (let i = 1; i < rows.length - 1; i++) {
      if (rows[i]!.count + rows[i + 1]!.count < rows[best]!.count + rows[best + 1]!.count) best = i;
    }
    const [a, b] = [rows[best]!, rows[best + 1]!];
    rows.splice(best, 2, { fromUs: a.fromUs, toUs: b.toUs, count: a.count + b.count });
  }
  return rows;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar `width` cells long at full scale; any non-zero count shows at least `▏`. */
export function drawBar(count: number, max: number, width: number): string {
  if (count <= 0 || max <= 0 || width <= 0) return '';
  const eighths = Math.max(1, Math.round((count / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}

/** One histogram row, laid out for a text bar chart. */
export interface HistogramRow {
  label: string;
  bar: string;
  count: string;
}

/**
 * Lays out bucket rows to fit `width` columns: labels padded to one width, counts right-aligned,
 * bars scaled to the largest bucket. Callers add colour.
 */
export function histogramRows(buckets: readonly HistogramBucket[], width: number): HistogramRow[] {
  const labels = buckets.map((bucket) => formatBucketLabel(bucket.fromUs, bucket.toUs));
  const counts = buckets.map((bucket) => formatCount(bucket.count));
  const labelWidth = Math.max(0, ...labels.map((label) => label.length));
  const countWidth = Math.max(0, ...counts.map((count) => count.length));
  const barWidth = Math.max(1, width - labelWidth - countWidth - 2);
  const max = Math.max(0, ...buckets.map((bucket) => bucket.count));
  return buckets.map((bucket, i) => ({
    label: labels[i]!.padEnd(labelWidth),
    bar: drawBar(bucket.count, max, barWidth).padEnd(barWidth),
    count: counts[i]!.padStart(countWidth),
  }));
}

/** A plain text bar chart, one line per bucket, at most `width` columns wide. */
export function textHistogram(buckets: readonly HistogramBucket[], width: number): string[] {
  return histogramRows(buckets, width).map((row) => `${row.label} ${row.bar} ${row.count}`.trimEnd());
}

/** One bar of {@link logScaleBars}: its label, its value, and the value as printed beside it. */
export interface LogBar {
  label: string;
  value: number;
  shown: string;
}

/**
 * Bars on a log scale, for values orders of magnitude apart (one run 50× another): the axis starts
 * a decade below the smallest non-zero value, so the smallest bar still spans a decade and every
 * length reads as orders of magnitude. A zero gets no bar. Ends with a line giving the scale.
 */
export function logScaleBars(bars: readonly LogBar[], width: number): string[] {
  const positive = bars.map((bar) => bar.value).filter((value) => value > 0);
  const floor = positive.length === 0 ? 1 : Math.min(...positive) / 10;
  const decades = positive.length === 0 ? 1 : Math.log10(Math.max(...positive) / floor);
  const labelWidth = Math.max(0, ...bars.map((bar) => bar.label.length));
  const shownWidth = Math.max(0, ...bars.map((bar) => bar.shown.length));
  const lines = bars.map((bar) => {
    const length = bar.value > 0 ? Math.log10(bar.value / floor) : 0;
    return `${bar.label.padEnd(labelWidth)} ${drawBar(length, decades, width).padEnd(width)} ${bar.shown.padStart(shownWidth)}`.trimEnd();
  });
  return positive.length === 0 ? lines : [...lines, `(log scale: ${(width / decades).toFixed(1)} cells for each ×10)`];
}
