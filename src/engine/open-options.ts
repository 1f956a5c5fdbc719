// What opening the infrastructure takes (the real or the in-process services), apart from the
// module that opens it so the real side, loaded lazily, can share the type without importing it back.
import type { ServicesConfig } from '../config/config.js';
import type { InfraMode } from '../config/defaults.js';
import type { StepSchedule } from './memory/step-schedule.js';
import type { EngineObserver, LedgerTable, ServiceName } from './ports.js';

/** How a run opens its infrastructure. */
export interface OpenOptions {
  mode: InfraMode;
  services: ServicesConfig;
  needs: readonly ServiceName[];
  poolSize: number;
  /** Most purchases one synchronous INSERT carries on real MySQL (absent or 1: one INSERT each). */
  insertGroup?: number;
  seed: number;
  /** Hears about lock acquisitions and SQL statements (the run's measurements). */
  observer?: EngineObserver;
  /** The server counts statements slower than this (session long_query_time), for the sql section. */
  slowSqlMs?: number;
  /**
   * The planted non-idempotent worker's table (a run's plainTable, see run-names.ts): the ledger writes it instead of
   * purchases; on the real services it is created after connecting and dropped on close.
   */
  table?: LedgerTable;
  /**
   * In process: run the services on the wall clock rather than the virtual one, for a server whose
   * requests arrive in real time. The real services always run on the wall clock.
   */
  wallClock?: boolean;
  /** An explored run (`ticketsim explore`): in process, every store effect a step its chooser orders. */
  steps?: StepSchedule;
  /** In process only, planted: lua's purchase script in two steps, no longer atomic. */
  splitReserve?: boolean;
}
