// The engine a server serves: one strategy × one write mode over the real services or the
// in-process ones (on the wall clock: requests arrive in real time), named after a run id of its own
// so `ticketsim clean` can find what it leaves. Writing behind it opens its own lane (topic,
// dead-letter topic, consumer group and workers, engine/behind-lane.ts); closing drains the lane,
// stops the workers, deletes the topics and group (kept when acknowledged events are still unwritten),
// and closes the connections. Sales it creates belong to their callers and stay.
import type { ServeConfig } from '../config/serve-config.js';
import { BehindLane } from '../engine/behind-lane.js';
import { openInfrastructure } from '../engine/infrastructure.js';
import type { Infrastructure, ServiceName, Strategy, WorkerLauncher } from '../engine/ports.js';
import { runNames } from '../engine/run-names.js';
import type { RunNames } from '../engine/run-names.js';
import { createStrategy, createSyncWriter } from '../engine/strategies/index.js';
import type { SaleOperations } from './routes.js';

/** How closing went: what writing behind had to leave. */
export interface EngineClosed {
  /** Writing behind, when the workers did not catch up in time: events acknowledged and not yet written. */
  unwritten?: number;
  /** The topics and group left on the broker (unwritten events, or a deletion that failed), and why. */
  kept?: { names: string; why: string };
}

/** An engine opened for serving. */
export interface ServedEngine {
  readonly operations: SaleOperations;
  readonly runId: string;
  /** Real services or in process, and why (`--infra real`, `auto: …`). */
  readonly kind: Infrastructure['kind'];
  readonly reason: string;
  /** Writing behind: the lane's topic, dead-letter topic and group. */
  readonly lane?: Pick<RunNames, 'topic' | 'dlqTopic' | 'group'>;
  /** Drains and stops what runs behind the requests, then closes the connections. Call once. */
  close(): Promise<EngineClosed>;
}

/**
 * Opens the infrastructure (an unreachable service with --infra real: InfrastructureError naming
 * host:port), then, writing behind, the lane through `launcher`.
 */
export async function openServedEngine(config: ServeConfig, runId: string, launcher: WorkerLauncher): Promise<ServedEngine> {
  const behind = config.write.mode === 'behind';
  const needs: ServiceName[] = behind ? ['redis', 'mysql', 'kafka'] : ['redis', 'mysql'];
  const { infra, reason } = await openInfrastructure({
    mode: config.infra,
    services: config.services,
    needs,
    poolSize: config.poolSize,
    insertGroup: config.insertGroup,
    seed: config.seed,
    wallClock: true,
  });
  const names = runNames(runId);
  let lane: BehindLane | undefined;
  try {
    if (behind) lane = await BehindLane.open({ infra, names, write: config.write, launcher });
  } catch (error) {
    await infra.close().catch(() => undefined);
    throw error;
  }
  const strategy = createStrategy(config.strategy, { ...infra, writer: lane?.writer ?? createSyncWriter(infra.ledger) });
  return {
    operations: operationsOf(infra, strategy, { strategy: config.strategy, write: config.write.mode, infra: infra.kind }),
    runId,
    kind: infra.kind,
    reason,
    ...(lane === undefined ? {} : { lane: lane.names }),
    close: async () => {
      const closed = lane === undefined ? {} : await closeLane(lane, config.write.drainTimeoutMs);
      await infra.close();
      return closed;
    },
  };
}

/** The sale operations over the infrastructure and the strategy. */
function operationsOf(infra: Infrastructure, strategy: Strategy, health: ReturnType<SaleOperations['health']>): SaleOperations {
  return {
    createSale: (id, stock) => infra.inventory.createSale(id, stock),
    purchase: (sale, user) => strategy.purchase(sale, user),
    cancel: (sale, user) => strategy.cancel(sale, user),
    stock: (sale) => infra.inventory.readStock(sale),
    health: () => health,
  };
}

/**
 * Waits (at most `drainTimeoutMs`) for the workers to write everything acknowledged, stops them,
 * and deletes the lane's topics and group, unless events may still be unwritten: then they stay
 * for a worker to finish (`ticketsim worker --topic … --group …`) or `ticketsim clean` to remove.
 */
async function closeLane(lane: BehindLane, drainTimeoutMs: number): Promise<EngineClosed> {
  const drained = await lane.drain(drainTimeoutMs);
  await lane.stopWorkers().catch(() => undefined);
  // Stopping lets each worker finish and commit its batch: ask again what is left.
  const left = drained ? 0 : await lane.pending();
  const failed = await lane.release(left !== 0);
  const { topic, dlqTopic, group } = lane.names;
  const names = `topics ${topic} and ${dlqTopic} and group ${group}`;
  if (left === undefined) return { kept: { names, why: `the broker did not say whether the workers wrote everything (${lane.lastLagError})` } };
  if (left > 0) return { unwritten: left, kept: { names, why: `${left.toLocaleString('en-US')} acknowledged events not yet written` } };
  return failed === undefined ? {} : { kept: { names, why: failed } };
}
