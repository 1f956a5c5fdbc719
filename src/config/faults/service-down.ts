// service-down: stops a service ticketsim itself started (the Kafka broker of scripts/services.sh,
// or the in-process one), waits, and starts it again. Redis and MariaDB belong to the machine and
// are never stopped.
import type { FaultDefinition } from './definition.js';
import { writingBehind } from './definition.js';
import { duration, only } from './options.js';

/** Stop a service ticketsim started (the Kafka broker) `afterMs` in, for `forMs`. */
export interface ServiceDownFault {
  name: 'service-down';
  service: 'kafka';
  afterMs: number;
  forMs: number;
}

/** service-down's options (service=kafka, and only that; after=1s, for=5s); writing behind only. */
export const serviceDownFault: FaultDefinition<ServiceDownFault> = {
  name: 'service-down',
  tag: 'stop the Kafka broker ticketsim started, then bring it back',
  options: {
    service: only(
      'service',
      'kafka',
      (given) =>
        `--fault service-down stops only a service ticketsim started itself (the Kafka broker of scripts/services.sh); ${given} belongs to the machine and is never stopped`,
    ),
    afterMs: duration('after', 1000, 0),
    forMs: duration('for', 5000, 100),
  },
  notApplicable: writingBehind('service-down'),
};
