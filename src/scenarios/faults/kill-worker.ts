// kill-worker at work: from the first release, on its schedule, kills a worker of the write-behind
// path once the workers have records not yet committed, and lets its replacement join the group.
import type { FaultSpecOf } from '../../config/faults.js';
import type { BehindControls, FaultHandle, NemesisFault } from './nemesis-fault.js';

/** How long a due kill waits for the workers to have something uncommitted, and how often it looks. */
const KILL_WAIT_MS = 3000;
const KILL_POLL_MS = 20;

type KillWorker = FaultSpecOf<'kill-worker'>;

/**
 * A kill is meant to land mid-write: waits (a few seconds at most) until the workers have records
 * not yet committed. Past that, the kill fires anyway: a replacement must still join and finish.
 */
async function untilBehind(fault: FaultHandle<KillWorker>, behind: BehindControls): Promise<void> {
  for (let waited = 0; waited < KILL_WAIT_MS && !fault.halted; waited += KILL_POLL_MS) {
    if (((await behind.pending()) ?? 0) > 0) return;
    await fault.pause(KILL_POLL_MS);
  }
}

async function killWorkers(fault: FaultHandle<KillWorker>, behind: BehindControls): Promise<void> {
  const { times, afterMs, everyMs } = fault.spec;
  for (let round = 0; round < times; round++) {
    await fault.until(afterMs + round * everyMs);
    await untilBehind(fault, behind);
    if (fault.halted) return;
    const at = fault.sinceRelease();
    const { killed, behind: lag } = await behind.killWorker();
    fault.record(at, `SIGKILL ${killed} with ${lag.toLocaleString('en-US')} records not yet committed; its replacement joined the group`);
  }
}

/** kill-worker as the nemesis carries it out: timed kills, writing behind. */
export const killWorker: NemesisFault<KillWorker> = {
  arm: (fault, { behind }) => (behind === undefined ? {} : { timed: () => killWorkers(fault, behind) }),

  summary: (spec, fired) => `${fired} of ${spec.times} worker kills (SIGKILL, then a replacement joined the group)`,
};
