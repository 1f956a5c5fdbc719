// An EventBus over any "send these messages in one request" function: publishes made while the
// requests in flight are busy wait and go together in the next one (at most `maxBatch` each), so a
// burst of thousands of purchases costs a few produce requests instead of one each (kafkajs sends
// one request per send()). Each publish resolves when its request was acknowledged, or rejects
// with that request's error. `redeliver` sends a fraction of events twice in the same request, as
// a producer retry would. Order: a user's cancel is published only after their purchase was
// acknowledged, so requests in flight together never hold two events of one user that must stay
// in order.
import { encodeEvent } from './events.js';
import type { EncodedEvent } from './events.js';
import type { Clock, EngineObserver, EventBus, SaleEvent } from './ports.js';

/** What a batching bus needs. */
export interface BatchingBusOptions {
  clock: Clock;
  /** Sends the messages in one request; resolves once the log acknowledged all of them. */
  send(messages: EncodedEvent[]): Promise<void>;
  /** Fraction (0–1) of events sent twice, spread evenly. */
  redeliver?: number;
  /**
   * The selftest's planted lost write: this fraction (0–1) of purchase events is acknowledged but
   * never sent. No real producer does this on purpose; the no-lost-write check must catch it.
   */
  drop?: number;
  observer?: EngineObserver;
  /** Most events in one request (default 500: kafkajs encodes a 5,000-message request 2× slower than ten of 500). */
  maxBatch?: number;
  /** Requests in flight at once (default 4). */
  maxInFlight?: number;
  /** Releases whatever `send` holds. */
  close?(): Promise<void>;
}

interface Waiting {
  event: SaleEvent;
  resolve(): void;
  reject(error: unknown): void;
}

/** Creates the bus; at most `maxInFlight` requests are in flight at a time. */
export function createBatchingBus(options: BatchingBusOptions): EventBus {
  const { clock } = options;
  const maxBatch = options.maxBatch ?? 500;
  const maxInFlight = options.maxInFlight ?? 4;
  const waiting: Waiting[] = [];
  const counts = { published: 0, redelivered: 0, requests: 0 };
  let inFlight = 0;
  /** Exactly `fraction` of the calls answer yes, spread evenly: the n-th when ⌊(n+1)F⌋ > ⌊nF⌋. */
  const spread = (fraction: number) => {
    let nth = 0;
    return (): boolean => Math.floor((nth + 1) * fraction) > Math.floor(nth++ * fraction);
  };
  const twice = spread(options.redeliver ?? 0);
  const dropped = spread(options.drop ?? 0);

  const sendBatch = async (batch: Waiting[]): Promise<void> => {
    const messages: EncodedEvent[] = [];
    let copies = 0;
    for (const { event } of batch) {
      if (event.type === 'purchased' && dropped()) continue;
      const encoded = encodeEvent(event);
      messages.push(encoded);
      if (twice()) {
        messages.push(encoded);
        copies++;
      }
    }
    counts.requests++;
    try {
      // A request whose events were all dropped (the planted lost write) sends nothing.
      if (messages.length > 0) await options.send(messages);
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
      return;
    }
    counts.redelivered += copies;
    const ackUs = clock.nowUs();
    for (const { event, resolve } of batch) {
      counts.published++;
      options.observer?.eventAcknowledged?.(event, ackUs);
      resolve();
    }
  };

  /** Starts requests while there is something waiting and room in flight. */
  const pump = (): void => {
    while (waiting.length > 0 && inFlight < maxInFlight) {
      inFlight++;
      void sendBatch(waiting.splice(0, maxBatch)).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return {
    publish(event) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ event, resolve, reject });
        // After the current synchronous work, so publishes made at the same instant share a request.
        if (waiting.length === 1) queueMicrotask(pump);
      });
    },
    stats: () => ({ ...counts }),
    close: async () => {
      await options.close?.();
    },
  };
}
