import { describe, expect, it } from 'vitest';
import { createBatchingBus } from './batching-bus.js';
import type { EncodedEvent } from './events.js';
import { createVirtualClock } from './memory/virtual-clock.js';
import type { SaleEvent } from './ports.js';

const event = (i: number): SaleEvent => ({ type: 'purchased', sale: 's', user: `user-${i}`, id: `e${i}` });

/** A bus whose requests take 2 ms of virtual time and are recorded. */
function setUp(options: { redeliver?: number; drop?: number; fail?: boolean } = {}) {
  const clock = createVirtualClock();
  const requests: EncodedEvent[][] = [];
  const acks: string[] = [];
  const bus = createBatchingBus({
    clock,
    redeliver: options.redeliver,
    drop: options.drop,
    observer: { eventAcknowledged: (e) => acks.push(e.id) },
    send: async (messages) => {
      requests.push(messages);
      await clock.sleep(2);
      if (options.fail) throw new Error('broker down');
    },
  });
  return { bus, requests, acks };
}

describe('createBatchingBus', () => {
  it('sends concurrent publishes in few requests of at most 500, and acknowledges each', async () => {
    const { bus, requests, acks } = setUp();
    await Promise.all(Array.from({ length: 2000 }, (_, i) => bus.publish(event(i))));
    expect(requests.length).toBeLessThan(10);
    expect(Math.max(...requests.map((r) => r.length))).toBeLessThanOrEqual(500);
    expect(requests.flat()).toHaveLength(2000);
    expect(acks).toHaveLength(2000);
    expect(bus.stats()).toEqual({ published: 2000, redelivered: 0, requests: requests.length });
  });

  it('plants lost writes: the dropped fraction is acknowledged but never sent', async () => {
    const { bus, requests, acks } = setUp({ drop: 0.1 });
    await Promise.all(Array.from({ length: 400 }, (_, i) => bus.publish(event(i))));
    expect(acks).toHaveLength(400);
    expect(requests.flat()).toHaveLength(360);
  });

  it('keys every message by its user', async () => {
    const { bus, requests } = setUp();
    await bus.publish(event(7));
    expect(requests[0]![0]!.key).toBe('user-7');
  });

  it('sends exactly the redelivered fraction twice, each copy right after its original', async () => {
    const { bus, requests } = setUp({ redeliver: 0.25 });
    await Promise.all(Array.from({ length: 400 }, (_, i) => bus.publish(event(i))));
    const sent = requests.flat();
    expect(sent).toHaveLength(500);
    expect(bus.stats().redelivered).toBe(100);
    const doubled = sent.filter((message, i) => sent[i + 1] === message);
    expect(doubled).toHaveLength(100);
  });

  it('rejects every publish of a failed request and acknowledges none', async () => {
    const { bus, acks } = setUp({ fail: true });
    const results = await Promise.allSettled([bus.publish(event(1)), bus.publish(event(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(acks).toEqual([]);
    expect(bus.stats().published).toBe(0);
  });
});
