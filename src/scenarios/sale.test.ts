import { describe, expect, it } from 'vitest';
import { BuyerAnswers, relabelUsers } from './sale.js';

describe('the users a check names', () => {
  it('are written as the system under test names them, every id a scenario makes and nothing else', () => {
    const label = (user: string) => `u-run1-${user.split('-').at(-1)}`;
    expect(relabelUsers('user-7 holds 2 rows; rebuyer-3, never-bought-12 and superuser-1, user-x', label)).toBe(
      'u-run1-7 holds 2 rows; u-run1-3, u-run1-12 and superuser-1, user-x',
    );
  });
});

describe('BuyerAnswers', () => {
  it('keeps who was told purchased (and how often), who may hold a record, and what the others were told', () => {
    const answers = new BuyerAnswers(5);
    answers.answered(0, { kind: 'purchased' });
    answers.answered(0, { kind: 'purchased' });
    answers.answered(1, { kind: 'unknown' });
    answers.answered(2, { kind: 'sold-out' });
    answers.answered(2, undefined);
    answers.answered(3, { kind: 'purchased' });
    answers.answered(3, { kind: 'purchased' });
    answers.answered(3, { kind: 'purchased' });
    expect(answers.acknowledged()).toEqual(['user-0', 'user-3']);
    expect(answers.repeats()).toEqual([
      { userId: 'user-0', times: 2 },
      { userId: 'user-3', times: 3 },
    ]);
    expect(['user-0', 'user-1', 'user-2', 'user-3', 'user-9', 'someone'].map((user) => answers.mayHold(user))).toEqual([true, true, false, true, false, false]);
    expect(answers.toldOf('user-2')).toEqual(['sold-out', 'error']);
    expect(answers.toldOf('user-4')).toEqual([]);
  });
});
