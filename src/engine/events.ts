// The wire format of sale events on the event log, shared by the producer (the engine, write
// behind) and the consumer (the worker): key = the user (so one user's purchase and cancel land on
// one partition, in order), value = a small versioned JSON object. decodeEvent() says exactly what
// is wrong with a malformed record, for the dead-letter topic's reason header.
import type { LogRecord, SaleEvent } from './ports.js';

/** The schema version written into every event. */
const VERSION = 1;

/** The longest id MySQL's purchases columns hold (VARCHAR(255)). */
const MAX_ID_LENGTH = 255;

/** A record ready to send: key and value strings. */
export interface EncodedEvent {
  key: string;
  value: string;
}

/** `{"v":1,"type":"purchased","sale":"concert-…","user":"user-7","id":"…"}`, keyed by the user. */
export function encodeEvent(event: SaleEvent): EncodedEvent {
  return { key: event.user, value: JSON.stringify({ v: VERSION, type: event.type, sale: event.sale, user: event.user, id: event.id }) };
}

/**
 * The text encodeEvent writes when no field holds a quote, a backslash or a control character (so
 * none needed escaping): read without JSON.parse, which takes the worker three times as long on
 * every record it consumes. Any other text is parsed in full.
 */
const AS_ENCODED = /^\{"v":1,"type":"(purchased|cancelled)","sale":"([^"\\\x00-\x1f]+)","user":"([^"\\\x00-\x1f]+)","id":"([^"\\\x00-\x1f]+)"\}$/;

/** The event in a record, or the reason it is not one. */
export function decodeEvent(record: Pick<LogRecord, 'key' | 'value'>): { event: SaleEvent } | { malformed: string } {
  if (record.value === null) return { malformed: 'empty value' };
  const encoded = AS_ENCODED.exec(record.value);
  if (encoded !== null) {
    const [, type, sale, user, id] = encoded as unknown as [string, SaleEvent['type'], string, string, string];
    return checked({ type, sale, user, id }, record.key);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.value);
  } catch {
    return { malformed: 'value is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { malformed: 'value is not a JSON object' };
  const { v, type, sale, user, id } = parsed as Record<string, unknown>;
  if (v !== VERSION) return { malformed: `unknown version ${JSON.stringify(v)} (expected ${VERSION})` };
  if (type !== 'purchased' && type !== 'cancelled') return { malformed: `unknown type ${JSON.stringify(type)}` };
  for (const [name, field] of [['sale', sale], ['user', user], ['id', id]] as const) {
    if (typeof field !== 'string' || field.length === 0) return { malformed: `${name} is not a non-empty string` };
    if (field.length > MAX_ID_LENGTH) return { malformed: `${name} is longer than ${MAX_ID_LENGTH} characters` };
  }
  return checked({ type, sale: sale as string, user: user as string, id: id as string }, record.key);
}

/** The event, unless its non-empty fields are too long for MySQL or the record's key is not its user. */
function checked(event: SaleEvent, key: string | null): { event: SaleEvent } | { malformed: string } {
  for (const name of ['sale', 'user', 'id'] as const) {
    if (event[name].length > MAX_ID_LENGTH) return { malformed: `${name} is longer than ${MAX_ID_LENGTH} characters` };
  }
  if (key !== null && key !== event.user) return { malformed: `key ${JSON.stringify(key)} is not the event's user` };
  return { event };
}
