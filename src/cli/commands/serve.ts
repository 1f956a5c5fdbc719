// `ticketsim serve`: the built-in engine as an HTTP service (src/server/), until SIGTERM or Ctrl-C:
// one line when listening (a JSON line with --json), a line per 500 on stderr (at most one a
// second), and on the first signal a graceful stop (a second Ctrl-C or SIGTERM quits at once, first
// undoing what would outlive the process), then one line saying how it stopped; exit 0.
import type { CommandModule } from 'yargs';
import { DEFAULTS, INFRA_MODES } from '../../config/defaults.js';
import { SERVE_DEFAULTS, loadServeConfig } from '../../config/serve-config.js';
import type { ServeFlags } from '../../config/serve-config.js';
import { STRATEGIES } from '../../config/strategies.js';
import { WORKLOAD_OPTIONS } from '../../config/workload-options.js';
import { WRITE_MODES } from '../../config/write-config.js';
import type { FailureHook } from '../../server/http-listener.js';
import { quitNow } from '../../ui/interrupt.js';
import { EXIT } from '../exit-codes.js';
import { withJsonOption, withServiceOptions } from '../options.js';
import { listeningLine, stopWarnings, stoppedLine } from '../serve-format.js';
import type { MetricsFlags } from '../../config/metrics-config.js';
import { openMetrics, withMetricsOptions } from '../metrics-option.js';

interface ServeArgs extends ServeFlags {
  json: boolean;
}

/** The routes and what they answer, for --help. */
const ROUTES = [
  'POST /sales {"id","stock"} → 201, 409 exists',
  'POST /buy {"user","sale"} → 200 purchased, 410 sold-out, 409 duplicate, 503 lock-timeout, 404 no such sale',
  'POST /cancel {"user","sale"} → 200 cancelled, 404 not-purchased, 503 lock-timeout',
  'GET /sales/<id>/stock → 200 {"stock"}, 404',
  'GET /health → 200 {"ok","strategy","write","infra"}',
  'a bad body → 400; the infrastructure failing → 500 {"error"}',
];

/** `ticketsim serve`: see the file's header. */
export const serveCommand: CommandModule<object, ServeArgs & MetricsFlags> = {
  command: 'serve',
  describe: 'serve the built-in engine over HTTP (POST /sales, /buy, /cancel; GET /sales/<id>/stock, /health) until SIGTERM or Ctrl-C',
  builder: (yargs) =>
    withMetricsOptions(withJsonOption(withServiceOptions(yargs), 'print the listening and stopped lines as JSON'), { linger: false })
      .option('strategy', { type: 'string', describe: `concurrency control: ${STRATEGIES.join(' | ')} [default: ${DEFAULTS.strategy}]` })
      .option('write', { type: 'string', describe: `${WRITE_MODES.join(' | ')} — MySQL in the request, or an event to Kafka and workers behind it [default: ${SERVE_DEFAULTS.write}]` })
      .option('infra', { type: 'string', describe: `${INFRA_MODES.join(' | ')} — real services, in-process ones, or real when they answer [default: ${DEFAULTS.infra}]` })
      .option('host', { type: 'string', describe: `address to listen on; loopback only unless --allow-remote [default: ${SERVE_DEFAULTS.host}]` })
      .option('port', { type: 'number', describe: `port to listen on; 0 takes a free one (the listening line says which) [default: ${SERVE_DEFAULTS.port}]` })
      .option('allow-remote', { type: 'boolean', describe: 'allow a --host that is not loopback (anyone who reaches it can buy), and a --metrics-host' })
      .option('workers', { type: 'number', describe: `behind: worker processes in the server's consumer group [default: ${WORKLOAD_OPTIONS.workers.default}]` })
      .option('pool-size', { type: 'number', describe: `${WORKLOAD_OPTIONS.poolSize.help} [default: ${WORKLOAD_OPTIONS.poolSize.default}]` })
      .option('insert-group', { type: 'number', describe: `${WORKLOAD_OPTIONS.insertGroup.help} [default: ${WORKLOAD_OPTIONS.insertGroup.default}]` })
      .example('$0 serve --strategy lua --infra real', 'serve on http://127.0.0.1:8080 over the real Redis and MySQL')
      .example('$0 serve --strategy naive --port 0 --json', 'any free port; the JSON listening line says which')
      .example('$0 serve --write behind --workers 2', 'answer once Kafka has the event; two workers write MySQL')
      .epilogue(`Routes (JSON in and out):\n  ${ROUTES.join('\n  ')}\n\nExit codes: 0 stopped by SIGTERM or Ctrl-C · 2 bad usage · 3 a service unreachable or the port in use`) as never,
  handler: async (args) => {
    const config = loadServeConfig(args);
    // Heard from now on: a signal while starting stops the server as soon as it is up.
    const stopSignal = firstStopSignal();
    const [{ startServer }, { workerLauncher }] = await Promise.all([import('../../server/serve.js'), import('../workers.js')]);
    const labels = { strategy: config.strategy, write: config.write.mode };
    const metrics = await openMetrics(args, async (registry) => new (await import('../../metrics/serve-metrics.js')).ServeMetrics(registry, labels));
    try {
      const server = await startServer(config, { launcher: workerLauncher(config.services), onFailure: failureLog(), onAnswered: metrics?.metrics.answered });
      process.stdout.write(`${listeningLine(config, server, metrics?.url)}\n`);
      const signal = await stopSignal;
      const stopped = await server.stop();
      for (const warning of stopWarnings(server, stopped)) process.stderr.write(`ticketsim serve: ${warning}\n`);
      process.stdout.write(`${stoppedLine(config, signal, stopped)}\n`);
      process.exitCode = EXIT.ok;
    } finally {
      await metrics?.close();
    }
  },
};

/**
 * Resolves with the first SIGTERM or SIGINT. A second one quits at once, once what would outlive
 * the process (the workers, the topics) is undone, as a second Ctrl-C does in a run.
 */
function firstStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const listener = (signal: NodeJS.Signals) => {
      if (!received) {
        received = true;
        resolve(signal);
        return;
      }
      process.off('SIGINT', listener);
      process.off('SIGTERM', listener);
      quitNow();
    };
    process.on('SIGINT', listener);
    process.on('SIGTERM', listener);
  });
}

/** Writes a line to stderr for a 500, at most one a second (saying how many it held back). */
function failureLog(): FailureHook {
  let quietUntil = 0;
  let held = 0;
  return (request, reply) => {
    const now = performance.now();
    if (now < quietUntil) {
      held++;
      return;
    }
    const more = held === 0 ? '' : ` (and ${held} more 500s held back in the last second)`;
    held = 0;
    quietUntil = now + 1000;
    process.stderr.write(`ticketsim serve: ${request.method} ${request.path} → 500: ${String(reply.body.error)}${more}\n`);
  };
}
