import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from './deadlines.js';
import type { Expiring } from './deadlines.js';

/** An entry that records its expiry in `expired` under `name`. */
function entry(name: string, expired: string[]): Expiring {
  return { expiresAt: 0, answered: false, expire: () => expired.push(name) };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Deadlines', () => {
  it('expires each at its own time, on one timer, and never one cleared first', () => {
    const deadlines = new Deadlines(20);
    const expired: string[] = [];
    deadlines.add(entry('a', expired));
    vi.advanceTimersByTime(5);
    const b = entry('b', expired);
    deadlines.add(b);
    vi.advanceTimersByTime(5);
    deadlines.add(entry('c', expired));
    b.answered = true;
    deadlines.answered();
    vi.advanceTimersByTime(9);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['a']);
    vi.advanceTimersByTime(10);
    expect(expired).toEqual(['a', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps one timer however many wait, and starts again after going idle', () => {
    const deadlines = new Deadlines(10);
    const expired: string[] = [];
    for (let i = 0; i < 5000; i += 1) deadlines.add(entry(`e${i}`, expired));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(10);
    expect(expired).toHaveLength(5000);
    deadlines.add(entry('late', expired));
    vi.advanceTimersByTime(10);
    expect(expired.at(-1)).toBe('late');
  });
});
