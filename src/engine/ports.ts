// The engine's ports: what strategies need from the Redis side (Inventory, Locks), the MySQL side
// (Ledger) and time (Clock). Real adapters (redis/, mysql/) and in-process ones (memory/) implement
// them; strategies are written against these interfaces only. Also the write-behind path's event
// log and the contract of the worker fleets a run starts on it.

/** One sale (one event's tickets). Its id is also the MySQL ticket_name, e.g. `concert-<runId>`. */
export type SaleId = string;
export type UserId = string;

/** Answer of the atomic reservation: the whole purchase check on the Redis side in one step. */
export type Reservation = 'reserved' | 'sold-out' | 'duplicate';

/** The Redis side of a sale: remaining stock and the set of buyers. */
export interface Inventory {
  /** Creates the sale with `stock` seats. Fails if the sale already exists (never overwrites). */
  createSale(sale: SaleId, stock: number): Promise<void>;
  /** Remaining stock (one round trip; no lock). Throws if the sale does not exist. */
  readStock(sale: SaleId): Promise<number>;
  /** Overwrites the remaining stock (one round trip; the naive strategy's write). */
  writeStock(sale: SaleId, stock: number): Promise<void>;
  /** Decrements the stock by one and returns the new value (one round trip, no bound check). */
  decrementStock(sale: SaleId): Promise<number>;
  /** Increments the stock by one and returns the new value (one round trip; a cancel's seat back). */
  incrementStock(sale: SaleId): Promise<number>;
  /** True when the user is in the buyer set. */
  isBuyer(sale: SaleId, user: UserId): Promise<boolean>;
  /** Adds the user to the buyer set; false when they were already there. */
  addBuyer(sale: SaleId, user: UserId): Promise<boolean>;
  /** Removes the user from the buyer set; false when they were not there. */
  removeBuyer(sale: SaleId, user: UserId): Promise<boolean>;
  /** Atomically: duplicate if already a buyer, sold-out if stock ≤ 0, else decrement and add buyer. */
  reserve(sale: SaleId, user: UserId): Promise<Reservation>;
  /** Atomically undoes a reservation: removes the buyer and, only if they were there, stock + 1. */
  release(sale: SaleId, user: UserId): Promise<boolean>;
  /** Everything the checks read afterwards: remaining stock and every buyer. */
  inspect(sale: SaleId): Promise<{ stock: number | undefined; buyers: UserId[] }>;
  /** fenced: the sale's next fencing token (INCR of the sale's own counter: 1, 2, 3, …). */
  issueFence(sale: SaleId): Promise<number>;
  /**
   * fenced: one atomic step under `token`. `stale` when a newer token already touched the sale;
   * otherwise `token` becomes the newest the sale has seen, and the stock and whether the user is a
   * buyer are returned. After it, any holder with an older token is refused.
   */
  fencedLook(sale: SaleId, user: UserId, token: number): Promise<{ stock: number; isBuyer: boolean } | 'stale'>;
  /** fenced: as reserve(), atomically, unless a newer token than `token` touched the sale (`stale`). */
  fencedReserve(sale: SaleId, user: UserId, token: number): Promise<Reservation | 'stale'>;
}

/** A held lock; release() is safe to call once, and does nothing if the lock already expired. */
export interface Lease {
  release(): Promise<void>;
}

/** Distributed locks (Redlock on the real side). */
export interface Locks {
  /**
   * Tries to take `resource` for `ttlMs`, retrying for a bounded time. Undefined when it could not
   * be had in time (a lock timeout: an outcome, not an error).
   */
  acquire(resource: string, ttlMs: number): Promise<Lease | undefined>;
}

/**
 * The table a ledger writes, and whether its batch insert skips rows the UNIQUE key already holds.
 * Only the selftest's planted non-idempotent worker writes anything but the purchases table.
 */
export interface LedgerTable {
  name: string;
  /** true: INSERT IGNORE against UNIQUE(user_id, ticket_name); false: plain INSERT, no unique key. */
  idempotent: boolean;
}

/** What a ledger insert did. `duplicate` means the UNIQUE(user_id, ticket_name) key held it off. */
export type LedgerWrite = 'inserted' | 'duplicate';

/** One purchases row as the checks see it. */
export interface PurchaseRow {
  userId: UserId;
  /** How many rows this user has for the sale (more than 1 would be a double sale). */
  rows: number;
}

/**
 * What the database server itself counted for the ledger's statements, read from its own
 * sessions (not from ticketsim's timers), to confirm or contradict the client-side timings.
 */
export interface ServerStatementStats {
  /** Where the figures come from, e.g. `SHOW SESSION STATUS of 10 pool sessions`. */
  source: string;
  /** Data-changing statements the server executed (Com_insert + Com_delete), summed over sessions. */
  writes: number;
  /** Statements the server itself found slower than `thresholdMs` (Slow_queries), execution only. */
  slow: number;
  thresholdMs: number;
  /** How many sessions were read; a session that died during the run took its counters with it. */
  sessions: number;
}

/** The MySQL side: the purchases table, through a bounded connection pool. */
export interface Ledger {
  /** Inserts one purchase synchronously. Infrastructure failures throw. */
  record(sale: SaleId, user: UserId): Promise<LedgerWrite>;
  /**
   * Deletes the user's purchase of the sale (`DELETE … WHERE user_id = ? AND ticket_name = ?`);
   * true when a row went, false when there was none (the seed's repository: (bool, error)).
   */
  remove(sale: SaleId, user: UserId): Promise<boolean>;
  /**
   * Inserts many purchases of one sale in one statement, skipping those the UNIQUE key already
   * holds (insert-or-skip): the write-behind worker's batch write.
   */
  recordMany(sale: SaleId, users: readonly UserId[]): Promise<{ inserted: number; skipped: number }>;
  /** Deletes many users' purchases of one sale in one statement; `absent`: nothing was there. */
  removeMany(sale: SaleId, users: readonly UserId[]): Promise<{ deleted: number; absent: number }>;
  /**
   * fenced: inserts one purchase only while `token` is the newest the sale's MySQL-side fence has
   * accepted (a newer one already accepted: `stale`, nothing written).
   */
  recordFenced(sale: SaleId, user: UserId, token: number): Promise<LedgerWrite | 'stale'>;
  /** fenced: deletes the user's purchase under the same guard; true when a row went. */
  removeFenced(sale: SaleId, user: UserId, token: number): Promise<boolean | 'stale'>;
  /** Every buyer of the sale with their row count, read from the table itself. */
  purchases(sale: SaleId): Promise<PurchaseRow[]>;
  /** Rows of the sale inserted after row `afterId`, oldest first (for watching rows appear). */
  rowsSince(sale: SaleId, afterId: number): Promise<{ id: number; userId: UserId }[]>;
  /** The newest row id of the whole table (0 when empty): where watching for new rows starts. */
  lastRowId(): Promise<number>;
  /** The server's own count of this ledger's statements (undefined when it cannot tell). */
  serverStats(): Promise<ServerStatementStats | undefined>;
}

/** A purchase or cancel on its way to MySQL through the event log (write-behind). */
export interface SaleEvent {
  type: 'purchased' | 'cancelled';
  sale: SaleId;
  user: UserId;
  /** Unique per event; a redelivered copy carries the same id. */
  id: string;
}

/** Publishes sale events; a publish resolves once the log acknowledged the event (acks from all replicas). */
export interface EventBus {
  publish(event: SaleEvent): Promise<void>;
  /** Events acknowledged, copies sent again on purpose (--redeliver), and produce requests made. */
  stats(): { published: number; redelivered: number; requests: number };
  close(): Promise<void>;
}

/** One record of the event log as a consumer sees it. */
export interface LogRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
}

/** One fetched batch of one partition, in log order. */
export interface LogBatch {
  topic: string;
  partition: number;
  records: readonly LogRecord[];
  /** Records of the partition after this batch, not yet fetched. */
  lag(): number;
  /** Marks every record up to `offset` (inclusive) processed: the group resumes after it. */
  commit(offset: string): Promise<void>;
  /** Keeps the consumer's group membership alive during a long batch. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or lost the partition: finish what is committed and return. */
  active(): boolean;
}

/** A member of a consumer group on one topic: hands over batches until stopped. */
export interface LogConsumer {
  /** Resolves once the consumer has joined its group and started fetching. */
  start(handle: (batch: LogBatch) => Promise<void>): Promise<void>;
  /** Lets the batch in progress finish, then leaves the group. */
  stop(): Promise<void>;
}

/** What write-behind workers did (one worker's, or summed over a run's). */
export interface WorkerFigures {
  /** Records handed to the workers (a redelivered record counts again). */
  delivered: number;
  /** Purchase events that became rows, and those the UNIQUE key skipped as already there. */
  inserted: number;
  skipped: number;
  /** Cancel events that deleted a row, and those that found none. */
  deleted: number;
  absent: number;
  /** Malformed records sent to the dead-letter topic. */
  deadLettered: number;
  /** SQL statements and offset commits made. */
  statements: number;
  commits: number;
  /** Records behind, summed over the partitions last fetched. */
  lag: number;
}

/** Where and how many write-behind workers to start, in one consumer group. */
export interface FleetSpec {
  count: number;
  topic: string;
  group: string;
  dlqTopic: string;
  /** Most records a worker writes and commits at once. */
  batchSize: number;
  /** The table the workers write instead of purchases (the planted non-idempotent worker). */
  table?: LedgerTable;
}

/**
 * The workers of one run (worker processes, or the same code in process), started and stopped by
 * the run: their figures, summed over the workers as last reported.
 */
export interface WorkerFleet {
  readonly count: number;
  stats(): WorkerFigures;
  /**
   * kill-worker: kills one worker abruptly (round robin; a process gets SIGKILL, an in-process
   * worker is dropped mid-batch without committing) and starts a replacement in the same group.
   * Resolves once the killed worker is gone, naming it (e.g. `pid 4242`), with `replaced`, which
   * resolves once the replacement joined the group. The two are apart because joining waits for
   * every live member to rejoin, and one may be busy in a write that only ends later. The killed
   * worker's last reported figures stay in the totals.
   */
  kill(): Promise<{ killed: string; replaced: Promise<void> }>;
  /** Stops every live worker (each finishes its batch, commits, leaves the group); resolves with the totals. */
  stop(): Promise<WorkerFigures>;
}

/** Where malformed records go, with the reason (a dead-letter topic). */
export interface DeadLetters {
  /** Resolves once the log acknowledged the dead letter. */
  send(record: LogRecord, reason: string, sourceTopic: string): Promise<void>;
  close(): Promise<void>;
}

/** How far a consumer group is behind a topic: end offsets and committed offsets, summed. */
export interface GroupLag {
  end: number;
  committed: number;
}

/** The event log (Kafka, or the in-process log): topics, producers, consumers, lag. */
export interface EventLog {
  /** True when the topic exists. */
  hasTopic(topic: string): Promise<boolean>;
  /** Creates a topic of the run's own; fails if it exists. */
  createTopic(topic: string, partitions: number): Promise<void>;
  /** Deletes topics and consumer groups this run created (never anything else). */
  deleteTopics(topics: readonly string[], groups: readonly string[]): Promise<void>;
  /** A publisher to `topic`; `redeliver` (0–1) sends that fraction of events twice, as a producer retry would. */
  bus(topic: string, options?: { redeliver?: number; drop?: number; observer?: EngineObserver }): Promise<EventBus>;
  consumer(topic: string, group: string): LogConsumer;
  deadLetters(topic: string): Promise<DeadLetters>;
  lag(topic: string, group: string): Promise<GroupLag>;
  /**
   * Moves the group's committed offsets back to the start of every partition, so its next members
   * read everything again (the `redeliver` fault's offset reset). The group must have no active
   * member. Resolves with how many records will be read again.
   */
  rewindGroup(topic: string, group: string): Promise<number>;
  close(): Promise<void>;
}

/** Time as the engine and the runner see it; the in-process infrastructure uses a virtual clock. */
export interface Clock {
  /** Monotonic time in microseconds. */
  nowUs(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
  /**
   * A virtual clock only: true when no timer is left and no turn is queued, so nothing waiting on
   * this clock can ever happen (checked between macrotasks, when every promise has settled).
   */
  idle?(): boolean;
}

/**
 * Which guard turned a repeat buyer away: the buyer-set look-up before the lock (`precheck`), the
 * look-up again under the lock (`recheck`), the atomic Lua script (`script`), or MySQL's
 * UNIQUE(user_id, ticket_name) key (`ledger`).
 */
export type DuplicateGuard = 'precheck' | 'recheck' | 'script' | 'ledger';

/** The result of one purchase attempt: an outcome, never an exception (errors are thrown). */
export type PurchaseOutcome =
  | { kind: 'purchased' }
  | { kind: 'sold-out' }
  | { kind: 'duplicate'; caughtBy: DuplicateGuard }
  | { kind: 'lock-timeout' };

/** The result of one cancel attempt: `not-purchased` when there was nothing to cancel. */
export type CancelOutcome = { kind: 'cancelled' } | { kind: 'not-purchased' } | { kind: 'lock-timeout' };

/** Any operation's outcome. */
export type Outcome = PurchaseOutcome | CancelOutcome;
export type OutcomeKind = Outcome['kind'];

/** Where purchases and cancels are made durable: MySQL inside the request, or an event behind it. */
export type WriteMode = 'sync' | 'behind';

/**
 * How a strategy makes a reserved purchase or a cancel durable. `sync` writes MySQL in the request
 * (the UNIQUE key may refuse a duplicate; a DELETE says whether a row went); `behind` publishes an
 * event and returns once the log acknowledged it (the worker writes MySQL later).
 */
export interface Writer {
  readonly mode: WriteMode;
  /** sync: INSERT (`duplicate` when the UNIQUE key refuses); behind: publish `purchased` (always `inserted`). */
  purchase(sale: SaleId, user: UserId): Promise<LedgerWrite>;
  /** sync: DELETE, true when a row went; behind: publish `cancelled`, true. */
  cancel(sale: SaleId, user: UserId): Promise<boolean>;
  /**
   * sync only (`fenced`): the same INSERT and DELETE carrying the lock holder's fencing token,
   * refused as `stale` once MySQL accepted a newer one (Ledger.recordFenced / removeFenced). Absent
   * when writing behind: there the event log orders the worker's writes.
   */
  readonly fenced?: {
    purchase(sale: SaleId, user: UserId, token: number): Promise<LedgerWrite | 'stale'>;
    cancel(sale: SaleId, user: UserId, token: number): Promise<boolean | 'stale'>;
  };
}

/** A concurrency-control strategy: buys and cancels one ticket of one sale for one user. */
export interface Strategy {
  readonly name: string;
  purchase(sale: SaleId, user: UserId): Promise<PurchaseOutcome>;
  /** Cancels the user's purchase: the row goes, the seat comes back, the buyer leaves the set. */
  cancel(sale: SaleId, user: UserId): Promise<CancelOutcome>;
}

/** What every strategy factory receives. */
export interface StrategyDeps {
  inventory: Inventory;
  /** Makes purchases and cancels durable, synchronously or behind (see createWriter). */
  writer: Writer;
  locks: Locks;
  clock: Clock;
  /** Faults to inject (none when absent). */
  faults?: EngineFaults;
  /** Hears what the strategy itself does (fenced: stale steps refused). */
  observer?: EngineObserver;
}

/** Kinds of SQL statement the ledger runs. */
export type StatementKind = 'insert' | 'delete' | 'select' | 'insert-many' | 'delete-many';

/** One SQL statement as the ledger timed it, in µs of the infrastructure's clock. */
export interface StatementTiming {
  kind: StatementKind;
  /** When the ledger was asked to run it. */
  startUs: number;
  /** Waiting for a pool connection (measured: from the request to the connection in hand). */
  waitUs: number;
  /** Executing on the connection (measured: from sending the statement to its reply). */
  execUs: number;
  /** False when it failed (the failure is also thrown to the caller). */
  ok: boolean;
}

/**
 * Hooks through which the engine says what it did, for whoever measures it (the scenarios). Every
 * hook is optional, synchronous and must not throw; the engine never measures anything itself.
 */
export interface EngineObserver {
  /** A lock acquisition ended, granted or not, after `tries` round trips to Redis (retries included). */
  lockAcquisition?(granted: boolean, tries: number): void;
  /** A SQL statement ended. */
  statement?(timing: StatementTiming): void;
  /** The event log acknowledged a published event (write-behind), at `atUs` of the engine's clock. */
  eventAcknowledged?(event: SaleEvent, atUs: number): void;
  /** fenced: a store refused a step carrying an older token than one it had accepted. */
  staleRefused?(store: 'redis' | 'mysql'): void;
}

/**
 * Faults the run injects into the engine on purpose (--fault), so the checks can show that they
 * notice what the faults break. The engine only asks; the run decides and records.
 */
export interface EngineFaults {
  /**
   * pause-holder: asked once by every lock holder that is about to change the stock, after its
   * checks, with the stock it saw: how many ms it should stall right there (0: carry on). A stall
   * longer than the lock's TTL lets a second holder into the critical section while the first
   * still has to write.
   */
  holderPause?(stockSeen: number): number;
}

/**
 * A service a run may take away and bring back on purpose (the service-down fault): only ever one
 * that ticketsim itself started.
 */
export interface ServiceSwitch {
  /** What it is, e.g. `the Kafka broker scripts/services.sh started, pid 4242`. */
  readonly describe: string;
  /** Resolves once the service is down. */
  stop(): Promise<void>;
  /** Resolves once the service answers again. */
  start(): Promise<void>;
}

/** A connected set of ports, real or in-process, and how to close it. */
export interface Infrastructure {
  kind: 'real' | 'memory';
  inventory: Inventory;
  ledger: Ledger;
  locks: Locks;
  clock: Clock;
  /** The event log, when the run needs one (write-behind). */
  log?: EventLog;
  /**
   * In process only: the same database seen by workers running in this process, without the run's
   * observer (a worker's SQL is not the run's own, as a real worker process's is not).
   */
  workerLedger?: Ledger;
  /** In process only: services the run may take away and bring back (service-down); all are its own. */
  switches?: { kafka?: ServiceSwitch };
  /** Server versions, for the result's environment block (undefined for services not used). */
  versions: { redis?: string; mysql?: string; kafka?: string };
  close(): Promise<void>;
}
