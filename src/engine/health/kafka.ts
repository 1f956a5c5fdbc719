// Health probe for Kafka: reachable, broker generation, round-trip time, and a real round trip:
// create a topic of its own, produce one message, consume it through a consumer group, then delete
// the topic and group it created.
import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { createKafka } from '../kafka/connect.js';
import { removeTopicsAndGroups } from '../kafka/remove.js';
import { formatBrokers } from '../../config/endpoints.js';
import type { KafkaTarget } from '../kafka/connect.js';
import { describeBroker, fetchApiVersions } from '../kafka/api-versions.js';
import { describeError } from '../../errors.js';
import { START_SERVICES_HINT } from '../hints.js';
import { elapsedMs } from './probe.js';
import type { ProbeResult } from './probe.js';

/** Runs the probe; `roundTrip: false` stops after reachability and version. */
export async function probeKafka(target: KafkaTarget, roundTrip = true): Promise<ProbeResult> {
  const result: ProbeResult = { service: 'kafka', address: formatBrokers(target.brokers), ok: false, details: [] };
  try {
    const first = target.brokers[0]!;
    const start = performance.now();
    const table = await fetchApiVersions(first, target.connectTimeoutMs);
    result.rttMs = elapsedMs(start);
    result.version = describeBroker(table);
  } catch (error) {
    result.error = `cannot connect (${describeError(error)})`;
    result.hint = START_SERVICES_HINT;
    return result;
  }
  try {
    const kafka = createKafka(target, 'ticketsim-doctor', { retries: 1, initialRetryTime: 100 });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      result.details.push(`cluster ${cluster.clusterId}: ${cluster.brokers.length} broker(s), controller ${cluster.controller}`);
      if (roundTrip) result.details.push(await produceAndConsume(kafka, admin));
      result.ok = true;
    } finally {
      await admin.disconnect();
    }
  } catch (error) {
    result.error = describeError(error);
  }
  return result;
}

async function produceAndConsume(kafka: Kafka, admin: Admin): Promise<string> {
  const id = randomUUID().slice(0, 8);
  const topic = `ticketsim.doctor.${id}`;
  const groupId = `ticketsim-doctor-${id}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId });
  // Its consumer gone first (nothing to wait for), then what it created. A topic that cannot be
  // deleted fails the check: a broker with delete.topic.enable=false would keep every run's topic.
  const cleanUp = async (): Promise<void> => {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await removeTopicsAndGroups(admin, [topic], [groupId], 0);
  };
  let roundTrip: string;
  try {
    const start = performance.now();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: id, value: 'ping' }] });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.run({ eachMessage: async ({ message }) => (message.key?.toString() === id ? resolve() : undefined) }).catch(reject);
    });
    roundTrip = `topic round trip (create, produce, consume in group): ${Math.round(performance.now() - start)} ms`;
  } catch (error) {
    // The round trip's own failure is the one to report.
    await cleanUp().catch(() => undefined);
    throw error;
  }
  await cleanUp();
  return roundTrip;
}
