// Tests of the line-end watch: a newline is added only after text that did not end its line.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { watchLineEnd } from './line-end.js';

/** A stream standing in for a terminal: what was written, and a terminal's own properties. */
function terminal(): { stream: NodeJS.WriteStream; written: () => string } {
  const through = new PassThrough();
  let text = '';
  through.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream: Object.assign(through, { columns: 80, rows: 24, isTTY: true }) as unknown as NodeJS.WriteStream, written: () => text };
}

describe('watchLineEnd', () => {
  it('ends a line left open by the last text, ignoring escape sequences after it', async () => {
    const { stream, written } = terminal();
    const watch = watchLineEnd(stream);
    watch.stream.write('a frame as tall as the terminal');
    watch.stream.write('\u001b[?25h');
    watch.endLine();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe('a frame as tall as the terminal\u001b[?25h\n');
  });

  it('adds nothing after a frame that ended its line, and passes the rest of the stream through', async () => {
    const { stream, written } = terminal();
    const watch = watchLineEnd(stream);
    expect(watch.stream.columns).toBe(80);
    watch.stream.write('a frame\n');
    watch.endLine();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe('a frame\n');
  });
});
