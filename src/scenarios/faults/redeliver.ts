// redeliver at work: after the drain, rewinds the consumer group to the start and drains again, as
// often as asked, so every committed record is delivered again.
import type { FaultSpecOf } from '../../config/faults.js';
import type { NemesisFault } from './nemesis-fault.js';

/** redeliver as the nemesis carries it out: rewinds after each drain, writing behind. */
export const redeliver: NemesisFault<FaultSpecOf<'redeliver'>> = {
  arm: (fault, { behind }) =>
    behind === undefined
      ? {}
      : {
          async afterDrain(drain) {
            let again = 0;
            for (let round = 0; round < fault.spec.times && !fault.halted; round++) {
              const records = await behind.rewind();
              again += records;
              fault.record(fault.sinceRelease(), `group rewound to the start: ${records.toLocaleString('en-US')} committed records to read again`);
              await drain();
            }
            fault.summarize(`${fault.fired} rewind${fault.fired === 1 ? '' : 's'} of the consumer group: ${again.toLocaleString('en-US')} committed records read again`);
          },
        },

  summary: () => 'the group was never rewound',
};
