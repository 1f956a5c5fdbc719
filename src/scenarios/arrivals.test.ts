import { describe, expect, it } from 'vitest';
import { plannedRateArrivals } from '../config/config.js';
import { arrivalSchedule } from './arrivals.js';

describe('arrivalSchedule', () => {
  it('makes every attempt of a burst due at the release', () => {
    const schedule = arrivalSchedule({ kind: 'burst' }, 1000);
    expect(schedule.total).toBe(1000);
    expect(schedule.dueOffsetUs(999)).toBe(0);
  });

  it('spaces a constant rate evenly and stops at the duration', () => {
    const schedule = arrivalSchedule({ kind: 'rate', rate: 5000, durationMs: 10_000 }, 1_000_000);
    expect(schedule.total).toBe(50_000);
    expect(schedule.dueOffsetUs(1)).toBe(200);
    expect(schedule.dueOffsetUs(49_999)).toBeCloseTo(9_999_800, 0);
  });

  it('ramps linearly: half the arrivals after about 70% of a ramp from zero', () => {
    const plan = { kind: 'rate', rate: 1000, durationMs: 10_000, rampFrom: 0 } as const;
    expect(plannedRateArrivals(plan)).toBe(5000);
    const schedule = arrivalSchedule(plan, 1_000_000);
    expect(schedule.dueOffsetUs(2500) / 1e6).toBeCloseTo(Math.SQRT1_2 * 10, 3);
    expect(schedule.dueOffsetUs(4999) / 1e6).toBeLessThan(10);
  });

  it('never plans more than the phase offers', () => {
    expect(arrivalSchedule({ kind: 'rate', rate: 100, durationMs: 60_000 }, 10).total).toBe(10);
  });
});
