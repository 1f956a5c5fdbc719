// Parses service addresses (URLs and broker lists) into host:port pairs and checks they are loopback.

/** A service address as printed to users: `127.0.0.1:6379`. */
export interface Endpoint {
  host: string;
  port: number;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Formats an endpoint as host:port (IPv6 in brackets). */
export function formatEndpoint({ host, port }: Endpoint): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Kafka's brokers as KAFKA_BROKERS spells them: `127.0.0.1:9092,127.0.0.1:9094`. */
export function formatBrokers(brokers: readonly Endpoint[]): string {
  return brokers.map(formatEndpoint).join(',');
}

/** Host and port of a redis:// or mysql:// URL; throws a plain Error with a readable message. */
export function endpointOfUrl(url: string, protocols: readonly string[], defaultPort: number): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a URL`);
  }
  const protocol = parsed.protocol.replace(/:$/, '');
  if (!protocols.includes(protocol)) {
    throw new Error(`"${url}" must start with ${protocols.map((p) => `${p}://`).join(' or ')}`);
  }
  if (parsed.hostname === '') throw new Error(`"${url}" has no host`);
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port === '' ? defaultPort : Number(parsed.port) };
}

/** Parses `host:port[,host:port…]` into endpoints; throws a plain Error naming the bad entry. */
export function parseBrokerList(list: string): Endpoint[] {
  const entries = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) throw new Error('the Kafka broker list is empty');
  return entries.map((entry) => {
    const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(entry);
    if (!match || Number(match[2]) > 65535) throw new Error(`Kafka broker "${entry}" is not host:port`);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) };
  });
}
