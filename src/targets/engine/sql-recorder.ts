// Records the ledger's SQL statements as the engine reports them (EngineObserver.statement): per
// statement kind, HDR histograms of the pool wait, the execution and their sum, plus the statements
// slower than the threshold (a count, their wait share and the slowest few). Fixed memory whatever
// the number of statements.
import type { StatementTiming } from '../../engine/ports.js';
import type { SlowStatement, SqlLive, SqlStatementTiming, SqlSummary } from '../../result.js';
import { LatencyTrack } from '../../scenarios/latency-recorder.js';

/** Statement kinds that write. */
const WRITE_KINDS = new Set(['insert', 'delete', 'insert-many', 'delete-many']);

/** How many of the slowest statements a summary lists. */
const SLOWEST_KEPT = 10;

/** The timings of one statement kind. */
class StatementTracks {
  readonly wait = new LatencyTrack();
  readonly exec = new LatencyTrack();
  readonly total = new LatencyTrack();
  failed = 0;

  summary(): SqlStatementTiming {
    return { count: this.total.count, failed: this.failed, wait: this.wait.summary(), exec: this.exec.summary(), total: this.total.summary() };
  }
}

interface SlowEntry {
  kind: string;
  startUs: number;
  waitUs: number;
  execUs: number;
}

/** Collects statement timings; read it live (live()) or at the end (summary()). */
export class SqlRecorder {
  private readonly byKind = new Map<string, StatementTracks>();
  private readonly allWait = new LatencyTrack();
  private readonly allExec = new LatencyTrack();
  private slowCount = 0;
  private slowWaitUs = 0;
  private slowTotalUs = 0;
  private mostlyWaiting = 0;
  /** The slowest statements so far, slowest first. */
  private slowest: SlowEntry[] = [];

  /** @param thresholdMs statements whose wait + execution exceed this are slow. */
  constructor(private readonly thresholdMs: number) {}

  /** Gives the histograms' WebAssembly memory back (see LatencyTrack.free); nothing may be read after. */
  free(): void {
    for (const tracks of this.byKind.values()) for (const track of [tracks.wait, tracks.exec, tracks.total]) track.free();
    this.allWait.free();
    this.allExec.free();
  }

  /** The EngineObserver hook: one finished statement. */
  readonly record = (timing: StatementTiming): void => {
    let tracks = this.byKind.get(timing.kind);
    if (tracks === undefined) this.byKind.set(timing.kind, (tracks = new StatementTracks()));
    const totalUs = timing.waitUs + timing.execUs;
    // A statement that failed before it had a connection never executed: its time is all waiting.
    const executed = timing.ok || timing.execUs > 0;
    tracks.wait.record(timing.waitUs);
    if (executed) tracks.exec.record(timing.execUs);
    tracks.total.record(totalUs);
    if (!timing.ok) tracks.failed++;
    this.allWait.record(timing.waitUs);
    if (executed) this.allExec.record(timing.execUs);
    if (totalUs <= this.thresholdMs * 1000) return;
    this.slowCount++;
    this.slowWaitUs += timing.waitUs;
    this.slowTotalUs += totalUs;
    if (timing.waitUs > timing.execUs) this.mostlyWaiting++;
    this.keepIfSlowest({ kind: timing.kind, startUs: timing.startUs, waitUs: timing.waitUs, execUs: timing.execUs }, totalUs);
  };

  /** Statements recorded so far. */
  get count(): number {
    return this.allWait.count;
  }

  /** A dashboard's view: undefined before the first write. */
  live(): SqlLive | undefined {
    if (!this.wrote()) return undefined;
    return { statements: this.count, waitP99Us: this.allWait.at(99), execP99Us: this.allExec.at(99), slow: this.slowCount, thresholdMs: this.thresholdMs };
  }

  /**
   * The whole picture, or undefined when no statement wrote anything. `originUs` is the barrier release (slow
   * statements are dated from it); `server` and `sources` say where else figures came from.
   */
  summary(originUs: number, sources: SqlSummary['sources'], server?: SqlSummary['server']): SqlSummary | undefined {
    // Reads alone (the checks' SELECT while a worker did the writing) are not worth a section.
    if (!this.wrote()) return undefined;
    const statements: Record<string, SqlStatementTiming> = {};
    for (const [kind, tracks] of [...this.byKind].sort(([a], [b]) => a.localeCompare(b))) statements[kind] = tracks.summary();
    const slowest: SlowStatement[] = this.slowest.map((entry) => {
      const [waitUs, execUs] = [Math.round(entry.waitUs), Math.round(entry.execUs)];
      return { kind: entry.kind, atMs: Math.round((entry.startUs - originUs) / 100) / 10, totalUs: waitUs + execUs, waitUs, execUs };
    });
    return {
      statements,
      slow: {
        thresholdMs: this.thresholdMs,
        count: this.slowCount,
        waitShare: this.slowTotalUs > 0 ? Math.round((this.slowWaitUs / this.slowTotalUs) * 1000) / 1000 : 0,
        mostlyWaiting: this.mostlyWaiting,
        slowest,
      },
      ...(server === undefined ? {} : { server }),
      sources,
    };
  }

  /** True once a statement that writes was recorded. */
  private wrote(): boolean {
    return [...this.byKind.keys()].some((kind) => WRITE_KINDS.has(kind));
  }

  private keepIfSlowest(entry: SlowEntry, totalUs: number): void {
    const last = this.slowest.at(-1);
    if (this.slowest.length >= SLOWEST_KEPT && last !== undefined && last.waitUs + last.execUs >= totalUs) return;
    const at = this.slowest.findIndex((kept) => kept.waitUs + kept.execUs < totalUs);
    this.slowest.splice(at === -1 ? this.slowest.length : at, 0, entry);
    if (this.slowest.length > SLOWEST_KEPT) this.slowest.pop();
  }
}
