// Tests of the watchdog on replies: an operation pending past the limit is rejected, one that
// settles in time passes through untouched (value or error), and a settled one is no longer watched.
import { describe, expect, it } from 'vitest';
import { ReplyWatchdog } from './reply-watchdog.js';

/** A watchdog over a clock the test sets (µs). */
function watchdog(limitMs: number): { dog: ReplyWatchdog; at(us: number): void } {
  let nowUs = 0;
  return { dog: new ReplyWatchdog(limitMs, () => nowUs), at: (us) => (nowUs = us) };
}

const never = new Promise<never>(() => undefined);

describe('ReplyWatchdog', () => {
  it('rejects an operation pending for the limit, and not a microsecond before', async () => {
    const { dog, at } = watchdog(100);
    const watched = dog.watch(never, 1_000);
    let settled = false;
    watched.catch(() => (settled = true));
    at(100_999);
    dog.sweep();
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(dog.size).toBe(1);
    at(101_000);
    dog.sweep();
    await expect(watched).rejects.toThrow('no reply within 100 ms');
    expect(dog.size).toBe(0);
  });

  it('passes a reply or an error through and stops watching the operation', async () => {
    const { dog, at } = watchdog(100);
    const value = dog.watch(Promise.resolve({ kind: 'purchased' }), 0);
    const failure = dog.watch(Promise.reject(new Error('ECONNRESET')), 0);
    await expect(value).resolves.toEqual({ kind: 'purchased' });
    await expect(failure).rejects.toThrow('ECONNRESET');
    expect(dog.size).toBe(0);
    at(1_000_000);
    dog.sweep();
    await expect(value).resolves.toEqual({ kind: 'purchased' });
  });

  it('times each operation from its own send', async () => {
    const { dog, at } = watchdog(10);
    const early = dog.watch(never, 0);
    const late = dog.watch(never, 5_000);
    early.catch(() => undefined);
    at(10_000);
    dog.sweep();
    await expect(early).rejects.toThrow('no reply within 10 ms');
    expect(dog.size).toBe(1);
    late.catch(() => undefined);
    at(15_000);
    dog.sweep();
    await expect(late).rejects.toThrow('no reply within 10 ms');
  });

  it('sweeps on its own once started, and not after it is stopped', async () => {
    const { dog, at } = watchdog(1);
    const watched = dog.watch(never, 0);
    at(1_000);
    dog.start();
    await expect(watched).rejects.toThrow('no reply within 1 ms');
    dog.stop();
    const after = dog.watch(never, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dog.size).toBe(1);
    after.catch(() => undefined);
  });
});
