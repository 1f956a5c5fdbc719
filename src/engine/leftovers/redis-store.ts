// clean's Redis side: the sales' keys found with SCAN (never KEYS, which would block the server on a
// large keyspace), deleted a bounded batch of runs at a time: one DEL per run (a sale's keys share
// one hash slot, so this also holds on Redis Cluster), pipelined.
import type { Redis } from 'ioredis';
import { RUN_NAME_SCOPE } from '../run-names.js';
import { batches } from './store.js';
import type { LeftoverStore } from './store.js';

/** Keys a SCAN step looks at; runs whose keys one pipeline deletes (at most 5 keys each). */
const SCAN_COUNT = 1000;
const DEL_BATCH_RUNS = 100;

/** clean over one Redis connection (closed by close()). */
export function redisLeftovers(redis: Redis): LeftoverStore {
  return {
    service: 'redis',

    async list() {
      const keys = new Set<string>();
      // SCAN may return a key more than once while the keyspace is rehashed.
      for await (const batch of redis.scanStream({ match: RUN_NAME_SCOPE.redisMatch, count: SCAN_COUNT }) as AsyncIterable<string[]>) {
        for (const key of batch) keys.add(key);
      }
      return { redis: { keys: [...keys] } };
    },

    async remove(runs, removed) {
      for (const batch of batches(runs.filter((run) => run.redisKeys.length > 0), DEL_BATCH_RUNS)) {
        const pipeline = redis.pipeline();
        for (const run of batch) pipeline.del(...run.redisKeys);
        for (const [error, deleted] of (await pipeline.exec()) ?? []) {
          if (error !== null) throw error;
          removed.redisKeys += Number(deleted);
        }
      }
    },

    async close() {
      redis.disconnect();
    },
  };
}
