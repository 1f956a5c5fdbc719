// `ticketsim worker`: the long-running Kafka → MySQL worker of write-behind (v4.5).
import type { CommandModule } from 'yargs';
import { WORKER_DEFAULTS, loadWorkerConfig } from '../../config/worker-config.js';
import type { WorkerFlags } from '../../config/worker-config.js';
import { withJsonOption, withServiceOptions } from '../options.js';
import { EXIT } from '../exit-codes.js';
import type { MetricsFlags } from '../../config/metrics-config.js';
import { openMetrics, withMetricsOptions } from '../metrics-option.js';

export const workerCommand: CommandModule<object, WorkerFlags & MetricsFlags> = {
  command: 'worker',
  describe: 'consume sale events from Kafka and write them to MySQL (write-behind), until SIGTERM or Ctrl-C',
  builder: (yargs) =>
    withMetricsOptions(withJsonOption(withServiceOptions(yargs)), { linger: false })
      .option('topic', { type: 'string', describe: `topic to consume [default: ${WORKER_DEFAULTS.topic}]` })
      .option('group', { type: 'string', describe: `consumer group [default: ${WORKER_DEFAULTS.group}]` })
      .option('dlq-topic', { type: 'string', describe: 'dead-letter topic for malformed records [default: <topic>.dlq]' })
      .option('batch-size', { type: 'number', describe: `most records per write and offset commit [default: ${WORKER_DEFAULTS.batchSize}]` })
      .option('writes-in-flight', {
        type: 'number',
        describe: `chunks of purchases written at once, each on its own connection; 1: one chunk at a time, committed before the next [default: ${WORKER_DEFAULTS.writesInFlight}]`,
      })
      .option('pool-size', { type: 'number', describe: `MySQL connections [default: ${WORKER_DEFAULTS.poolSize}, or --writes-in-flight when more]` })
      .option('allow-remote', { type: 'boolean', describe: 'allow a --metrics-host that is not loopback (anyone who reaches it reads the metrics)' })
      .option('log-every', { type: 'number', describe: `seconds between progress lines [default: ${WORKER_DEFAULTS.logEverySeconds}]` })
      // The selftest's planted non-idempotent worker only: a run's own table, written without skipping.
      .option('table', { type: 'string', hidden: true, describe: 'MySQL table to write instead of purchases' })
      .option('plain-insert', { type: 'boolean', hidden: true, describe: 'insert without skipping rows already there (needs --table)' })
      // Workers a run starts: they stop when the run is gone, even one killed without a chance to stop them.
      .option('stop-with-parent', { type: 'boolean', hidden: true, describe: 'stop as on SIGTERM once standard input closes' })
      .example('$0 worker --topic ticketsim.purchases --group ticketsim-worker', 'run one worker of the group')
      .example('$0 worker --json', 'progress as JSON lines (started, stats, stopped)')
      .example('$0 worker --metrics-port 9464', 'Prometheus metrics on 127.0.0.1:9464/metrics: rows, batches, commit latency, lag')
      .example('$0 worker --metrics-port 9464 --metrics-host 0.0.0.0 --allow-remote', 'the same on every interface, for a Prometheus on another machine') as never,
  handler: async (args) => {
    const config = loadWorkerConfig(args);
    const labels = { topic: config.topic, group: config.group };
    const metrics = await openMetrics(args, async (registry) => new (await import('../../metrics/worker-metrics.js')).WorkerMetrics(registry, labels));
    try {
      const { runWorkerProcess } = await import('../../worker/process.js');
      await runWorkerProcess(config, process.stdout, metrics?.metrics);
      process.exitCode = EXIT.ok;
    } finally {
      await metrics?.close();
    }
  },
};
