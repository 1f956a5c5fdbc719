// The sale-target seam: the system under test as scenarios, the runner, the nemesis and the checks
// see it (ARCHITECTURE.md, "The sale-target seam"). A target opens a sale with N seats, buys and
// cancels for a user, and reads back what its stores hold in store-neutral terms. The built-in
// engine (strategy × write mode × infrastructure) is one target; any system that can do these
// things can be another. Types only.
import type { Clock, PurchaseRow, SaleId, UserId } from '../engine/ports.js';
import type { SaleCancelOutcome, SalePurchaseOutcome } from './attempt-outcome.js';
import type { CheckResult, InfraKind, RunSnapshot, SqlSummary, StoredData, TargetInfo, WriteBehindSummary } from '../result.js';
import type { FaultReach, FaultStack } from './faults/nemesis-fault.js';
import type { EngineFaults, EngineObserver } from '../engine/ports.js';
import type { Config } from '../config/config.js';

/** What a sale's stores hold, read back after a phase. */
export interface SaleReadBack {
  /** The system of record: the sale's records (rows), per user. */
  records: readonly PurchaseRow[];
  /**
   * Remaining stock, when the system keeps a counter: its value, or `missing` when it keeps one
   * and it is gone. Absent: the system keeps no counter (the checks that need one are skipped).
   */
  stock?: number | 'missing';
  /**
   * A second copy of the buyer list, when the system keeps one (an index such as a Redis set).
   * Absent: none is kept (the checks that compare it are skipped).
   */
  index?: readonly UserId[];
  /** What the system calls each store, for the checks' words: e.g. MySQL, Redis. */
  names: StoreNames;
}

/** The stores' names in the checks' texts: `buyers: Redis 100, MySQL 100`. */
export interface StoreNames {
  records: string;
  stock: string;
  index: string;
}

/** One sale, open on a target: what a scenario's attempts do to it. */
export interface TargetSale {
  readonly sale: SaleId;
  /** Buys one ticket for `user`: an outcome (sold out, duplicate, …), or a thrown infrastructure error. */
  purchase(user: UserId): Promise<SalePurchaseOutcome>;
  /** Cancels `user`'s ticket: an outcome, or a thrown infrastructure error. */
  cancel(user: UserId): Promise<SaleCancelOutcome>;
  /** The seats left as the system shows them to buyers (one read); absent when it cannot say. */
  seatsLeft?(): Promise<number>;
  /** Reads the stores back; throws when a store cannot be read. */
  readBack(): Promise<SaleReadBack>;
}

/** A system under test, as a scenario sees it. */
export interface SaleTarget {
  /** The run's time (a virtual clock in process): what a scenario waits on. */
  readonly clock: Clock;
  /** Opens the run's sale with `stock` seats (never overwrites anything). */
  openSale(stock: number): Promise<TargetSale>;
}

/** What the runner's measurements hear from a target while it runs (lock traffic, stale steps refused). */
export type TargetObserver = Pick<EngineObserver, 'lockAcquisition' | 'staleRefused' | 'statement'>;

/** What every target is opened with. */
export interface TargetContext {
  config: Config;
  runId: string;
  observer: TargetObserver;
  /** When the run's first phase was released, in µs of the target's clock (0 before it). */
  firstReleaseUs(): number;
}

/** A run target's live figures for the dashboard. */
export type TargetLive = Pick<RunSnapshot, 'sql' | 'writeBehind'>;

/** What a run target says of itself in the result once the run is checked. */
export interface TargetSummary {
  data: { sale: string; stores: StoredData[] };
  /** A service driven over HTTP: what it was and how its replies were read. */
  target?: TargetInfo;
  sql?: SqlSummary;
  writeBehind?: WriteBehindSummary;
}

/**
 * A system under test, as the runner drives it through one run: opened (connected) by its
 * factory, then begun, driven phase by phase by the scenario, settled after each phase, checked,
 * summarised and closed.
 */
export interface RunTarget extends SaleTarget {
  /** Where it runs: real services, or in process. */
  readonly kind: InfraKind;
  /** Why this kind, e.g. `auto: redis and mysql answered`. */
  readonly reason: string;
  /** What stands for the strategy in the result when it is not the run's --strategy (a service's name). */
  readonly strategy?: string;
  /** Server versions, for the result's environment block. */
  readonly versions: { redis?: string; mysql?: string; kafka?: string };
  /** Where the run's faults find what they may act on beyond the run (before it creates anything). */
  readonly faultStack: FaultStack;
  /**
   * Creates what the run needs beyond its sale (writing behind: the topic and the workers).
   * Resolves with what the faults may act on in it (the write-behind path).
   */
  begin(): Promise<FaultReach>;
  /** Gives the engine the armed faults' hooks; call after begin(), before the sale opens. */
  armEngine(faults: EngineFaults | undefined): void;
  /** After a phase: waits until what it acknowledged is visible in its stores (write-behind: the drain); absent when nothing lags. */
  settle?(): Promise<void>;
  /** Stops what runs behind the requests (writing behind: the workers); before the checks. */
  quiesce(): Promise<void>;
  /** The target's own checks, after the scenario's (writing behind: nothing acknowledged lost, …). */
  checks(): Promise<CheckResult[]>;
  /** A scenario's user as the target names it in its own stores, for the checks' texts; absent: the same. */
  userLabel?(user: UserId): string;
  live(): TargetLive;
  /** Once checked: where its data lives and what it measured of itself; releases what the run created. */
  summary(): Promise<TargetSummary>;
  /** Closes its connections and removes what the run created unless kept (also after a failure). */
  close(): Promise<void>;
  /**
   * After close, for a process of many runs: gives back what its measurements hold outside the
   * JavaScript heap (HDR histograms in WebAssembly memory); nothing may be read from it after.
   */
  free?(): void;
}
