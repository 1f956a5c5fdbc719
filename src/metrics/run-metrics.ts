// The metrics of `run` and `compare`: attempts, answers by operation and outcome, in flight, the
// latency histogram per operation, SQL pool wait and execution, lock acquisitions and tries, and
// writing behind the rows its workers wrote, what they are behind and their lag. Each
// run is labelled with its scenario, strategy, write mode and run id (never a user id). Fed by the
// run's listener (each operation, lock acquisition and statement as it ends) and by its snapshot,
// read at each scrape (attempts made, in flight), so the runner keeps no metric of its own.
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { RunListener, RunSnapshot } from '../result.js';
import { LATENCY_BUCKETS, seconds } from './buckets.js';

/** The labels every run metric carries. */
export const RUN_LABELS = ['scenario', 'strategy', 'write', 'run_id'] as const;
export type RunLabels = Record<(typeof RUN_LABELS)[number], string>;

/** A run as the metrics see it (a ScenarioRun). */
export interface WatchedRun {
  readonly runId: string;
  readonly result: Promise<unknown>;
  snapshot(): RunSnapshot;
  listen(listener: RunListener): void;
}

/** The run metrics of one registry; watch() each run of the process. */
export class RunMetrics {
  private readonly attempts: Counter;
  private readonly answers: Counter;
  private readonly inFlight: Gauge;
  private readonly latency: Histogram;
  private readonly sqlWait: Histogram;
  private readonly sqlExec: Histogram;
  private readonly lockAcquisitions: Counter;
  private readonly lockTries: Counter;
  private readonly behindAcknowledged: Gauge;
  private readonly behindPersisted: Gauge;
  private readonly behindRecords: Gauge;
  private readonly behindLagP99: Gauge;
  /** Every run watched, with the attempts already counted into the counter. */
  private readonly runs: { run: WatchedRun; labels: RunLabels; attemptsSeen: number; ended: boolean }[] = [];

  constructor(registry: Registry) {
    const registers = [registry];
    const labelNames = [...RUN_LABELS];
    const sync = () => this.sync();
    this.attempts = new Counter({ name: 'ticketsim_attempts_total', help: 'Operations made (purchases and cancels, retries included): the result\'s counts.attempts', labelNames, registers, collect: sync });
    this.answers = new Counter({ name: 'ticketsim_answers_total', help: 'Operations answered, by operation and outcome (error: an infrastructure failure)', labelNames: [...labelNames, 'operation', 'outcome'], registers });
    this.inFlight = new Gauge({ name: 'ticketsim_in_flight', help: 'Attempts in flight now', labelNames, registers, collect: sync });
    this.latency = new Histogram({ name: 'ticketsim_latency_seconds', help: 'Operation latency from when it was due (coordinated-omission corrected)', labelNames: [...labelNames, 'operation'], buckets: [...LATENCY_BUCKETS], registers });
    this.sqlWait = new Histogram({ name: 'ticketsim_sql_pool_wait_seconds', help: 'SQL statements: waiting for a pool connection', labelNames: [...labelNames, 'statement'], buckets: [...LATENCY_BUCKETS], registers });
    this.sqlExec = new Histogram({ name: 'ticketsim_sql_exec_seconds', help: 'SQL statements: executing on the connection', labelNames: [...labelNames, 'statement'], buckets: [...LATENCY_BUCKETS], registers });
    this.lockAcquisitions = new Counter({ name: 'ticketsim_lock_acquisitions_total', help: 'Lock acquisitions ended, granted or not', labelNames: [...labelNames, 'granted'], registers });
    this.lockTries = new Counter({ name: 'ticketsim_lock_tries_total', help: 'Lock round trips to Redis, retries included', labelNames, registers });
    // Writing behind, the run's own workers as the run sees them (a worker's own figures: `ticketsim worker --metrics-port`).
    const behind = (name: string, help: string) => new Gauge({ name, help, labelNames, registers, collect: sync });
    this.behindAcknowledged = behind('ticketsim_write_behind_acknowledged', 'Writing behind: purchases acknowledged by Kafka so far');
    this.behindPersisted = behind('ticketsim_write_behind_rows', 'Writing behind: rows the workers have written so far');
    this.behindRecords = behind('ticketsim_write_behind_lag_records', 'Writing behind: records the workers are behind');
    this.behindLagP99 = behind('ticketsim_write_behind_lag_p99_seconds', 'Writing behind: p99 of the time from acknowledgement to row');
  }

  /** Counts `run` from now on under `labels` (its run id added). */
  watch(run: WatchedRun, labels: Omit<RunLabels, 'run_id'>): void {
    const all: RunLabels = { ...labels, run_id: run.runId };
    const watched = { run, labels: all, attemptsSeen: 0, ended: false };
    this.runs.push(watched);
    run.listen(this.listenerFor(all));
    // Its final figures, read once: an ended run's snapshot is not read again.
    const end = () => {
      this.sync();
      watched.ended = true;
    };
    run.result.then(end, end);
  }

  /** The hooks that count one run, with its labelled children looked up once each. */
  private listenerFor(labels: RunLabels): RunListener {
    const answers = new Map<string, ReturnType<Counter['labels']>>();
    const latency = new Map<string, ReturnType<Histogram['labels']>>();
    const lockTries = this.lockTries.labels(labels);
    const granted = this.lockAcquisitions.labels({ ...labels, granted: 'true' });
    const refused = this.lockAcquisitions.labels({ ...labels, granted: 'false' });
    return {
      operationEnded: (operation, outcome, latencyUs) => {
        const key = `${operation} ${outcome}`;
        let answer = answers.get(key);
        if (answer === undefined) answers.set(key, (answer = this.answers.labels({ ...labels, operation, outcome })));
        answer.inc();
        let histogram = latency.get(operation);
        if (histogram === undefined) latency.set(operation, (histogram = this.latency.labels({ ...labels, operation })));
        histogram.observe(seconds(latencyUs));
      },
      lockAcquisition: (ok, tries) => {
        (ok ? granted : refused).inc();
        lockTries.inc(tries);
      },
      statement: ({ kind, waitUs, execUs }) => {
        this.sqlWait.labels({ ...labels, statement: kind }).observe(seconds(waitUs));
        this.sqlExec.labels({ ...labels, statement: kind }).observe(seconds(execUs));
      },
    };
  }

  /** Brings the figures read from each run's snapshot up to date (at each scrape). */
  private sync(): void {
    for (const watched of this.runs.filter(({ ended }) => !ended)) {
      const { counts, inFlight, writeBehind } = watched.run.snapshot();
      this.attempts.labels(watched.labels).inc(counts.attempts - watched.attemptsSeen);
      watched.attemptsSeen = counts.attempts;
      this.inFlight.labels(watched.labels).set(inFlight);
      if (writeBehind !== undefined) {
        this.behindAcknowledged.labels(watched.labels).set(writeBehind.acknowledged);
        this.behindPersisted.labels(watched.labels).set(writeBehind.persisted);
        this.behindRecords.labels(watched.labels).set(writeBehind.behind);
        this.behindLagP99.labels(watched.labels).set(seconds(writeBehind.lagP99Us));
      }
    }
  }
}
