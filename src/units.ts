// Figures in human units, shared by every layer that words a measurement: the report and the
// dashboard (through report/format.ts), and the runner's threshold checks.

/** `1000` → `1,000`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Three significant digits, trailing zeros dropped: `4.10` → `4.1`, `131.07` → `131`. */
export function threeDigits(value: number): string {
  const fixed = value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** A latency in microseconds, scaled: `812µs`, `1.94ms`, `1.05s`. */
export function formatMicros(us: number): string {
  if (Math.round(us) < 1000) return `${Math.round(us)}µs`;
  if (Number(threeDigits(us / 1000)) < 1000) return `${threeDigits(us / 1000)}ms`;
  return `${threeDigits(us / 1_000_000)}s`;
}

/**
 * A 0–1 share as a percentage: `42%`; near the ends one decimal, cut rather than rounded, so a
 * share short of the whole never reads 100% and a share above nothing never reads 0% (`<0.1%`).
 */
export function formatPercent(share: number): string {
  const value = share * 100;
  if (value > 0 && value < 0.1) return '<0.1%';
  const nearTheEnds = (value >= 99 && value < 100) || value < 10;
  const text = nearTheEnds ? (Math.floor(value * 10) / 10).toFixed(1) : value.toFixed(0);
  return `${text.replace(/\.0$/, '')}%`;
}

/** A rate per second: `2,427/s`. */
export function formatRate(perSecond: number): string {
  return `${formatCount(perSecond)}/s`;
}

/** A figure in its unit: µs as a time, per second as a rate, a 0–1 share as a percentage. */
export function formatFigure(value: number, unit: 'us' | 'per-second' | 'share'): string {
  if (unit === 'us') return formatMicros(value);
  return unit === 'per-second' ? formatRate(value) : `${threeDigits(value * 100)}%`;
}

/**
 * A change against a baseline: relative, `+28%`, `−12%`, `0%`, `+∞`; for a share (an error rate),
 * the difference in percentage points, `+0.5 pts`.
 */
export function formatChange(change: number, unit: 'us' | 'per-second' | 'share'): string {
  if (!Number.isFinite(change)) return change > 0 ? '+∞' : '−∞';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  const digits = threeDigits(Math.abs(change) * 100);
  return unit === 'share' ? `${sign}${digits} pts` : `${sign}${digits}%`;
}

/** Words as a sentence lists them: `a`, `a and b`, `a, b or c`. */
export function wordList(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
