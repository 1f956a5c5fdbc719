// redeliver: writing behind, after the drain, rewinds the consumer group to the start of every
// partition and drains again, so every committed record is delivered a second time.
import type { FaultDefinition } from './definition.js';
import { writingBehind } from './definition.js';
import { count } from './options.js';

/** After the drain, rewind the group to the start `times` times and drain again. */
export interface RedeliverFault {
  name: 'redeliver';
  times: number;
}

/** redeliver's option (times=1); writing behind only. */
export const redeliverFault: FaultDefinition<RedeliverFault> = {
  name: 'redeliver',
  tag: 'after the drain, rewind the consumer group and drain again',
  options: {
    times: count('times', 1, 5),
  },
  notApplicable: writingBehind('redeliver'),
};
