// A small seeded PRNG (sfc32, seeded through splitmix32) for the in-process infrastructure: the same
// seed gives the same latencies, jitters and therefore the same interleavings, run after run.

/** A seeded source of pseudo-random numbers. Not for cryptography. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Exponentially distributed with the given mean (a long right tail). */
  exponential(mean: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /**
   * An independent generator derived from this one. Giving each component its own fork keeps one
   * component's draws from shifting another's when code changes.
   */
  fork(): Random;
}

/** splitmix32: spreads a seed over 32-bit words so that nearby seeds give unrelated states. */
function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, 32-bit output. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

function fromWords(a: number, b: number, c: number, d: number): Random {
  const word = sfc32(a, b, c, d);
  for (let i = 0; i < 12; i++) word(); // let the state mix before the first output
  const next = (): number => word() / 4294967296;
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    exponential: (mean) => -mean * Math.log(1 - next()),
    chance: (p) => next() < p,
    fork: () => fromWords(word(), word(), word(), word()),
  };
  return random;
}

/**
 * Creates a generator from a seed (any finite number; integers up to 2^53 are all distinct seeds).
 * Same seed, same sequence.
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`random: seed must be a finite number, not ${seed}`);
  const whole = Math.trunc(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / 4294967296) >>> 0;
  const mix = splitmix32(low ^ Math.imul(high, 0x27d4eb2d));
  return fromWords(mix(), mix(), mix(), mix() ^ high);
}
