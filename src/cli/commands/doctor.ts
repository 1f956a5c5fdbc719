// `ticketsim doctor`: can every service be reached? versions? schema? Kafka round trip?
// Probes run in parallel under one deadline, so a dead service costs seconds, never a hang.
import type { CommandModule } from 'yargs';
import { loadConfig } from '../../config/config.js';
import { redactUrl } from '../../config/redact.js';
import { formatBrokers } from '../../config/endpoints.js';
import type { ProbeResult } from '../../engine/health/probe.js';
import { formatDoctor, formatTargetDoctor } from '../doctor-format.js';
import { loadTargetFile, nonLoopback } from '../../config/target-file/index.js';
import { UsageError } from '../../errors.js';
import { withJsonOption, withServiceOptions } from '../options.js';
import { EXIT } from '../exit-codes.js';

/** Longest a probe may take when its service answers (Kafka's group round trip is the slow one). */
const PROBE_DEADLINE_MS = 15_000;

interface DoctorArgs {
  json: boolean;
  target?: string;
  allowRemote?: boolean;
  redisUrl?: string;
  mysqlUrl?: string;
  kafkaBrokers?: string;
}

export const doctorCommand: CommandModule<object, DoctorArgs> = {
  command: 'doctor',
  describe: 'check that Redis, MySQL and Kafka answer: versions, round trip, schema, Kafka produce/consume',
  builder: (yargs) =>
    withJsonOption(withServiceOptions(yargs))
      .option('target', { type: 'string', describe: 'check a target file instead: its service and stores answer, its verify reads work (read only), which checks it makes possible' })
      .option('allow-remote', { type: 'boolean', describe: 'let --target reach a service or store that is not on this machine' }) as never,
  handler: async (args) => {
    const { services } = loadConfig(args);
    if (args.target !== undefined) {
      process.exitCode = await doctorTarget(args.target, args.allowRemote ?? false, services.connectTimeoutMs, args.json);
      return;
    }
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

/** `doctor --target FILE`: the file's service, stores and verify reads; exit 2 when the file is wrong, 3 when something does not answer. */
async function doctorTarget(path: string, allowRemote: boolean, connectTimeoutMs: number, json: boolean): Promise<number> {
  const file = await loadTargetFile(path);
  const remote = allowRemote ? [] : nonLoopback(file);
  if (remote.length > 0) throw new UsageError(remote.map((where) => `--target ${path}: ${where} is not on this machine (add --allow-remote if you mean it)`));
  const { diagnoseTarget } = await import('../../targets/http/target-doctor.js');
  const diagnosis = await diagnoseTarget(file, connectTimeoutMs);
  process.stdout.write(json ? `${JSON.stringify({ target: path, ...diagnosis }, null, 2)}\n` : `${formatTargetDoctor(path, file.name, diagnosis)}\n`);
  if (diagnosis.probes.some((probe) => probe.fault === 'file')) return EXIT.usage;
  return diagnosis.probes.some((probe) => probe.fault === 'service') ? EXIT.infrastructure : EXIT.ok;
}
