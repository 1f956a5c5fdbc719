// Tests of word wrapping: every word kept, no line wider than asked, breaks between words.
import { describe, expect, it } from 'vitest';
import { wrapWords } from './word-wrap.js';

describe('wrapWords', () => {
  it('breaks between words, the first line to its own width and the rest to theirs', () => {
    const text = 'over-stocked by 3,497 seats (2,498 of them in the storm)';
    expect(wrapWords(text, 20, 30)).toEqual(['over-stocked by', '3,497 seats (2,498 of them in', 'the storm)']);
    expect(wrapWords(text, 80)).toEqual([text]);
  });

  it('keeps every word and never goes over the width', () => {
    const text = '1,500 cancels honoured with no row deleted; 500 users told cancelled more than once (user-0 3 times, user-1 3 times and 498 more)';
    for (const width of [10, 17, 33, 76]) {
      const lines = wrapWords(text, width);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      expect(lines.join(' ')).toBe(text);
    }
  });

  it('starts on the second line when the first word does not fit the first, rather than break it', () => {
    expect(wrapWords('after the sell-out', 3, 20)).toEqual(['', 'after the sell-out']);
    expect(wrapWords('x after', 3, 20)).toEqual(['x', 'after']);
  });

  it('breaks a word longer than a line across lines', () => {
    expect(wrapWords('a ticketsim:{concert-abcdef}:stock b', 8)).toEqual(['a', 'ticketsi', 'm:{conce', 'rt-abcde', 'f}:stock', 'b']);
  });

  it('is one empty line for empty text, and collapses runs of spaces', () => {
    expect(wrapWords('', 10)).toEqual(['']);
    expect(wrapWords('a   b', 10)).toEqual(['a b']);
  });
});
