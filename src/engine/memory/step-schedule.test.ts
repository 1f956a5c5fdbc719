// Tests of an explored run's steps: the chooser orders them, an id not ready falls back, a step
// outside any actor runs at once, a sleeping actor is not ready until its time comes, and each step
// says what it read, wrote and changed.
import { describe, expect, it } from 'vitest';
import { StepSchedule } from './step-schedule.js';
import type { ChoicePoint, StepKind } from './step-schedule.js';

const WRITE: StepKind = { store: 'Redis', label: 'SET stock', reads: [], writes: ['stock'] };
const ADD: StepKind = { store: 'Redis', label: 'SADD buyers', reads: ['buyer'], writes: ['buyer'] };

/** Two actors of two steps each over a shared counter; the chooser picks from `picks`, then falls back. */
async function twoActors(picks: number[]) {
  const points: ChoicePoint[] = [];
  const schedule = new StepSchedule({ choose: (point) => (points.push(point), picks[point.index] ?? point.fallback) });
  let stock = 0;
  schedule.watch(() => ({ stock: String(stock) }));
  const act = (id: number) => async () => {
    await schedule.step(WRITE, id, () => (stock = id));
    await schedule.step(ADD, `user-${id}`, () => 'added');
  };
  await Promise.all([schedule.actor('buy user-0', act(10)), schedule.actor('buy user-1', act(20))]);
  return { schedule, points };
}

describe('StepSchedule', () => {
  it('runs each actor to the end by default, then the next', async () => {
    const { schedule } = await twoActors([]);
    expect(schedule.steps.map((step) => [step.actor, step.label])).toEqual([
      [0, 'SET stock 10'],
      [0, 'SADD buyers user-10'],
      [1, 'SET stock 20'],
      [1, 'SADD buyers user-20'],
    ]);
    expect(schedule.steps.map((step) => step.preempted)).toEqual([false, false, false, false]);
  });

  it('runs the actor the chooser picks, and marks passing over a ready one as a preemption', async () => {
    const { schedule, points } = await twoActors([1]);
    expect(schedule.steps.map((step) => step.actor)).toEqual([1, 1, 0, 0]);
    expect(schedule.steps.map((step) => step.preempted)).toEqual([false, false, false, false]);
    const preempting = await twoActors([0, 1]);
    expect(preempting.schedule.steps.map((step) => step.actor)).toEqual([0, 1, 1, 0]);
    expect(preempting.schedule.steps.map((step) => step.preempted)).toEqual([false, true, false, false]);
    expect(points[0]).toEqual({ index: 0, ready: [0, 1], last: undefined, fallback: 0 });
  });

  it('takes the fallback for an actor that is not ready', async () => {
    const { schedule } = await twoActors([7, 7, 7]);
    expect(schedule.steps.map((step) => step.actor)).toEqual([0, 0, 1, 1]);
  });

  it('records what each step read, wrote and changed, and its answer', async () => {
    const { schedule } = await twoActors([]);
    expect(schedule.steps[0]).toMatchObject({ reads: [], writes: ['stock'], changes: ['stock 0 → 10'], result: '10' });
    expect(schedule.steps[1]).toMatchObject({ reads: ['buyer user-10'], writes: ['buyer user-10'], changes: [], result: 'added' });
  });

  it('runs a step outside any actor at once, and rejects with what a step threw', async () => {
    const schedule = new StepSchedule({ choose: (point) => point.fallback });
    expect(await schedule.step(WRITE, 1, () => 'now')).toBe('now');
    expect(schedule.steps).toEqual([]);
    await expect(schedule.actor('a', () => schedule.step(WRITE, 1, () => { throw new Error('no such sale'); }))).rejects.toThrow('no such sale');
    expect(schedule.steps[0]).toMatchObject({ failed: true, result: 'error: no such sale' });
  });

  it('lets a sleeping actor take no step until the clock reaches its wake-up', async () => {
    const schedule = new StepSchedule({ choose: (point) => point.ready.at(-1)! });
    const order: string[] = [];
    const sleeper = schedule.actor('sleeper', async () => {
      await schedule.clock.sleep(200);
      await schedule.step(WRITE, 1, () => order.push(`sleeper at ${schedule.clock.nowUs()}`));
    });
    const busy = schedule.actor('busy', async () => {
      for (let i = 0; i < 3; i++) await schedule.step(WRITE, 2, () => order.push(`busy at ${schedule.clock.nowUs()}`));
    });
    await Promise.all([sleeper, busy]);
    expect(order).toEqual(['busy at 0', 'busy at 0', 'busy at 0', 'sleeper at 200000']);
    expect(schedule.steps.map((step) => step.ready)).toEqual([[1], [1], [1], [0]]);
  });
});
