// `ticketsim clean` over the real stores: reach Redis, MySQL and Kafka at once (one that does not
// answer is skipped, and said), list what each holds of past runs, plan (plan.ts: a run's own names
// only, old enough, named with --run), and unless it is a dry run delete what the plan takes, store
// by store, in bounded batches. Loaded only by `clean`, with the drivers.
import type { CleanConfig } from '../../config/clean-config.js';
import { formatBrokers, formatEndpoint } from '../../config/endpoints.js';
import { InfrastructureError, describeError } from '../../errors.js';
import { withDeadline } from '../health/probe.js';
import type { ServiceName } from '../ports.js';
import { connectRedis } from '../redis/connect.js';
import { openKafkaLeftovers } from './kafka-store.js';
import { openMysqlLeftovers } from './mysql-store.js';
import { planClean, totalsOf } from './plan.js';
import type { Found, RunLeftovers, Totals } from './plan.js';
import { redisLeftovers } from './redis-store.js';
import { noneRemoved } from './store.js';
import type { LeftoverStore, Removed } from './store.js';

/** Longest a service may take to accept clean's connection. */
const OPEN_DEADLINE_MS = 10_000;

/** What became of one service. */
export interface ServiceOutcome {
  service: ServiceName;
  address: string;
  /** listed (a dry run), cleaned, unreachable (skipped), or failed (reached, then an error). */
  status: 'listed' | 'cleaned' | 'unreachable' | 'failed';
  /** Why it was skipped or failed. */
  error?: string;
}

/** What `ticketsim clean` found and did (its --json output). */
export interface CleanReport {
  dryRun: boolean;
  olderThan: string;
  /** Runs that started before this went (or would go), ISO 8601. */
  cutoff: string;
  /** --run: only these runs were looked at. */
  only?: readonly string[];
  /** The runs taken, oldest first, with what each left in every store reached. */
  runs: RunLeftovers[];
  /** Runs found that started after the cutoff, kept. */
  younger: number;
  /** Runs old enough still going on (a consumer group of theirs has a live member), kept. */
  inUse: number;
  totals: Totals;
  /** What was deleted; absent in a dry run. */
  deleted?: Removed;
  services: ServiceOutcome[];
  /** Some service was reached, and none failed. */
  ok: boolean;
}

/** Lists what past runs left and, unless `config.dryRun`, deletes what the plan takes. */
export async function cleanLeftovers(config: CleanConfig, nowMs = Date.now()): Promise<CleanReport> {
  const { services } = config;
  const timeout = { connectTimeoutMs: services.connectTimeoutMs };
  const openers: { service: ServiceName; address: string; open(): Promise<LeftoverStore> }[] = [
    { service: 'redis', address: formatEndpoint(services.redis.endpoint), open: async () => redisLeftovers(await connectRedis({ ...services.redis, ...timeout })) },
    { service: 'mysql', address: formatEndpoint(services.mysql.endpoint), open: () => openMysqlLeftovers({ ...services.mysql, ...timeout }) },
    { service: 'kafka', address: formatBrokers(services.kafka.brokers), open: () => openKafkaLeftovers({ ...services.kafka, ...timeout }) },
  ];
  const reached = await Promise.all(
    openers.map(async ({ service, address, open }) => {
      const outcome: ServiceOutcome = { service, address, status: config.dryRun ? 'listed' : 'cleaned' };
      const store = await withDeadline(open(), OPEN_DEADLINE_MS).catch((error: unknown) => {
        outcome.status = 'unreachable';
        outcome.error = reasonOf(error, outcome);
        return undefined;
      });
      return { outcome, store };
    }),
  );
  const open = reached.filter((entry): entry is { outcome: ServiceOutcome; store: LeftoverStore } => entry.store !== undefined);
  try {
    const found: Found[] = await Promise.all(
      open.map(({ outcome, store }) =>
        store.list().catch((error: unknown): Found => {
          fail(outcome, error);
          return {};
        }),
      ),
    );
    const plan = planClean(Object.assign({}, ...found) as Found, { nowMs, olderThanMs: config.olderThanMs, only: config.only });
    const deleted = config.dryRun ? undefined : noneRemoved();
    if (deleted !== undefined) {
      // A store whose listing failed has nothing in the plan to delete.
      const listed = open.filter(({ outcome }) => outcome.status !== 'failed');
      await Promise.all(listed.map(({ outcome, store }) => store.remove(plan.runs, deleted).catch((error: unknown) => fail(outcome, error))));
    }
    const outcomes = reached.map(({ outcome }) => outcome);
    return {
      dryRun: config.dryRun,
      olderThan: config.olderThan,
      cutoff: new Date(plan.cutoffMs).toISOString(),
      ...(config.only === undefined ? {} : { only: config.only }),
      runs: plan.runs,
      younger: plan.younger,
      inUse: plan.inUse,
      totals: totalsOf(plan.runs),
      ...(deleted === undefined ? {} : { deleted }),
      services: outcomes,
      ok: open.length > 0 && outcomes.every((outcome) => outcome.status !== 'failed'),
    };
  } finally {
    await Promise.all(open.map(({ store }) => store.close()));
  }
}

/** Marks a reached service as failed, with why. */
function fail(outcome: ServiceOutcome, error: unknown): void {
  outcome.status = 'failed';
  outcome.error = reasonOf(error, outcome);
}

/** An error as a reason, without the `service at address:` an InfrastructureError starts with. */
function reasonOf(error: unknown, { service, address }: ServiceOutcome): string {
  const text = describeError(error);
  const prefix = `${service} at ${address}: `;
  return error instanceof InfrastructureError && text.startsWith(prefix) ? text.slice(prefix.length) : text;
}
