// Removes Kafka topics and consumer groups that a run (or a test) created, and says so when it
// cannot. A group still holding a member that died without leaving (a SIGKILLed worker) is refused
// by the broker (NON_EMPTY_GROUP) until that member's session expires, so the removal waits for it,
// a bounded time. A topic or group that is already gone counts as removed.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import { describeError } from '../../errors.js';

/** How often a refused group deletion is tried again while a dead member's session runs out. */
const GROUP_RETRY_MS = 500;

/** One group's answer to a DeleteGroups request, as kafkajs reports a failure. */
interface GroupFailure {
  groupId: string;
  error?: { type?: string; message?: string };
}

/**
 * Deletes `groups` (waiting up to `groupWaitMs` for members that died without leaving) and then
 * `topics`. Resolves when everything is gone; otherwise rejects with one Error naming each topic or
 * group left and why.
 */
export async function removeTopicsAndGroups(admin: Admin, topics: readonly string[], groups: readonly string[], groupWaitMs: number): Promise<void> {
  const problems = [...(await removeGroups(admin, groups, groupWaitMs)), ...(await removeTopics(admin, topics))];
  if (problems.length > 0) throw new Error(`could not delete ${problems.join('; ')}`);
}

/** Deletes the groups; resolves with a sentence per group left. */
async function removeGroups(admin: Admin, groups: readonly string[], waitMs: number): Promise<string[]> {
  const deadline = performance.now() + waitMs;
  let pending = [...groups];
  const problems: string[] = [];
  while (pending.length > 0) {
    const failures = await admin.deleteGroups(pending).then(
      () => [] as GroupFailure[],
      (error: unknown) => groupFailures(error, pending),
    );
    const refused = failures.filter((failure) => failure.error?.type !== 'GROUP_ID_NOT_FOUND');
    const busy = refused.filter((failure) => failure.error?.type === 'NON_EMPTY_GROUP');
    problems.push(...refused.filter((failure) => !busy.includes(failure)).map((failure) => `group ${failure.groupId} (${failure.error?.message ?? 'refused'})`));
    pending = busy.map((failure) => failure.groupId);
    if (pending.length === 0) break;
    if (performance.now() >= deadline) {
      problems.push(...pending.map((group) => `group ${group} (it still has members after ${Math.round(waitMs / 1000)} s)`));
      break;
    }
    await sleep(GROUP_RETRY_MS);
  }
  return problems;
}

/** kafkajs rejects DeleteGroups with the failed groups listed; anything else fails them all. */
function groupFailures(error: unknown, groups: readonly string[]): GroupFailure[] {
  const listed = (error as { groups?: GroupFailure[] } | null)?.groups;
  if (Array.isArray(listed)) return listed;
  return groups.map((groupId) => ({ groupId, error: { message: describeError(error) } }));
}

/** Deletes the topics that exist; resolves with a sentence if that failed. */
async function removeTopics(admin: Admin, topics: readonly string[]): Promise<string[]> {
  if (topics.length === 0) return [];
  try {
    // Deleting a topic that is not there fails only after the client's retries: ask first.
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length > 0) await admin.deleteTopics({ topics: present });
    return [];
  } catch (error) {
    return [`topic${topics.length === 1 ? '' : 's'} ${topics.join(', ')} (${describeError(error)})`];
  }
}
