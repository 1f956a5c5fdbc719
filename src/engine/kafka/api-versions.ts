// Asks a Kafka broker which protocol versions it speaks (ApiVersions v0 over a raw socket) and
// infers the broker generation from them. Kafka has no "server version" request; Kafka 4.0 removed
// Fetch v0–v3 (KIP-896), so a Fetch minimum of 4 or more means a 4.x broker.
import { connect } from 'node:net';
import type { Endpoint } from '../../config/endpoints.js';

const API_VERSIONS_KEY = 18;
const PRODUCE_KEY = 0;
const FETCH_KEY = 1;

/** Supported version range per API key. */
export type ApiVersionTable = Map<number, { min: number; max: number }>;

/** Sends one ApiVersions v0 request and parses the table; rejects on error or after `timeoutMs`. */
export function fetchApiVersions(endpoint: Endpoint, timeoutMs: number): Promise<ApiVersionTable> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port });
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(apiVersionsRequest()));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const data = Buffer.concat(chunks);
      if (data.length >= 4 && data.length >= 4 + data.readInt32BE(0)) {
        socket.end();
        try {
          resolve(parseApiVersions(data));
        } catch (error) {
          reject(error);
        }
      }
    });
  });
}

/** "4.x (Produce v3–v12, Fetch v4–v17)"-style description of a version table. */
export function describeBroker(table: ApiVersionTable): string {
  const produce = table.get(PRODUCE_KEY);
  const fetch = table.get(FETCH_KEY);
  const generation = fetch === undefined ? 'unknown' : fetch.min >= 4 ? '4.x' : '< 4.0';
  const ranges = [
    produce ? `Produce v${produce.min}–v${produce.max}` : undefined,
    fetch ? `Fetch v${fetch.min}–v${fetch.max}` : undefined,
  ].filter(Boolean);
  return `${generation} (${ranges.join(', ')})`;
}

function apiVersionsRequest(): Buffer {
  const clientId = Buffer.from('ticketsim-doctor');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(API_VERSIONS_KEY, 0);
  body.writeInt16BE(0, 2); // request version
  body.writeInt32BE(1, 4); // correlation id
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

function parseApiVersions(data: Buffer): ApiVersionTable {
  const errorCode = data.readInt16BE(8);
  if (errorCode !== 0) throw new Error(`ApiVersions answered error code ${errorCode}`);
  const count = data.readInt32BE(10);
  const table: ApiVersionTable = new Map();
  for (let i = 0, offset = 14; i < count; i += 1, offset += 6) {
    table.set(data.readInt16BE(offset), { min: data.readInt16BE(offset + 2), max: data.readInt16BE(offset + 4) });
  }
  return table;
}
