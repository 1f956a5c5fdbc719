// Word wrapping for what the dashboard must never cut (a failed check's observed value and detail,
// the verdict): lines of at most a given width, broken between words, with a word longer than a
// whole line broken across lines rather than dropped. Pure; widths are in characters.

/**
 * Splits `text` into lines, the first at most `first` characters wide and the others at most
 * `rest`; runs of spaces between words become one. Every word of `text` is on one of the lines;
 * only a word wider than `rest` is broken. Always at least one line (the first may be empty when
 * not even the first word fits it).
 */
export function wrapWords(text: string, first: number, rest: number = first): string[] {
  const lines: string[] = [];
  let line = '';
  const limit = (): number => Math.max(1, lines.length === 0 ? first : rest);
  for (const word of text.split(' ')) {
    if (word === '') continue;
    if (line !== '' && line.length + 1 + word.length <= limit()) {
      line += ` ${word}`;
      continue;
    }
    // A word too long for the first line but not for the others starts on the second.
    const tooLongForFirst = lines.length === 0 && word.length > limit() && word.length <= rest;
    if (line !== '' || tooLongForFirst) lines.push(line);
    let left = word;
    while (left.length > limit()) {
      lines.push(left.slice(0, limit()));
      left = left.slice(limit());
    }
    line = left;
  }
  lines.push(line);
  return lines;
}
