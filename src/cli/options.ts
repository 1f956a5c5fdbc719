// Options shared by several commands: where the services are. Flags override env (config/config.ts).
import type { Argv } from 'yargs';
import { ENV } from '../config/defaults.js';

/** Adds --redis-url, --mysql-url and --kafka-brokers to a command. */
export function withServiceOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('redis-url', { type: 'string', describe: `Redis URL [env ${ENV.redisUrl}, default redis://127.0.0.1:6379]` })
    .option('mysql-url', { type: 'string', describe: `MySQL URL [env ${ENV.mysqlUrl}, default mysql://root@127.0.0.1:3306/ticketsim]` })
    .option('kafka-brokers', { type: 'string', describe: `Kafka brokers host:port,… [env ${ENV.kafkaBrokers}, default 127.0.0.1:9092]` })
    .group(['redis-url', 'mysql-url', 'kafka-brokers'], 'Services:');
}

/** Adds --json. */
export function withJsonOption<T>(yargs: Argv<T>, describe = 'print only the result JSON on stdout') {
  return yargs.option('json', { type: 'boolean', default: false, describe });
}
