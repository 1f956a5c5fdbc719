// Every name a run creates, derived from its run id in this one place: its sale (also the MySQL
// ticket_name of its purchases rows and of its sale_fences row), the sale's Redis keys, its Kafka
// topic, dead-letter topic and consumer group, and the table the selftest plants. And the way back,
// strictly: the run a name was made for, or none, so that `ticketsim clean` removes only what a run
// created and never a name that merely looks like one (`concert-finals`, `ticketsim.sales.production`).
import { randomBytes } from 'node:crypto';
import type { LedgerTable, SaleId } from './ports.js';
import { KEY_PREFIX, saleKeyList, saleKeys, saleOfKey } from './redis/keys.js';
import type { SaleKeys } from './redis/keys.js';
import { PLAIN_TABLE_PREFIX } from './mysql/tables.js';

/** A run id as newRunId() makes them: 8 base-36 digits of its start in ms (mid-1972 to 2059), 4 hex digits. */
const RUN_ID = /^([0-9a-z]{8})-[0-9a-f]{4}$/;

const SALE_PREFIX = 'concert-';
const TOPIC_PREFIX = 'ticketsim.sales.';
const DLQ_SUFFIX = '.dlq';
const GROUP_PREFIX = 'ticketsim-workers-';

/** e.g. `mx4n0hrn-e86f`: base-36 milliseconds of `now`, then 4 random hex digits. Sortable by start time. */
export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}-${randomBytes(2).toString('hex')}`;
}

/** When the run with this id started (ms since the epoch), or undefined when it is not a run id. */
export function runStartedAt(runId: string): number | undefined {
  const match = RUN_ID.exec(runId);
  return match === null ? undefined : parseInt(match[1]!, 36);
}

/** Every name one run creates. */
export interface RunNames {
  readonly runId: string;
  /** `concert-<runId>`: the sale, and the ticket_name of its purchases rows and its sale_fences row. */
  readonly sale: SaleId;
  /** The sale's Redis keys: `ticketsim:{concert-<runId>}:stock`, `…:buyers`, `…:lock`, `…:fence`, `…:fence-seen`. */
  readonly keys: SaleKeys;
  /** Writing behind: `ticketsim.sales.<runId>`. */
  readonly topic: string;
  /** Writing behind: `ticketsim.sales.<runId>.dlq`, where the workers put malformed records. */
  readonly dlqTopic: string;
  /** Writing behind: `ticketsim-workers-<runId>`, the workers' consumer group. */
  readonly group: string;
  /** The selftest's planted non-idempotent worker's table: `purchases_plain_<runId, - as _>`. */
  readonly plainTable: LedgerTable;
}

/**
 * The names of the run `runId`. Any id that can sit in every name is taken (tests name their own
 * runs); only newRunId()'s ids parse back (see runOfName).
 */
export function runNames(runId: string): RunNames {
  const sale = `${SALE_PREFIX}${runId}`;
  const topic = `${TOPIC_PREFIX}${runId}`;
  const table = `${PLAIN_TABLE_PREFIX}${runId.replace(/-/g, '_')}`;
  if (!/^[A-Za-z0-9_]{1,64}$/.test(table)) throw new Error(`run id ${JSON.stringify(runId)} cannot name a table`);
  return {
    runId,
    sale,
    keys: saleKeys(sale),
    topic,
    dlqTopic: `${topic}${DLQ_SUFFIX}`,
    group: `${GROUP_PREFIX}${runId}`,
    plainTable: { name: table, idempotent: false },
  };
}

/** What kind of name a store holds: a sale (purchases and sale_fences rows), a Redis key, … */
export type RunNameKind = 'sale' | 'key' | 'topic' | 'group' | 'table';

/** The run a name was made for. */
export interface RunOfName {
  runId: string;
  /** When the run started, ms since the epoch (from its id). */
  startedAtMs: number;
}

/** Per kind: the run id a name would carry, and the names of that kind a run makes. */
const KINDS: Record<RunNameKind, { candidate(name: string): string | undefined; made(run: RunNames): readonly string[] }> = {
  sale: { candidate: (name) => after(name, SALE_PREFIX), made: (run) => [run.sale] },
  key: { candidate: (name) => after(saleOfKey(name) ?? '', SALE_PREFIX), made: (run) => saleKeyList(run.sale) },
  topic: { candidate: (name) => after(name, TOPIC_PREFIX)?.replace(/\.dlq$/, ''), made: (run) => [run.topic, run.dlqTopic] },
  group: { candidate: (name) => after(name, GROUP_PREFIX), made: (run) => [run.group] },
  table: { candidate: (name) => after(name, PLAIN_TABLE_PREFIX)?.replace(/_/g, '-'), made: (run) => [run.plainTable.name] },
};

/** The rest of `name` after `prefix`, or undefined when it does not begin so. */
function after(name: string, prefix: string): string | undefined {
  return name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
}

/**
 * The run `name` was made for, or undefined when no run makes it: it must carry a run id as
 * newRunId() makes them, and be exactly one of the names of that kind runNames() gives that id.
 * `concert-finals`, `ticketsim.sales.production`, `ticketsim:{concert-finals}:stock` and
 * `ticketsim:{concert-<runId>}:stock-copy` are not run names.
 */
export function runOfName(kind: RunNameKind, name: string): RunOfName | undefined {
  const { candidate, made } = KINDS[kind];
  const runId = candidate(name);
  const startedAtMs = runId === undefined ? undefined : runStartedAt(runId);
  if (runId === undefined || startedAtMs === undefined || !made(runNames(runId)).includes(name)) return undefined;
  return { runId, startedAtMs };
}

/**
 * The run id `given` is, or the id of the run it names (`concert-<runId>`, a topic, …), so that a
 * user who pastes a name where a run id goes can be told which; undefined for anything else.
 */
export function runIdOf(given: string): string | undefined {
  if (runStartedAt(given) !== undefined) return given;
  for (const kind of Object.keys(KINDS) as RunNameKind[]) {
    const run = runOfName(kind, given);
    if (run !== undefined) return run.runId;
  }
  return undefined;
}

/**
 * Where run names can be, per store, for listing: every run name falls inside these (and names
 * inside them that are not a run's are told apart by runOfName).
 */
export const RUN_NAME_SCOPE = Object.freeze({
  /** SCAN MATCH glob of the sales' keys. */
  redisMatch: `${KEY_PREFIX}:{${SALE_PREFIX}*`,
  /** LIKE pattern of the sales' ticket_name. */
  saleLike: `${SALE_PREFIX}%`,
  /** LIKE pattern of the planted tables' names (`_` escaped). */
  tableLike: `${PLAIN_TABLE_PREFIX.replace(/_/g, '\\_')}%`,
  topicPrefix: TOPIC_PREFIX,
  groupPrefix: GROUP_PREFIX,
});
