// Proves kafkajs works against the local Kafka 4.x broker: a topic of our own, produce, consume
// through a consumer group, committed offsets visible to the admin API, then clean up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { createKafka } from '../../src/engine/kafka/connect.js';
import { describeBroker, fetchApiVersions } from '../../src/engine/kafka/api-versions.js';
import { removeTopicsAndGroups } from '../../src/engine/kafka/remove.js';
import { kafkaNamesOf, ownedId } from './owned-names.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('kafka');
const target = { ...servicesConfig.kafka, connectTimeoutMs: servicesConfig.connectTimeoutMs };

describe.skipIf(!available)('kafkajs against the real broker', () => {
  const runId = ownedId();
  const { topic, group: groupId } = kafkaNamesOf(runId);
  const kafka = createKafka(target, `ticketsim-it-${runId}`);
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  });

  afterAll(async () => {
    await removeTopicsAndGroups(admin, [topic], [groupId], 0);
    await admin.disconnect();
  });

  it('talks to a 4.x broker', async () => {
    const table = await fetchApiVersions(target.brokers[0]!, 2000);
    expect(describeBroker(table)).toMatch(/^4\.x/);
  });

  it('produces and consumes through a consumer group, committing offsets', async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const messages = Array.from({ length: 20 }, (_, i) => ({ key: `user-${i}`, value: JSON.stringify({ i }) }));
    await producer.send({ topic, messages });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const seen = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            seen.add(message.key!.toString());
            await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
            if (seen.size === messages.length) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect([...seen].sort()).toEqual(messages.map((m) => m.key).sort());
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const total = committed!.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(total).toBe(messages.length);
  });
});
