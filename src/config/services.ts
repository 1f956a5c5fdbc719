// Where the real services are: each address from its flag, else its environment variable, else the
// default, remembering which gave it; parsed into host:port and held to loopback unless allowed.
import { DEFAULTS, ENV } from './defaults.js';
import { endpointOfUrl, isLoopback, parseBrokerList } from './endpoints.js';
import type { Endpoint } from './endpoints.js';

/** Each real service as a sentence names it (`waiting for MySQL at 127.0.0.1:3306`). */
export const SERVICE_NAMES = { redis: 'Redis', mysql: 'MySQL', kafka: 'Kafka' } as const;

/**
 * Where the three real services are, and who said so: `givenBy` names the flag or environment
 * variable that gave an address, and is undefined for a default. An address given is never quietly
 * ignored (--infra auto falls back to in-process only when none of the needed ones was given).
 */
export interface ServicesConfig {
  redis: { url: string; endpoint: Endpoint; givenBy: string | undefined };
  mysql: { url: string; endpoint: Endpoint; database: string; givenBy: string | undefined };
  kafka: { brokers: readonly Endpoint[]; givenBy: string | undefined };
  connectTimeoutMs: number;
}

/** The service flags as parsed. */
export interface ServiceFlags {
  redisUrl?: string;
  mysqlUrl?: string;
  kafkaBrokers?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Builds the services config, adding every problem to `problems`; undefined when one is bad. */
export function buildServices(flags: ServiceFlags, env: Env, problems: string[]): ServicesConfig | undefined {
  const redisUrl = address(flags.redisUrl, '--redis-url', env, ENV.redisUrl, DEFAULTS.redisUrl);
  const mysqlUrl = address(flags.mysqlUrl, '--mysql-url', env, ENV.mysqlUrl, DEFAULTS.mysqlUrl);
  const brokers = address(flags.kafkaBrokers, '--kafka-brokers', env, ENV.kafkaBrokers, DEFAULTS.kafkaBrokers);
  const redis = attempt(problems, redisUrl.label, () => endpointOfUrl(redisUrl.value, ['redis'], 6379));
  const mysql = attempt(problems, mysqlUrl.label, () => endpointOfUrl(mysqlUrl.value, ['mysql'], 3306));
  const kafka = attempt(problems, brokers.label, () => parseBrokerList(brokers.value));
  const database = mysql ? databaseOf(mysqlUrl.value, mysqlUrl.label, problems) : undefined;

  if (env[ENV.allowRemote] !== '1') {
    const all = [redis, mysql, ...(kafka ?? [])].filter((e): e is Endpoint => e !== undefined);
    for (const endpoint of all.filter((e) => !isLoopback(e.host))) {
      problems.push(`${endpoint.host} is not a loopback address; ticketsim sends load only to 127.0.0.1/localhost/::1 (set ${ENV.allowRemote}=1 to override)`);
    }
  }
  if (!redis || !mysql || !kafka || database === undefined) return undefined;
  return {
    redis: { url: redisUrl.value, endpoint: redis, givenBy: redisUrl.givenBy },
    mysql: { url: mysqlUrl.value, endpoint: mysql, database, givenBy: mysqlUrl.givenBy },
    kafka: { brokers: kafka, givenBy: brokers.givenBy },
    connectTimeoutMs: DEFAULTS.connectTimeoutMs,
  };
}

/**
 * A service address from its flag, else its environment variable, else the default: the value,
 * which gave it (undefined for the default), and the name a problem with it is labelled with.
 */
function address(flag: string | undefined, flagName: string, env: Env, envName: string, fallback: string) {
  const fromEnv = env[envName];
  const givenBy = flag !== undefined ? flagName : fromEnv !== undefined ? envName : undefined;
  return { value: flag ?? fromEnv ?? fallback, givenBy, label: givenBy ?? envName };
}

function databaseOf(mysqlUrl: string, label: string, problems: string[]): string | undefined {
  const name = decodeURIComponent(new URL(mysqlUrl).pathname.replace(/^\//, '')) || 'ticketsim';
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) {
    problems.push(`${label}: database name "${name}" must be letters, digits and _`);
    return undefined;
  }
  return name;
}

function attempt<T>(problems: string[], label: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    problems.push(`${label}: ${(error as Error).message}`);
    return undefined;
  }
}
