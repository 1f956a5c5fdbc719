// The event log on real Kafka (kafkajs): topics and groups through the admin client, an
// idempotent producer (acks from all in-sync replicas) behind a batching bus, consumers in a group
// that commit only what the worker says is done, a dead-letter producer, group lag from the
// broker's own offsets, and rewinding an idle group to the start (the redeliver fault).
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { InfrastructureError, describeError } from '../../errors.js';
import { createBatchingBus } from '../batching-bus.js';
import type { Clock, DeadLetters, EventLog, LogConsumer, PartitionLag } from '../ports.js';
import { START_SERVICES_HINT } from '../hints.js';
import { createKafka } from './connect.js';
import { removeTopicsAndGroups } from './remove.js';
import { formatBrokers } from '../../config/endpoints.js';
import type { KafkaTarget } from './connect.js';

/**
 * A consumer that dies without leaving (SIGKILL) holds its partitions until its session times out:
 * 6 s, the broker's smallest allowed (group.min.session.timeout.ms), so a killed worker's
 * replacement takes over soonest. Its group cannot be deleted before then either.
 */
export const CONSUMER_SESSION_TIMEOUT_MS = 6_000;

/** Past a dead member's session, how long the broker may take to drop it from its group. */
const GROUP_LEAVE_MARGIN_MS = 4_000;

/** How long deleting a group waits for a member that died without leaving to be dropped. */
export const GROUP_DELETE_WAIT_MS = CONSUMER_SESSION_TIMEOUT_MS + GROUP_LEAVE_MARGIN_MS;

/** Retries of a produce request before it fails (and the purchase is handed back): about 2 s. */
const PRODUCE_RETRY = { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 };

/** The `key` figures of `partitions`, summed. */
const sum = (partitions: readonly PartitionLag[], key: 'end' | 'committed') => partitions.reduce((total, partition) => total + partition[key], 0);

/** Connects an admin client (so an unreachable broker fails here, exit 3) and returns the log. */
export async function connectKafkaLog(target: KafkaTarget, clock: Clock, clientId = 'ticketsim'): Promise<EventLog> {
  const kafka = createKafka(target, clientId);
  const admin = kafka.admin();
  const address = formatBrokers(target.brokers);
  try {
    await admin.connect();
  } catch (error) {
    throw new InfrastructureError('kafka', address, `cannot connect (${describeError(error)})`, { cause: error, hint: START_SERVICES_HINT });
  }
  const producers: Producer[] = [];
  /** A kafkajs failure as an error that names the broker (for the run's error causes). */
  const named = (error: unknown) => new InfrastructureError('kafka', address, describeError(error), { cause: error });
  const connectProducer = async (): Promise<Producer> => {
    // Idempotent: a retried produce request is not written twice. kafkajs 2.2.4's InitProducerId v1
    // is accepted by Kafka 4 (measured); it needs one request in flight at a time.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: PRODUCE_RETRY });
    await producer.connect();
    producers.push(producer);
    return producer;
  };

  return {
    async hasTopic(topic) {
      return (await admin.listTopics()).includes(topic);
    },

    async createTopic(topic, partitions) {
      const created = await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
      if (!created) throw new InfrastructureError('kafka', address, `topic ${topic} already exists; a run never reuses one`, { retriable: false });
    },

    async deleteTopics(topics, groups) {
      // A worker killed moments ago is still a member until its session ends: wait that out.
      await removeTopicsAndGroups(admin, topics, groups, GROUP_DELETE_WAIT_MS).catch((error: unknown) => {
        throw new InfrastructureError('kafka', address, describeError(error), { cause: error, hint: `list what is left: bash scripts/services.sh tool topics --bootstrap-server ${address} --list` });
      });
    },

    async bus(topic, options = {}) {
      const producer = await connectProducer();
      return createBatchingBus({
        clock,
        ...options,
        send: async (messages) => {
          await producer.send({ topic, acks: -1, messages }).catch((error: unknown) => {
            throw named(error);
          });
        },
        close: () => producer.disconnect(),
      });
    },

    consumer(topic, group) {
      return createKafkaConsumer(kafka, topic, group);
    },

    async deadLetters(topic): Promise<DeadLetters> {
      const existing = await admin.listTopics();
      if (!existing.includes(topic)) await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
      const producer = await connectProducer();
      return {
        async send(record, reason, sourceTopic) {
          const headers = { reason, 'source-topic': sourceTopic, 'source-partition': String(record.partition), 'source-offset': record.offset };
          await producer.send({ topic, acks: -1, messages: [{ key: record.key, value: record.value, headers }] }).catch((error: unknown) => {
            throw named(error);
          });
        },
        close: () => producer.disconnect(),
      };
    },

    async lag(topic, group) {
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: group, topics: [topic] })]);
      const done = new Map((committed?.partitions ?? []).map((partition) => [partition.partition, Number(partition.offset)]));
      // A partition the group never committed reads -1: nothing of it is done, from the log's start.
      const partitions = ends
        .map(({ partition, low, high }) => ({ partition, end: Number(high), committed: Math.max(Number(low), done.get(partition) ?? -1) }))
        .sort((a, b) => a.partition - b.partition);
      return { end: sum(partitions, 'end'), committed: sum(partitions, 'committed'), partitions };
    },

    async rewindGroup(topic, group) {
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: group, topics: [topic] })]);
      const done = new Map((committed?.partitions ?? []).map((partition) => [partition.partition, Number(partition.offset)]));
      // What the group had committed past a partition's first record is read again (-1: nothing committed).
      const again = ends.reduce((sum, partition) => sum + Math.max(0, (done.get(partition.partition) ?? -1) - Number(partition.low)), 0);
      // kafkajs commits through a short-lived member of the group: Kafka refuses while others are in it.
      const starts = ends.map((partition) => ({ partition: partition.partition, offset: partition.low }));
      await admin.setOffsets({ groupId: group, topic, partitions: starts }).catch((error: unknown) => {
        throw named(error);
      });
      return again;
    },

    async close() {
      await Promise.all(producers.map((producer) => producer.disconnect().catch(() => undefined)));
      await admin.disconnect().catch(() => undefined);
    },
  };
}

/** A kafkajs consumer as a LogConsumer: manual commits, batches handed over whole. */
function createKafkaConsumer(kafka: Kafka, topic: string, group: string): LogConsumer {
  // Heartbeats every 500 ms (kafkajs: 3 s) so members notice a rebalance, e.g. a second worker
  // joining, within a second instead of several.
  const consumer: Consumer = kafka.consumer({
    groupId: group,
    maxWaitTimeInMs: 100,
    heartbeatInterval: 500,
    sessionTimeout: CONSUMER_SESSION_TIMEOUT_MS,
    allowAutoTopicCreation: false,
  });
  return {
    async start(handle) {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          await handle({
            topic: batch.topic,
            partition: batch.partition,
            records: batch.messages.map((message) => ({
              partition: batch.partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
            })),
            lag: () => Number(batch.offsetLag()),
            commit: async (offset) => {
              resolveOffset(offset);
              await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(offset) + 1n).toString() }]);
            },
            heartbeat,
            active: () => isRunning() && !isStale(),
          });
        },
      });
      await joined;
    },
    stop: () => consumer.disconnect(),
  };
}
