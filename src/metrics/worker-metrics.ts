// The metrics of `ticketsim worker`: records consumed, rows inserted, skipped and deleted, records
// dead-lettered, batches committed (counters read from the worker's stats at each scrape), commit
// latency (a histogram) and the records the group is behind per partition (a gauge), labelled with
// the topic and the consumer group.
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { LATENCY_BUCKETS, seconds } from './buckets.js';

/** The labels every worker metric carries. */
export type WorkerLabels = { topic: string; group: string };

/** The worker's running figures, as the metrics read them. */
export interface WorkerCounts {
  delivered: number;
  inserted: number;
  skipped: number;
  deleted: number;
  deadLettered: number;
  commits: number;
}

/** Counter name → the figure it follows. */
const COUNTERS: readonly [string, keyof WorkerCounts, string][] = [
  ['ticketsim_worker_records_consumed_total', 'delivered', 'Records delivered to the worker'],
  ['ticketsim_worker_rows_inserted_total', 'inserted', 'Purchase rows inserted'],
  ['ticketsim_worker_rows_skipped_total', 'skipped', 'Purchase rows skipped: already there (a redelivery)'],
  ['ticketsim_worker_rows_deleted_total', 'deleted', 'Purchase rows deleted by cancels'],
  ['ticketsim_worker_dead_lettered_total', 'deadLettered', 'Malformed records sent to the dead-letter topic'],
  ['ticketsim_worker_batches_total', 'commits', 'Batches written and committed'],
];

/** The worker metrics of one registry. */
export class WorkerMetrics {
  private readonly commit: Histogram;
  private readonly lag: Gauge;
  private stats: (() => WorkerCounts) | undefined;

  constructor(registry: Registry, private readonly labels: WorkerLabels) {
    const registers = [registry];
    const labelNames = ['topic', 'group'];
    const seen: Partial<WorkerCounts> = {};
    for (const [name, figure, help] of COUNTERS) {
      const counter: Counter = new Counter({
        name,
        help,
        labelNames,
        registers,
        collect: () => {
          const value = this.stats?.()[figure] ?? 0;
          counter.labels(labels).inc(value - (seen[figure] ?? 0));
          seen[figure] = value;
        },
      });
    }
    this.commit = new Histogram({ name: 'ticketsim_worker_commit_seconds', help: 'Offset commits after a batch\'s write', labelNames: [...labelNames, 'partition'], buckets: [...LATENCY_BUCKETS], registers });
    this.lag = new Gauge({ name: 'ticketsim_worker_lag_records', help: 'Records the group is behind, per partition', labelNames: [...labelNames, 'partition'], registers });
  }

  /** Reads the counters from `stats` at each scrape. */
  watch(stats: () => WorkerCounts): void {
    this.stats = stats;
  }

  /** The worker's hook: each commit's latency. */
  readonly listener = {
    committed: (partition: number, us: number) => this.commit.labels({ ...this.labels, partition: String(partition) }).observe(seconds(us)),
  };

  /** The records the group is behind on `partition`, as measured from Kafka. */
  lagOf(partition: number, records: number): void {
    this.lag.labels({ ...this.labels, partition: String(partition) }).set(records);
  }
}
