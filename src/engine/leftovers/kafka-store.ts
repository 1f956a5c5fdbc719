// clean's Kafka side: ticketsim's run topics (and their dead-letter topics) and consumer groups,
// listed by the admin client (with the groups that have a live member: their runs are going on) and
// deleted a bounded batch of runs at a time (a group whose member died without leaving is waited
// for, as after a run).
import type { Admin } from 'kafkajs';
import { formatBrokers } from '../../config/endpoints.js';
import { InfrastructureError, describeError } from '../../errors.js';
import { START_SERVICES_HINT } from '../hints.js';
import { createKafka } from '../kafka/connect.js';
import type { KafkaTarget } from '../kafka/connect.js';
import { GROUP_DELETE_WAIT_MS } from '../kafka/log.js';
import { removeTopicsAndGroups } from '../kafka/remove.js';
import { RUN_NAME_SCOPE } from '../run-names.js';
import { batches } from './store.js';
import type { LeftoverStore } from './store.js';

/** Runs whose topics and group one deletion request takes. */
const DELETE_BATCH_RUNS = 50;

/** Connects the admin client; unreachable: InfrastructureError. */
export async function openKafkaLeftovers(target: KafkaTarget): Promise<LeftoverStore> {
  const admin = createKafka(target, 'ticketsim-clean').admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new InfrastructureError('kafka', formatBrokers(target.brokers), `cannot connect (${describeError(error)})`, { cause: error, hint: START_SERVICES_HINT });
  }
  return kafkaLeftovers(admin);
}

/** clean over one admin client (disconnected by close()). */
function kafkaLeftovers(admin: Admin): LeftoverStore {
  return {
    service: 'kafka',

    async list() {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(RUN_NAME_SCOPE.topicPrefix));
      const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((group) => group.startsWith(RUN_NAME_SCOPE.groupPrefix));
      const described = groups.length === 0 ? [] : (await admin.describeGroups(groups)).groups;
      const liveGroups = described.filter((group) => group.members.length > 0).map((group) => group.groupId);
      return { kafka: { topics, groups, liveGroups } };
    },

    async remove(runs, removed) {
      for (const batch of batches(runs.filter((run) => run.topics.length + run.groups.length > 0), DELETE_BATCH_RUNS)) {
        const topics = batch.flatMap((run) => run.topics);
        const groups = batch.flatMap((run) => run.groups);
        await removeTopicsAndGroups(admin, topics, groups, GROUP_DELETE_WAIT_MS);
        removed.topics += topics.length;
        removed.groups += groups.length;
      }
    },

    async close() {
      await admin.disconnect().catch(() => undefined);
    },
  };
}
