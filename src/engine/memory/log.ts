// The in-process event log (`--infra memory` with write-behind): topics of partitions, a producer
// that batches what is in flight into one append and acknowledges it (createBatchingBus), and consumer groups whose
// members split the partitions between them, fetch batches in partition order and resume from the
// group's committed offsets (at least once: what was handled but not committed comes again after a
// member leaves), and a group with no member can be rewound to the start of every partition. Its
// broker can be taken away and brought back (the service-down fault): meanwhile produce requests
// fail after the producer's retries, consumers fetch and commit nothing, and lag cannot be read.
// Everything waits on the virtual clock, so a seed fixes a run. In an explored run (step-schedule.ts)
// a produce, a fetch and a commit are steps instead, taking no time, and each member's loop is an
// actor of its own: the worker.
import { InfrastructureError, TicketsimError } from '../../errors.js';
import { createBatchingBus } from '../batching-bus.js';
import type { Clock, DeadLetters, EventLog, GroupLag, LogBatch, LogConsumer, LogRecord, ServiceSwitch } from '../ports.js';
import type { Random } from './random.js';
import type { StepKind, StepSchedule } from './step-schedule.js';

/** Simulated times of the log, ms. */
const LOG_LATENCY = {
  /** Produce request to acknowledgement (acks from all replicas of a one-node log). */
  produceAck: { min: 1, max: 3 },
  /** A fetch that finds records. */
  fetch: { min: 0.2, max: 0.6 },
  /** How long an idle member waits before fetching again. */
  idlePoll: 5,
  /** Most records a fetch hands over. */
  maxBatch: 500,
  /** How long a producer retries against a broker that is away before the request fails (kafkajs: ~2 s). */
  produceRetries: 2000,
} as const;

/** The log's calls as steps of an explored run. */
const STEP = {
  produce: { store: 'Kafka', label: 'produce events', reads: [], writes: ['event'] },
  fetch: {
    store: 'Kafka',
    label: 'fetch',
    reads: ['event'],
    writes: [],
    answer: (found) => (found === undefined ? 'nothing' : `${(found as FoundBatch).records.length} from offset ${(found as FoundBatch).from}`),
  },
  commit: { store: 'Kafka', label: 'commit offset', reads: ['offset'], writes: ['offset'] },
  deadLetter: { store: 'Kafka', label: 'produce a dead letter', reads: [], writes: ['event'] },
} as const satisfies Record<string, StepKind>;

/** What a fetch found: a partition's records from an offset. */
interface FoundBatch {
  partition: number;
  from: number;
  records: StoredRecord[];
}

/** A record as the in-process log stores it. */
export interface StoredRecord {
  key: string | null;
  value: string | null;
  /** A dead letter's reason and origin. */
  headers?: Record<string, string>;
}

interface Member {
  assigned: number[];
  /** Next offset to fetch, per assigned partition. */
  positions: Map<number, number>;
}

interface Group {
  committed: number[];
  members: Member[];
}

/** A stable partition for a key, as Kafka's default partitioner gives one (not the same hash). */
function partitionOf(key: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % partitions;
}

/** The in-process log, plus what an outside producer and an inspector can do with it. */
export interface MemoryLog extends EventLog {
  /** Appends a raw record to a partition, as an outside producer would (no encoding, no checks). */
  append(topic: string, partition: number, record: StoredRecord): void;
  /** Every record of a topic, partition by partition (for inspection). */
  records(topic: string): readonly StoredRecord[];
  /** Events and dead letters stored, and offsets committed, for an explored run's timeline. */
  view(): Record<string, string>;
  /** Takes the broker away and brings it back (service-down). */
  readonly broker: ServiceSwitch;
}

/** Creates the in-process event log on `clock` (an explored run's: with its `steps`). */
export function createMemoryLog(deps: { clock: Clock; random: Random; steps?: StepSchedule }): MemoryLog {
  const { clock, random, steps } = deps;
  /** Dead-letter topics, told apart from the rest in an explored run's view of the stores. */
  const deadLetterTopics = new Set<string>();
  let members = 0;
  const topics = new Map<string, StoredRecord[][]>();
  const groups = new Map<string, Group>();
  const between = ({ min, max }: { min: number; max: number }) => random.between(min, max);
  /** `effect` after `latency` of the log's time; in an explored run, a step that takes none. */
  const act = async (step: StepKind, arg: string | number | undefined, latency: { min: number; max: number }, effect: () => void): Promise<void> => {
    if (steps !== undefined) return steps.step(step, arg, effect);
    await clock.sleep(between(latency));
    effect();
  };
  let away = false;
  const unavailable = () => new InfrastructureError('kafka', 'in-process', 'the broker is away (service-down)');
  /** Waits while the broker is away: what a client that retries until it answers again sees. */
  const whileAway = async (): Promise<void> => {
    while (away) await clock.sleep(LOG_LATENCY.idlePoll);
  };

  const partitionsOf = (topic: string): StoredRecord[][] => {
    const found = topics.get(topic);
    if (found === undefined) throw new TicketsimError(`topic ${topic} does not exist in the in-process log`);
    return found;
  };
  const groupOf = (topic: string, group: string): Group => {
    const key = `${topic}\u0000${group}`;
    let found = groups.get(key);
    if (found === undefined) groups.set(key, (found = { committed: partitionsOf(topic).map(() => 0), members: [] }));
    return found;
  };
  /** Round-robin assignment; a partition a member newly gets resumes from the committed offset. */
  const rebalance = (group: Group, partitions: number): void => {
    group.members.forEach((member, index) => {
      member.assigned = Array.from({ length: partitions }, (_, p) => p).filter((p) => p % group.members.length === index);
      for (const p of [...member.positions.keys()]) if (!member.assigned.includes(p)) member.positions.delete(p);
      for (const p of member.assigned) if (!member.positions.has(p)) member.positions.set(p, group.committed[p]!);
    });
  };

  return {
    async hasTopic(topic) {
      return topics.has(topic);
    },

    async createTopic(topic, partitions) {
      if (topics.has(topic)) throw new TicketsimError(`topic ${topic} already exists; it is never reused`);
      topics.set(topic, Array.from({ length: partitions }, () => []));
    },

    async deleteTopics(names, groupNames) {
      for (const topic of names) {
        topics.delete(topic);
        for (const group of groupNames) groups.delete(`${topic}\u0000${group}`);
      }
    },

    async bus(topic, options = {}) {
      const partitions = partitionsOf(topic);
      return createBatchingBus({
        clock,
        ...options,
        // One request: appended to each message's partition, acknowledged after the produce time.
        send: async (messages) => {
          if (away) {
            await clock.sleep(LOG_LATENCY.produceRetries);
            if (away) throw unavailable();
          }
          await act(STEP.produce, messages.length, LOG_LATENCY.produceAck, () => {
            for (const message of messages) partitions[partitionOf(message.key, partitions.length)]!.push(message);
          });
        },
      });
    },

    consumer(topic, group): LogConsumer {
      let stopping = false;
      let loop: Promise<void> | undefined;
      const member: Member = { assigned: [], positions: new Map() };
      const state = () => groupOf(topic, group);

      /** Fetches one batch from the first assigned partition with records waiting, if any. */
      const fetch = (): FoundBatch | undefined => {
        const partitions = partitionsOf(topic);
        for (const p of member.assigned) {
          const from = member.positions.get(p)!;
          if (from < partitions[p]!.length) return { partition: p, from, records: partitions[p]!.slice(from, from + LOG_LATENCY.maxBatch) };
        }
        return undefined;
      };

      const run = async (handle: (batch: LogBatch) => Promise<void>): Promise<void> => {
        const look = () => (topics.has(topic) && !away ? fetch() : undefined);
        while (!stopping) {
          const found = steps === undefined ? look() : await steps.step(STEP.fetch, undefined, look);
          if (found === undefined) {
            await clock.sleep(LOG_LATENCY.idlePoll);
            continue;
          }
          if (steps === undefined) await clock.sleep(between(LOG_LATENCY.fetch));
          const { partition, from } = found;
          const records: LogRecord[] = found.records.map((record, i) => ({ partition, offset: String(from + i), key: record.key, value: record.value }));
          await handle({
            topic,
            partition,
            records,
            lag: () => partitionsOf(topic)[partition]!.length - (from + records.length),
            commit: async (offset) => {
              await whileAway();
              await act(STEP.commit, offset, LOG_LATENCY.fetch, () => {
                const committed = state().committed;
                committed[partition] = Math.max(committed[partition]!, Number(offset) + 1);
              });
            },
            heartbeat: async () => undefined,
            active: () => !stopping && member.assigned.includes(partition),
          });
          member.positions.set(partition, from + records.length);
        }
      };

      return {
        async start(handle) {
          const joined = state();
          joined.members.push(member);
          rebalance(joined, partitionsOf(topic).length);
          loop = steps === undefined ? run(handle) : steps.actor(`worker ${++members}`, () => run(handle));
        },
        async stop() {
          stopping = true;
          await loop;
          const left = groups.get(`${topic}\u0000${group}`);
          if (left === undefined) return;
          left.members = left.members.filter((m) => m !== member);
          if (topics.has(topic)) rebalance(left, partitionsOf(topic).length);
        },
      };
    },

    async deadLetters(topic): Promise<DeadLetters> {
      if (!topics.has(topic)) topics.set(topic, [[]]);
      deadLetterTopics.add(topic);
      return {
        async send(record, reason, sourceTopic) {
          await whileAway();
          const headers = { reason, 'source-topic': sourceTopic, 'source-partition': String(record.partition), 'source-offset': record.offset };
          await act(STEP.deadLetter, undefined, LOG_LATENCY.produceAck, () => void partitionsOf(topic)[0]!.push({ key: record.key, value: record.value, headers }));
        },
        close: async () => undefined,
      };
    },

    async lag(topic, group): Promise<GroupLag> {
      if (away) throw unavailable();
      const { committed } = groupOf(topic, group);
      const partitions = partitionsOf(topic).map((records, partition) => ({ partition, end: records.length, committed: committed[partition]! }));
      const total = (key: 'end' | 'committed') => partitions.reduce((sum, partition) => sum + partition[key], 0);
      return { end: total('end'), committed: total('committed'), partitions };
    },

    async rewindGroup(topic, group) {
      const state = groupOf(topic, group);
      if (state.members.length > 0) throw new TicketsimError(`group ${group} still has ${state.members.length} members; stop them before rewinding it`);
      const again = state.committed.reduce((sum, offset) => sum + offset, 0);
      state.committed.fill(0);
      return again;
    },

    close: async () => undefined,

    append(topic, partition, record) {
      partitionsOf(topic)[partition]!.push(record);
    },

    records(topic) {
      return partitionsOf(topic).flat();
    },

    view() {
      const entries: Record<string, string> = {};
      const count = (records: StoredRecord[][]) => records.reduce((sum, partition) => sum + partition.length, 0);
      for (const [topic, partitions] of topics) {
        const name = deadLetterTopics.has(topic) ? 'dead letters' : 'events';
        if (count(partitions) > 0 || name === 'events') entries[name] = String(count(partitions));
      }
      for (const group of groups.values()) entries.committed = String(group.committed.reduce((sum, offset) => sum + offset, 0));
      return entries;
    },

    broker: {
      describe: 'the in-process Kafka broker',
      stop: async () => {
        away = true;
      },
      start: async () => {
        away = false;
      },
    },
  };
}
