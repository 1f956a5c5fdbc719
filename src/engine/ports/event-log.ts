// The write-behind path's event log (Kafka, or the in-process log): publishing sale events,
// consuming them in batches within a group, dead letters and lag.
import type { EngineObserver } from './observer.js';
import type { SaleEvent } from './sale.js';

/** Publishes sale events; a publish resolves once the log acknowledged the event (acks from all replicas). */
export interface EventBus {
  publish(event: SaleEvent): Promise<void>;
  /** Events acknowledged, copies sent again on purpose (--redeliver), and produce requests made. */
  stats(): { published: number; redelivered: number; requests: number };
  close(): Promise<void>;
}

/** One record of the event log as a consumer sees it. */
export interface LogRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
}

/** One fetched batch of one partition, in log order. */
export interface LogBatch {
  topic: string;
  partition: number;
  records: readonly LogRecord[];
  /** Records of the partition after this batch, not yet fetched. */
  lag(): number;
  /** Marks every record up to `offset` (inclusive) processed: the group resumes after it. */
  commit(offset: string): Promise<void>;
  /** Keeps the consumer's group membership alive during a long batch. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or lost the partition: finish what is committed and return. */
  active(): boolean;
}

/** A member of a consumer group on one topic: hands over batches until stopped. */
export interface LogConsumer {
  /** Resolves once the consumer has joined its group and started fetching. */
  start(handle: (batch: LogBatch) => Promise<void>): Promise<void>;
  /** Lets the batch in progress finish, then leaves the group. */
  stop(): Promise<void>;
}

/** Where malformed records go, with the reason (a dead-letter topic). */
export interface DeadLetters {
  /** Resolves once the log acknowledged the dead letter. */
  send(record: LogRecord, reason: string, sourceTopic: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * How far a consumer group is behind one partition, as Kafka's own tools compute it: the log's end
 * offset, and the group's committed offset (the log's start where the group never committed).
 */
export interface PartitionLag {
  partition: number;
  end: number;
  committed: number;
}

/** How far a consumer group is behind a topic: per partition, and the end and committed offsets summed. */
export interface GroupLag {
  end: number;
  committed: number;
  partitions: PartitionLag[];
}

/** The event log (Kafka, or the in-process log): topics, producers, consumers, lag. */
export interface EventLog {
  /** True when the topic exists. */
  hasTopic(topic: string): Promise<boolean>;
  /** Creates a topic of the run's own; fails if it exists. */
  createTopic(topic: string, partitions: number): Promise<void>;
  /** Deletes topics and consumer groups this run created (never anything else). */
  deleteTopics(topics: readonly string[], groups: readonly string[]): Promise<void>;
  /** A publisher to `topic`; `redeliver` (0–1) sends that fraction of events twice, as a producer retry would. */
  bus(topic: string, options?: { redeliver?: number; drop?: number; observer?: EngineObserver }): Promise<EventBus>;
  consumer(topic: string, group: string): LogConsumer;
  deadLetters(topic: string): Promise<DeadLetters>;
  lag(topic: string, group: string): Promise<GroupLag>;
  /**
   * Moves the group's committed offsets back to the start of every partition, so its next members
   * read everything again (the `redeliver` fault's offset reset). The group must have no active
   * member. Resolves with how many records will be read again.
   */
  rewindGroup(topic: string, group: string): Promise<number>;
  close(): Promise<void>;
}
