// pause-holder at work: the engine asks, for each lock holder about to change the stock, how long
// it should stall; the first `holders` holders that find at most that many seats left stall.
import type { FaultSpecOf } from '../../config/faults.js';
import type { NemesisFault } from './nemesis-fault.js';

/** pause-holder as the nemesis carries it out: an engine hook. */
export const pauseHolder: NemesisFault<FaultSpecOf<'pause-holder'>> = {
  arm(fault) {
    const { holders, pauseMs } = fault.spec;
    return {
      engine: {
        holderPause: (stockSeen) => {
          if (fault.halted || fault.fired >= holders || stockSeen > holders) return 0;
          fault.record(fault.sinceRelease(), `a lock holder that found ${stockSeen} seat${stockSeen === 1 ? '' : 's'} left stalls ${pauseMs / 1000} s`);
          return pauseMs;
        },
      },
    };
  },

  summary: (spec, fired) =>
    fired === 0
      ? 'no lock holder found the last seats, so none stalled'
      : `${fired} lock holder${fired === 1 ? '' : 's'} stalled ${spec.pauseMs / 1000} s inside the critical section, past the lock's TTL`,
};
