// Checks of the write-behind path, from the data after the drain: the log was drained, every
// acknowledged purchase has its row (nothing lost), no row exists without one (nothing invented),
// and the workers accounted for every record delivered to them. Pure functions, each unit-tested
// against a planted violation.
import type { PurchaseRow, UserId } from '../../engine/ports.js';
import type { CheckResult, WorkerFigures } from '../../result.js';
import { count, counted, sample } from '../../scenarios/check-text.js';

/** What the write-behind checks read. */
export interface BehindObservation {
  /** MySQL rows of the sale after the drain. */
  rows: readonly PurchaseRow[];
  /** Per user: purchases acknowledged minus cancels acknowledged. */
  net: ReadonlyMap<UserId, number>;
  /** Events acknowledged by the log, and copies sent again on purpose. */
  published: number;
  redelivered: number;
  worker: WorkerFigures;
  drained: boolean;
  lagRecords: number;
  drainTimeoutMs: number;
  /** When it never drained: the log's last failure to say how far behind it was, if any. */
  drainError?: string | undefined;
  /** When it never drained: the services the workers were still waiting for, worded, if any. */
  drainWaitingFor?: string | undefined;
}

/** Every event was consumed and committed within the drain timeout. */
export function checkDrained(o: BehindObservation): CheckResult {
  return {
    name: 'drained',
    ok: o.drained,
    expected: '0 records behind',
    observed: `${counted(o.lagRecords, 'record')} behind`,
    detail: o.drained
      ? 'every event written and committed'
      : `${counted(o.lagRecords, 'record')} still behind after ${count(o.drainTimeoutMs / 1000)} s` +
        (o.drainWaitingFor === undefined ? '' : `; the workers were waiting for ${o.drainWaitingFor}`) +
        (o.drainError === undefined ? '' : ` (the log last said: ${o.drainError})`),
  };
}

/** Every acknowledged purchase (not cancelled after) has its row: nothing acknowledged was lost. */
export function checkNoLostWrite(o: BehindObservation): CheckResult {
  const stored = new Set(o.rows.map((row) => row.userId));
  const expected = [...o.net].filter(([, net]) => net > 0).map(([user]) => user);
  const lost = expected.filter((user) => !stored.has(user));
  return {
    name: 'no-lost-write',
    ok: lost.length === 0,
    expected: 'acked = rows',
    observed: `${count(expected.length - lost.length)} of ${count(expected.length)} acked have a row`,
    detail: lost.length === 0 ? 'none lost' : `${counted(lost.length, 'acknowledged purchase')} with no row (${sample(lost)})`,
  };
}

/** No row exists that no acknowledged purchase explains. */
export function checkNoGhostRow(o: BehindObservation): CheckResult {
  const ghosts = o.rows.filter((row) => (o.net.get(row.userId) ?? 0) <= 0).map((row) => row.userId);
  return {
    name: 'no-ghost-row',
    ok: ghosts.length === 0,
    expected: 'no unacked row',
    observed: ghosts.length === 0 ? 'none' : `${counted(ghosts.length, 'unacked row')}`,
    detail: ghosts.length === 0 ? 'every row acknowledged' : `${counted(ghosts.length, 'row')} no acknowledged purchase explains (${sample(ghosts)})`,
  };
}

/** The workers accounted for every record they got, and got every record sent (at least once). */
export function checkWorkerAccounted(o: BehindObservation): CheckResult {
  const w = o.worker;
  const accounted = w.inserted + w.skipped + w.deleted + w.absent + w.deadLettered;
  const sent = o.published + o.redelivered;
  const ok = accounted === w.delivered && w.delivered >= sent;
  const problems = [
    accounted !== w.delivered ? `${counted(w.delivered - accounted, 'delivered record')} unaccounted for` : '',
    w.delivered < sent ? `${counted(sent - w.delivered, 'sent record')} never delivered` : '',
  ].filter(Boolean);
  return {
    name: 'worker-accounted',
    ok,
    expected: 'accounted = delivered',
    observed: `accounted ${count(accounted)} = delivered ${count(w.delivered)}; sent ${count(sent)}`,
    detail: ok
      ? `${count(w.inserted)} inserted, ${count(w.skipped)} skipped, ${count(w.deleted)} deleted, ${count(w.absent)} absent, ${count(w.deadLettered)} dead-lettered`
      : problems.join('; '),
  };
}

/** The write-behind checks, in the order they are shown. */
export function checkBehind(o: BehindObservation): CheckResult[] {
  return [checkDrained(o), checkNoLostWrite(o), checkNoGhostRow(o), checkWorkerAccounted(o)];
}
