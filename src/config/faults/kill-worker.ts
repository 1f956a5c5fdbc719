// kill-worker: writing behind, SIGKILLs a worker (in process: drops it mid-batch without
// committing) and starts a replacement in the group, on a schedule from the first release.
import type { FaultDefinition } from './definition.js';
import { writingBehind } from './definition.js';
import { count, duration } from './options.js';

/** SIGKILL a worker `times` times, `everyMs` apart from `afterMs` on, and restart it. */
export interface KillWorkerFault {
  name: 'kill-worker';
  times: number;
  afterMs: number;
  everyMs: number;
}

/** kill-worker's options (times=2, after=200ms, every=400ms); writing behind only. */
export const killWorkerFault: FaultDefinition<KillWorkerFault> = {
  name: 'kill-worker',
  tag: 'SIGKILL a write-behind worker mid-write, start a replacement',
  options: {
    times: count('times', 2, 20),
    afterMs: duration('after', 200, 0),
    everyMs: duration('every', 400, 50),
  },
  notApplicable: writingBehind('kill-worker'),
};
