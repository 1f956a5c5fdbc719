// `ticketsim serve` as a whole: binds the port first (a port in use fails before anything is
// opened), opens the engine under a run id of its own (an unreachable service fails naming
// host:port, and the port is let go), routes requests to it, and stops in order: no new requests,
// those in flight finish (bounded), then the engine drains and closes.
import type { ServeConfig } from '../config/serve-config.js';
import type { WorkerLauncher } from '../engine/ports.js';
import { newRunId } from '../engine/run-names.js';
import { listen } from './http-listener.js';
import type { AnsweredHook, FailureHook, RequestCounts } from './http-listener.js';
import { openServedEngine } from './served-engine.js';
import type { EngineClosed, ServedEngine } from './served-engine.js';

/** How long a stop waits for the requests in flight before closing their connections. */
const STOP_GRACE_MS = 10_000;

/** How a server stopped. */
export interface ServerStopped extends EngineClosed {
  /** Requests still in flight after the grace period (`graceMs`), whose connections were closed. */
  cutOff: number;
  graceMs: number;
  counts: RequestCounts;
}

/** A server listening and serving. */
export interface RunningServer extends Pick<ServedEngine, 'runId' | 'kind' | 'reason' | 'lane'> {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Stops it (call once): see the file's header. */
  stop(): Promise<ServerStopped>;
}

/** Options of {@link startServer}. */
export interface ServeOptions {
  /** Starts the workers when writing behind (the CLI passes the worker module's). */
  launcher: WorkerLauncher;
  /** Told of every 500 reply. */
  onFailure?: FailureHook;
  /** Told of every reply, with its route, status and latency (the server's metrics). */
  onAnswered?: AnsweredHook;
}

/** Starts serving the engine `config` describes; resolves once it answers requests. */
export async function startServer(config: ServeConfig, options: ServeOptions): Promise<RunningServer> {
  const listener = await listen(config.host, config.port, options.onFailure, options.onAnswered);
  let engine: ServedEngine;
  try {
    engine = await openServedEngine(config, newRunId(), options.launcher);
  } catch (error) {
    await listener.stop(0);
    throw error;
  }
  listener.ready(engine.operations);
  const { runId, kind, reason, lane } = engine;
  return {
    host: listener.host,
    port: listener.port,
    url: listener.url,
    runId,
    kind,
    reason,
    ...(lane === undefined ? {} : { lane }),
    async stop() {
      const { cutOff } = await listener.stop(STOP_GRACE_MS);
      const closed = await engine.close();
      return { ...closed, cutOff, graceMs: STOP_GRACE_MS, counts: listener.counts };
    },
  };
}
