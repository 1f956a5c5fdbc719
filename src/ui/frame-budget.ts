// How the dashboard's frame fits the lines it may take: while a run goes, the latency histogram
// shrinks to leave room for the rest; in the final frame the checks and the verdict (wrapped, never
// cut) get the room first, and the parts that matter less give way to them, in a set order, so the
// frame stays within the terminal instead of scrolling its top away. Pure.

/** Lines drawn only when there is something to say: more operations, sql, recent seconds, write-behind, faults, a baseline. */
export type Extra = 'others' | 'sql' | 'recent' | 'behind' | 'faults' | 'baseline';

/**
 * A part of the frame that may give way: an extra, the blank lines between sections, the latency
 * line (the histogram's title, or its one line), the header's parameters line, the counters, the
 * progress bar, and the header's title line.
 */
export type Part = Extra | 'gaps' | 'latency' | 'params' | 'counters' | 'progress' | 'title';

/** What the frame would draw besides the histogram's bars. */
export interface FrameParts {
  /** The checks table, error cause and verdict (final frame), or the status line (while running). */
  tail: number;
  /** Lines each extra would take (0: nothing to show). */
  extras: Record<Extra, number>;
  /** The final frame, with the result: its other parts may give way to the tail. */
  final: boolean;
}

/** How the frame fits: the parts it keeps, the histogram's bar rows, and the lines it then takes. */
export interface FrameFit {
  keep: ReadonlySet<Part>;
  rows: number;
  lines: number;
}

/** Lines of the parts always there to draw: blank lines before the progress bar, the latency and the tail; the counters' two rows. */
const ALWAYS: Record<Exclude<Part, Extra>, number> = { gaps: 3, latency: 1, params: 1, counters: 2, progress: 1, title: 1 };
const MAX_HISTOGRAM_ROWS = 10;
/** Below this many rows a histogram says little: the frame then shows percentiles only. */
const MIN_HISTOGRAM_ROWS = 2;

/**
 * In the final frame, what gives way (in this order) when the checks and the verdict need the room:
 * the extras, the blank lines, then the top of the frame, keeping what ran and how far it got longest.
 */
const GIVES_WAY: readonly Part[] = ['recent', 'sql', 'others', 'behind', 'faults', 'baseline', 'gaps', 'latency', 'params', 'counters', 'progress', 'title'];

/**
 * Fits a frame into `height` lines. The histogram takes the rows left (none, leaving one line of
 * percentiles, when fewer than two are left). In the final frame, while the whole does not fit,
 * parts are dropped in {@link GIVES_WAY} order; only a tail taller than `height` leaves it taller.
 */
export function fitFrame(height: number, { tail, extras, final }: FrameParts): FrameFit {
  const size: Record<Part, number> = { ...ALWAYS, ...extras };
  const keep = new Set((Object.keys(size) as Part[]).filter((part) => size[part] > 0));
  const used = (): number => tail + [...keep].reduce((sum, part) => sum + size[part], 0);
  for (const part of final ? GIVES_WAY : []) if (used() > height) keep.delete(part);
  // The bars take their rows and push the percentiles onto a line of their own.
  const room = Math.min(MAX_HISTOGRAM_ROWS, height - used() - 1);
  const rows = keep.has('latency') && room >= MIN_HISTOGRAM_ROWS ? room : 0;
  return { keep, rows, lines: used() + (rows > 0 ? rows + 1 : 0) };
}
