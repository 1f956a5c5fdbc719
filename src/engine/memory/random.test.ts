// Tests of the seeded PRNG: reproducible, in range, independent forks.
import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';

const draw = (seed: number, n = 100): number[] => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('gives the same sequence for the same seed and different ones for different seeds', () => {
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(Number.MAX_SAFE_INTEGER)).not.toEqual(draw(Number.MAX_SAFE_INTEGER - 1));
    expect(draw(0)).not.toEqual(draw(2 ** 32)); // the high word counts
  });

  it('stays in range and is roughly uniform', () => {
    const values = draw(99, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('has helpers for ranges, integers, tails and coin flips', () => {
    const random = createRandom(5);
    for (let i = 0; i < 1000; i++) {
      const x = random.between(2, 3);
      expect(x >= 2 && x < 3).toBe(true);
      const n = random.int(1, 6);
      expect(Number.isInteger(n) && n >= 1 && n <= 6).toBe(true);
      expect(random.exponential(0.5)).toBeGreaterThanOrEqual(0);
    }
    expect(random.chance(0)).toBe(false);
    expect(random.chance(1)).toBe(true);
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });

  it('forks reproducibly into independent streams', () => {
    const a = createRandom(8);
    const b = createRandom(8);
    const [fa, fb] = [a.fork(), b.fork()];
    expect([fa.next(), fa.next()]).toEqual([fb.next(), fb.next()]);
    expect(a.fork().next()).not.toBe(a.fork().next());
  });
});
