// The grouping of synchronous INSERTs, over a `send` that records the groups it is handed and
// answers them when the test says: grouping, the spread over free slots, the cap, duplicates split
// out and other failures shared by the group. The real server's side is in
// test/integration/insert-groups.test.ts.
import { describe, expect, it } from 'vitest';
import { createRealClock } from '../real-clock.js';
import type { LedgerWrite } from '../ports.js';
import { createInsertGroups } from './insert-groups.js';
import type { GroupRow } from './insert-groups.js';

const duplicateEntry = () => Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY' });

/** A send whose statements stay open until answered; `groups` lists each statement's users. */
function heldSend() {
  const groups: string[][] = [];
  const open: { rows: readonly GroupRow[]; answer(error?: unknown): void }[] = [];
  const send = (rows: readonly GroupRow[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push(rows.map((row) => row.user));
      open.push({ rows, answer: (error) => (error === undefined ? resolve() : reject(error)) });
    });
  return { send, groups, open };
}

/** A send that answers at once: a duplicate for any statement holding one of `taken` (or a user twice). */
function uniqueKeySend(taken: Set<string>) {
  const groups: string[][] = [];
  const send = async (rows: readonly GroupRow[]) => {
    groups.push(rows.map((row) => row.user));
    const users = rows.map((row) => row.user);
    if (users.some((user) => taken.has(user)) || new Set(users).size < users.length) throw duplicateEntry();
    for (const user of users) taken.add(user);
  };
  return { send, groups };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('createInsertGroups', () => {
  const clock = createRealClock();

  it('sends the purchases of one turn together, spread evenly over the free slots', async () => {
    const { send, groups, open } = heldSend();
    const record = createInsertGroups({ maxRows: 100, slots: 3, clock, send });
    const answers = Array.from({ length: 10 }, (_, i) => record('s', `u${i}`));
    await settled();
    expect(groups).toEqual([['u0', 'u1', 'u2', 'u3'], ['u4', 'u5', 'u6'], ['u7', 'u8', 'u9']]);
    for (const statement of open) statement.answer();
    expect(await Promise.all(answers)).toEqual(Array<LedgerWrite>(10).fill('inserted'));
  });

  it('queues while every slot is busy, and a freed slot takes the queue (at most maxRows) as one statement', async () => {
    const { send, groups, open } = heldSend();
    const record = createInsertGroups({ maxRows: 4, slots: 1, clock, send });
    const first = record('s', 'a');
    await settled();
    const later = ['b', 'c', 'd', 'e', 'f', 'g'].map((user) => record('s', user));
    await settled();
    expect(groups).toEqual([['a']]);
    open[0]!.answer();
    await settled();
    expect(groups).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    open[1]!.answer();
    await settled();
    expect(groups).toEqual([['a'], ['b', 'c', 'd', 'e'], ['f', 'g']]);
    open[2]!.answer();
    expect(await Promise.all([first, ...later])).toEqual(Array<LedgerWrite>(7).fill('inserted'));
  });

  it('splits a group that meets a duplicate until the duplicate stands alone; the others are inserted', async () => {
    const { send, groups } = uniqueKeySend(new Set(['u5']));
    const record = createInsertGroups({ maxRows: 100, slots: 1, clock, send });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => record('s', `u${i}`)));
    expect(answers).toEqual(['inserted', 'inserted', 'inserted', 'inserted', 'inserted', 'duplicate', 'inserted', 'inserted']);
    expect(groups).toEqual([
      ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'],
      ['u0', 'u1', 'u2', 'u3'],
      ['u4', 'u5', 'u6', 'u7'],
      ['u4', 'u5'],
      ['u4'],
      ['u5'],
      ['u6', 'u7'],
    ]);
  });

  it('answers one of two purchases of the same user in one group inserted, the other duplicate', async () => {
    const { send } = uniqueKeySend(new Set());
    const record = createInsertGroups({ maxRows: 100, slots: 1, clock, send });
    const answers = await Promise.all(['x', 'y', 'x', 'z'].map((user) => record('s', user)));
    expect(answers.filter((answer) => answer === 'duplicate')).toHaveLength(1);
    expect(answers.filter((answer) => answer === 'inserted')).toHaveLength(3);
  });

  it('fails every purchase of a group with the statement\'s failure, and goes on with the next group', async () => {
    const { send, open } = heldSend();
    const record = createInsertGroups({ maxRows: 2, slots: 1, clock, send });
    const answers = ['a', 'b', 'c'].map((user) => record('s', user).catch((error: Error) => error.message));
    await settled();
    open[0]!.answer(new Error('Too many connections'));
    await settled();
    open[1]!.answer();
    expect(await Promise.all(answers)).toEqual(['Too many connections', 'Too many connections', 'inserted']);
  });
});
