// The terminal's size, known one way by every screen that draws a run (the live dashboard, and the
// interactive menu's running and after-run screens): Ink's stdout columns and rows, followed when
// the terminal is resized, and the frame a dashboard may take in it.
import { useStdout } from 'ink';
import { useLayoutEffect, useState } from 'react';

/** Columns and rows of the terminal. */
export interface TerminalSize {
  columns: number;
  rows: number;
}

/** What a stream that does not say its size (not a terminal) is taken to be. */
const FALLBACK: TerminalSize = { columns: 80, rows: 24 };
/** A dashboard shorter than this is no use: its frame then scrolls instead. */
const MIN_FRAME_ROWS = 12;

/** The size of the stream Ink draws on, re-read each time it is resized. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({ columns: stdout.columns || FALLBACK.columns, rows: stdout.rows || FALLBACK.rows });
  const [size, setSize] = useState(read);
  // Subscribed as the frame is committed, so no resize after the first frame is missed.
  useLayoutEffect(() => {
    const resized = (): void => setSize(read());
    stdout.on('resize', resized);
    return () => {
      stdout.off('resize', resized);
    };
  }, [stdout]);
  return size;
}

/**
 * The frame a dashboard may take in a terminal of `size`: its whole width, and its rows less the
 * `below` lines drawn under it, the line the cursor (then the shell's prompt) takes, and one more
 * so the line above the frame stays in view.
 */
export function dashboardFrame(size: TerminalSize, below = 0): { width: number; height: number } {
  return { width: size.columns, height: Math.max(MIN_FRAME_ROWS, size.rows - 2 - below) };
}
