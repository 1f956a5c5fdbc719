// What a worker process prints: its progress line (figures, and the group's lag as the broker last
// said it), and of a service that is away (issue 20) one line when the first call fails (the
// service, its address, the error), the state on every progress line while it lasts (`waiting for
// MySQL at 127.0.0.1:3306 since 12 s, retrying every 2 s, 1,000 records held`), and one line when
// it is back, with how long it was away.
import { SERVICE_NAMES as NAMES } from '../config/services.js';
import type { GroupLag } from '../engine/ports.js';
import type { WorkerStats } from './worker.js';
import type { Outage, WorkerService } from './write-retry.js';

/** `0.3 s`, `2 s`, `14 s`: tenths under ten seconds. */
const seconds = (ms: number) => `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000).toLocaleString('en-US')} s`;

/** The group's lag in records: each partition's end offset minus the group's committed offset. */
const recordsBehind = (lag: GroupLag) => lag.end - lag.committed;

/** The group's lag as last asked of the broker, and how old that answer is (0: this line's own). */
export interface MeasuredLag {
  lag: GroupLag;
  ageMs: number;
}

/** One progress line: `worker ticketsim-worker: 4,210 rows/s · inserted 8,420 · skipped 0 · … · lag 1,000`. */
export function formatWorkerLine(group: string, stats: WorkerStats, rowsPerSec: number, measured: MeasuredLag | undefined): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const lag = measured === undefined ? 'unknown' : `${n(recordsBehind(measured.lag))}${measured.ageMs > 0 ? ` as of ${seconds(measured.ageMs)} ago` : ''}`;
  return (
    `worker ${group}: ${n(rowsPerSec)} rows/s · inserted ${n(stats.inserted)} · skipped ${n(stats.skipped)} · ` +
    `deleted ${n(stats.deleted)} · dead-lettered ${n(stats.deadLettered)} · lag ${lag}`
  );
}

/** The lag fields of a JSON line: the records behind, each partition's offsets, and the answer's age when old. */
export function lagFields(measured: MeasuredLag | undefined): Record<string, unknown> {
  if (measured === undefined) return { lag: null };
  const { lag, ageMs } = measured;
  const partitions = lag.partitions.map((partition) => ({ ...partition, lag: partition.end - partition.committed }));
  return { lag: recordsBehind(lag), partitions, ...(ageMs > 0 ? { lagAgeMs: Math.round(ageMs) } : {}) };
}

/** Where each service is, as the worker was told (host:port). */
export type ServiceAddresses = Record<WorkerService, string>;


/** `MySQL at 127.0.0.1:3306 is away (ECONNREFUSED …); nothing is committed past the records it holds, retrying`. */
export function awayLine(outage: Outage, addresses: ServiceAddresses): string {
  return `${NAMES[outage.service]} at ${addresses[outage.service]} is away (${outage.error}); nothing is committed past the records it holds, retrying`;
}

/** `MySQL at 127.0.0.1:3306 is back after 14 s`. */
export function backLine(service: WorkerService, awayMs: number, addresses: ServiceAddresses): string {
  return `${NAMES[service]} at ${addresses[service]} is back after ${seconds(awayMs)}`;
}

/** The progress line's state: `waiting for MySQL at 127.0.0.1:3306 since 12 s, retrying every 2 s, 1,000 records held`. */
export function waitingText(outages: readonly Outage[], nowMs: number, held: number, addresses: ServiceAddresses): string {
  return outages
    .map(
      (outage) =>
        `waiting for ${NAMES[outage.service]} at ${addresses[outage.service]} since ${seconds(nowMs - outage.sinceMs)}, ` +
        `retrying every ${seconds(outage.retryEveryMs)}, ${held.toLocaleString('en-US')} records held`,
    )
    .join(' · ');
}

/** The same for a JSON line: `waiting: [{ service, address, error, awayMs, retryEveryMs }]`, and the records held. */
export function waitingFields(outages: readonly Outage[], nowMs: number, held: number, addresses: ServiceAddresses): Record<string, unknown> {
  return {
    held,
    waiting: outages.map((outage) => ({ service: outage.service, address: addresses[outage.service], error: outage.error, awayMs: Math.round(nowMs - outage.sinceMs), retryEveryMs: outage.retryEveryMs })),
  };
}
