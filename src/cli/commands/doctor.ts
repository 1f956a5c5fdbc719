// `ticketsim doctor`: can every service be reached? versions? schema? Kafka round trip?
// Probes run in parallel under one deadline, so a dead service costs seconds, never a hang.
import type { CommandModule } from 'yargs';
import { loadConfig } from '../../config/config.js';
import { redactUrl } from '../../config/redact.js';
import { formatBrokers } from '../../config/endpoints.js';
import type { ProbeResult } from '../../engine/health/probe.js';
import { formatDoctor } from '../doctor-format.js';
import { withJsonOption, withServiceOptions } from '../options.js';
import { EXIT } from '../exit-codes.js';

/** Longest a probe may take when its service answers (Kafka's group round trip is the slow one). */
const PROBE_DEADLINE_MS = 15_000;

interface DoctorArgs {
  json: boolean;
  redisUrl?: string;
  mysqlUrl?: string;
  kafkaBrokers?: string;
}

export const doctorCommand: CommandModule<object, DoctorArgs> = {
  command: 'doctor',
  describe: 'check that Redis, MySQL and Kafka answer: versions, round trip, schema, Kafka produce/consume',
  builder: (yargs) => withJsonOption(withServiceOptions(yargs)) as never,
  handler: async (args) => {
    const { services } = loadConfig(args);
    const [{ probeRedis }, { probeMysql }, { probeKafka }, { withDeadline }] = await Promise.all([
      import('../../engine/health/redis.js'),
      import('../../engine/health/mysql.js'),
      import('../../engine/health/kafka.js'),
      import('../../engine/health/probe.js'),
    ]);
    const settle = (service: ProbeResult['service'], address: string, probe: Promise<ProbeResult>) =>
      withDeadline(probe, PROBE_DEADLINE_MS).catch((error: Error): ProbeResult => ({ service, address, ok: false, details: [], error: error.message }));
    const results = await Promise.all([
      settle('redis', redactUrl(services.redis.url), probeRedis({ ...services.redis, connectTimeoutMs: services.connectTimeoutMs })),
      settle('mysql', redactUrl(services.mysql.url), probeMysql({ ...services.mysql, connectTimeoutMs: services.connectTimeoutMs })),
      settle('kafka', formatBrokers(services.kafka.brokers), probeKafka({ ...services.kafka, connectTimeoutMs: services.connectTimeoutMs })),
    ]);
    const ok = results.every((r) => r.ok);
    process.stdout.write(args.json ? `${JSON.stringify({ ok, services: results }, null, 2)}\n` : `${formatDoctor(results)}\n`);
    process.exitCode = ok ? EXIT.ok : EXIT.infrastructure;
  },
};
