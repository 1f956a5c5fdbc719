// A run's workers, started and stopped by the run (what it starts, it stops): real `ticketsim
// worker` child processes in one consumer group (write-behind on real Kafka), or the same worker
// code in-process on the in-process log. Either way the run reads their live and final figures,
// and can kill one worker abruptly and start a replacement (the kill-worker fault); a killed
// worker's last reported figures stay in the totals.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { ServicesConfig } from '../config/config.js';
import { ENV } from '../config/defaults.js';
import { formatBrokers } from '../config/endpoints.js';
import type { EventLog, FleetSpec, Ledger, WorkerFleet, WorkerOutage, WorkerWait } from '../engine/ports.js';
import { TicketsimError } from '../errors.js';
import { LAUNCHER, launcherNodeFlags } from '../launcher.js';
import { createWorker } from './worker.js';
import { emptyWorkerFigures, sumWorkerFigures } from '../worker-figures.js';
import type { Worker, WorkerStats } from './worker.js';

/** How long a worker process may take to join its group, and to stop after SIGTERM. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;


/** The slots 0, 1, …, count-1 in turn, for choosing whom to kill. */
function roundRobin(count: number): () => number {
  let next = 0;
  return () => {
    const slot = next;
    next = (next + 1) % count;
    return slot;
  };
}

/**
 * A promise handed back for the caller to await later: marked handled now, so a failure while the
 * caller is busy elsewhere is not reported as unhandled (awaiting it still rejects).
 */
function settledLater(promise: Promise<void>): Promise<void> {
  promise.catch(() => undefined);
  return promise;
}

/** Starts `count` in-process workers over the in-process log and ledger. */
export async function startInProcessFleet(options: FleetSpec & { log: EventLog; ledger: Ledger }): Promise<WorkerFleet> {
  const deadLetters = await options.log.deadLetters(options.dlqTopic);
  /** A new worker in the group: in place at once (its figures count from now), joined when `started` resolves. */
  const startWorker = (): { worker: Worker; started: Promise<void> } => {
    const consumer = options.log.consumer(options.topic, options.group);
    const { topic, batchSize, writesInFlight } = options;
    // Commits unpaced: pacing goes by the wall clock, and an in-process run must replay from its seed.
    const worker = createWorker({ topic, consumer, ledger: options.ledger, deadLetters, batchSize, writesInFlight, commitEveryMs: 0 });
    return { worker, started: worker.start() };
  };
  const first = Array.from({ length: options.count }, startWorker);
  await Promise.all(first.map(({ started }) => started));
  const workers = first.map(({ worker }) => worker);
  const retired: WorkerStats[] = [];
  const nextVictim = roundRobin(workers.length);
  return {
    count: workers.length,
    stats: () => sumWorkerFigures([...retired, ...workers.map((worker) => worker.stats())]),
    async kill() {
      const slot = nextVictim();
      retired.push(await workers[slot]!.crash());
      const replacement = startWorker();
      workers[slot] = replacement.worker;
      return { killed: `in-process worker ${slot + 1}`, replaced: settledLater(replacement.started) };
    },
    async stop() {
      const final = await Promise.all(workers.map((worker) => worker.stop()));
      await deadLetters.close();
      return sumWorkerFigures([...retired, ...final]);
    },
    // In process no worker waits: the ledger never goes away, and the log waits out its own broker.
    waitingFor: () => [],
    outages: () => [],
  };
}

/** One worker child process and what it last said. */
interface Child {
  process: ChildProcess;
  stats: WorkerStats;
  /** The services it said are away (its `away` lines not yet followed by `back`). */
  waiting: Map<WorkerWait['service'], WorkerOutage>;
  stderr: string;
  exited: Promise<number | null>;
}

/** One wait per service, the longest, over `children`. */
function waitsOf(children: readonly Child[]): WorkerWait[] {
  const longest = new Map<WorkerWait['service'], WorkerOutage>();
  for (const wait of children.flatMap((child) => [...child.waiting.values()])) {
    const known = longest.get(wait.service);
    if (known === undefined || wait.sinceMs < known.sinceMs) longest.set(wait.service, wait);
  }
  return [...longest.values()];
}

/**
 * Starts `count` `ticketsim worker --json` processes in one group and waits until each has joined.
 * Service addresses go through the environment, so no password shows in a process list. Children
 * are killed if this process exits first.
 */
export async function startProcessFleet(options: FleetSpec & { services: ServicesConfig }): Promise<WorkerFleet> {
  const env = {
    ...process.env,
    [ENV.mysqlUrl]: options.services.mysql.url,
    [ENV.redisUrl]: options.services.redis.url,
    [ENV.kafkaBrokers]: formatBrokers(options.services.kafka.brokers),
    // The run's metrics port is the run's: its workers would only find it taken (undefined: unset).
    [ENV.metricsPort]: undefined,
  };
  const args = ['worker', '--json', '--stop-with-parent', '--log-every', '1', '--topic', options.topic, '--group', options.group, '--dlq-topic', options.dlqTopic];
  args.push('--batch-size', String(options.batchSize), '--writes-in-flight', String(options.writesInFlight));
  if (options.table !== undefined) args.push('--table', options.table.name, ...(options.table.idempotent ? [] : ['--plain-insert']));
  const children: Child[] = [];
  const retired: WorkerStats[] = [];
  /** Every outage a worker said, killed workers' too. */
  const outages: WorkerOutage[] = [];
  const killAll = () => children.forEach((child) => child.process.kill('SIGKILL'));
  process.once('exit', killAll);
  /** Spawns a worker into `slot` (its replacement, when one was there) and waits until it joined. */
  const startInto = (slot: number): Promise<void> => {
    const { child, started } = spawnWorker(args, env, (outage) => outages.push(outage));
    children[slot] = child;
    return started;
  };
  try {
    await Promise.all(Array.from({ length: options.count }, (_, slot) => startInto(slot)));
  } catch (error) {
    killAll();
    process.off('exit', killAll);
    throw error;
  }
  const nextVictim = roundRobin(children.length);
  return {
    count: children.length,
    stats: () => sumWorkerFigures([...retired, ...children.map((child) => child.stats)]),
    async kill() {
      const slot = nextVictim();
      const victim = children[slot]!;
      victim.process.kill('SIGKILL');
      // 'close': its output is read to the end, so its last `stats` line is in.
      await victim.exited;
      retired.push(victim.stats);
      return { killed: `pid ${victim.process.pid}`, replaced: settledLater(startInto(slot)) };
    },
    async stop() {
      await Promise.all(children.map((child) => stopChild(child)));
      process.off('exit', killAll);
      return sumWorkerFigures([...retired, ...children.map((child) => child.stats)]);
    },
    waitingFor: () => waitsOf(children),
    outages: () => outages.map((outage) => ({ ...outage })),
  };
}

/** `onOutage` hears each outage a worker says (the same object is closed when it says it is back). */
function spawnWorker(args: string[], env: NodeJS.ProcessEnv, onOutage: (outage: WorkerOutage) => void): { child: Child; started: Promise<void> } {
  // Its stdin is a pipe nothing is written to: it closes when this process ends, however it ends,
  // and the worker then stops (--stop-with-parent) instead of consuming on as an orphan. It runs
  // with the launcher's node flags, as `ticketsim worker` typed in a shell would.
  const proc = spawn(process.execPath, [...launcherNodeFlags(), LAUNCHER, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  // 'close', not 'exit': it comes after stdout has ended, so the final `stopped` line has been read.
  const child: Child = { process: proc, stats: emptyWorkerFigures(), waiting: new Map(), stderr: '', exited: new Promise((resolve) => proc.once('close', (code) => resolve(code))) };
  let markStarted!: () => void;
  const started = new Promise<void>((resolve, reject) => {
    markStarted = resolve;
    const timer = setTimeout(() => reject(new TicketsimError(`a worker did not join its group within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    timer.unref();
    void child.exited.then((code) => reject(new TicketsimError(`a worker exited with code ${code} before it started: ${child.stderr.trim() || 'no message'}`)));
  });
  let pending = '';
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const message = parseLine(line);
      if (message === undefined) continue;
      if (message.event === 'started') markStarted();
      else if (message.event === 'away') {
        const outage = waitOf(message);
        child.waiting.set(outage.service, outage);
        onOutage(outage);
      } else if (message.event === 'back') {
        const { service } = waitOf(message);
        // The worker's own measure of how long it waited.
        const outage = child.waiting.get(service);
        if (outage !== undefined) outage.awayMs = Number(message.awayMs);
        child.waiting.delete(service);
      }
      else if (message.event === 'stats' || message.event === 'stopped') child.stats = pickStats(message);
    }
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    child.stderr = (child.stderr + chunk).slice(-2000);
  });
  return { child, started };
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(line) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An `away` (or `back`) line as an outage that starts now. */
function waitOf(message: Record<string, unknown>): WorkerOutage {
  const service = message.service === 'kafka' ? 'kafka' : 'mysql';
  return { service, address: String(message.address), error: String(message.error), sinceMs: performance.now() };
}

function pickStats(message: Record<string, unknown>): WorkerStats {
  const stats = emptyWorkerFigures();
  for (const key of Object.keys(stats) as (keyof WorkerStats)[]) stats[key] = Number(message[key] ?? 0);
  return stats;
}

/** SIGTERM, then SIGKILL if it has not stopped in time. */
async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await child.exited;
  clearTimeout(timer);
}
