// How the dashboard's frame fits the lines it may take: while a run goes, the latency histogram
// shrinks to leave room for the rest; in the final frame the checks and the verdict (wrapped, never
// cut) get the room first, and the lines that matter less give way to them. Pure.

/** Lines drawn only when there is something to say: more operations, sql, recent seconds, write-behind, faults. */
export type Extra = 'others' | 'sql' | 'recent' | 'behind' | 'faults';

/** What the frame would draw besides its fixed lines and the histogram's bars. */
export interface FrameParts {
  /** The checks table, error cause and verdict (final frame), or the status line (while running). */
  tail: number;
  /** Lines each extra would take (0: nothing to show). */
  extras: Record<Extra, number>;
  /** The final frame, with the result: its extras and gaps may give way to the tail. */
  final: boolean;
}

/** How the frame fits: the extras it keeps, the histogram's bar rows, and whether sections keep their blank line between them. */
export interface FrameFit {
  keep: ReadonlySet<Extra>;
  rows: number;
  gaps: boolean;
}

/** Lines always drawn: header 2, progress, counters 2, and the latency title (or its one line). */
const FIXED_LINES = 6;
/** Blank lines between sections: before the progress bar, the latency and the tail. */
const GAP_LINES = 3;
const MAX_HISTOGRAM_ROWS = 10;
/** Below this many rows a histogram says little: the frame then shows percentiles only. */
const MIN_HISTOGRAM_ROWS = 2;

/** In the final frame, what gives way (in this order) when the checks and the verdict need the room. */
const GIVES_WAY: readonly Extra[] = ['recent', 'sql', 'others', 'behind', 'faults'];

/**
 * Fits a frame into `height` lines. The histogram takes the rows left (none, leaving one line of
 * percentiles, when fewer than two are left). In the final frame, while the whole does not fit,
 * the extras are dropped in {@link GIVES_WAY} order and then the blank lines between sections; what
 * still does not fit is the top of the frame (a terminal scrolls it away, the checks stay).
 */
export function fitFrame(height: number, { tail, extras, final }: FrameParts): FrameFit {
  const keep = new Set((Object.keys(extras) as Extra[]).filter((extra) => extras[extra] > 0));
  let gaps = true;
  const used = (): number => FIXED_LINES + (gaps ? GAP_LINES : 0) + tail + [...keep].reduce((sum, extra) => sum + extras[extra], 0);
  if (final) {
    for (const extra of GIVES_WAY) if (used() > height) keep.delete(extra);
    if (used() > height) gaps = false;
  }
  // The bars take their rows and push the percentiles onto a line of their own.
  const room = Math.min(MAX_HISTOGRAM_ROWS, height - used() - 1);
  return { keep, rows: room >= MIN_HISTOGRAM_ROWS ? room : 0, gaps };
}
