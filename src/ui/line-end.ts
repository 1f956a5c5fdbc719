// Leaving the cursor at the start of a line when an Ink app ends. Ink ends a frame with a newline,
// except a frame as tall as the terminal (its "fullscreen" frame): after such a frame the shell's
// prompt would be drawn on its last line. The façades pass Ink a view of stdout that notes whether
// the last text written ended its line, and end the line themselves when it did not.
import { stripVTControlCharacters } from 'node:util';

/** A stream for Ink, and what to call once the app has exited. */
export interface LineEndWatch {
  /** Writes to the stream given, noting how the last text written ended. */
  stream: NodeJS.WriteStream;
  /** Writes a newline if the last text written did not end with one. */
  endLine(): void;
}

/**
 * Watches what is written to `stream` (escape sequences alone, such as showing the cursor, do not
 * count: they leave the cursor where it was). Everything else about the stream is the stream's own.
 */
export function watchLineEnd(stream: NodeJS.WriteStream): LineEndWatch {
  let open = false;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = stripVTControlCharacters(typeof chunk === 'string' ? chunk : String(chunk));
    if (text !== '') open = !text.endsWith('\n');
    return (stream.write as (...args: unknown[]) => boolean)(chunk, ...rest);
  };
  const view = new Proxy(stream, {
    get(target, key) {
      if (key === 'write') return write;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    stream: view,
    endLine: () => {
      if (open) stream.write('\n');
    },
  };
}
