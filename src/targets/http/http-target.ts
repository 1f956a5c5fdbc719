// A target that is someone's own ticket service (ARCHITECTURE.md, "The sale-target seam"), driven
// over HTTP as its target file describes (--target FILE): the file's setup before the load, each
// purchase and cancel a request whose reply its outcome rules classify (no rule matched, no answer:
// unknown), its verify reads as the read-back, its drain after each phase when it writes behind,
// and its teardown at the end.
import type { TargetFile } from '../../config/target-file/index.js';
import { expandRequest, expandSource, expandStep, matchingRule, ruleText, saleId } from '../../config/target-file/index.js';
import type { Operation, Source, Step, TemplateVars } from '../../config/target-file/index.js';
import { inFlightCap } from '../../config/in-flight.js';
import type { PurchaseRow, UserId } from '../../engine/ports.js';
import { TicketsimError, describeError } from '../../errors.js';
import type { SaleCancelOutcome, SalePurchaseOutcome } from '../../scenarios/attempt-outcome.js';
import type { RunTarget, SaleReadBack, TargetContext, TargetSale } from '../../scenarios/target.js';
import type { TargetDrain } from '../../result.js';
import { createRealClock } from '../../engine/real-clock.js';
import { createHttpDriver } from './http-driver.js';
import { describeSource, storeOf } from './sources.js';
import { openTargetStores } from './target-stores.js';
import { UserIds } from './user-ids.js';

/** How often a drain reads the records again. */
const DRAIN_POLL_MS = 100;

/** Opens the service's target: connects its stores (the base URL is reached by the setup's first request). */
export async function openHttpTarget(context: TargetContext, file: TargetFile, path: string): Promise<RunTarget> {
  const { run, services } = context.config;
  const http = createHttpDriver({ baseUrl: file.baseUrl, connections: inFlightCap(run, 'real'), timeoutMs: file.timeoutMs });
  try {
    const stores = await openTargetStores(file, http, services.connectTimeoutMs);
    return new HttpTarget(context, file, path, http, stores);
  } catch (error) {
    await http.close().catch(() => undefined);
    throw error;
  }
}

class HttpTarget implements RunTarget {
  readonly kind = 'real' as const;
  readonly clock = createRealClock();
  readonly versions: RunTarget['versions'];
  readonly reason: string;
  readonly strategy: string;
  readonly faultStack = { service: async () => undefined };
  private readonly users: UserIds;
  private readonly sale: string;
  private stock = 0;
  /** Expansions so far: the number in `{attempt}`. */
  private attempts = 0;
  private setUp = false;
  /** Purchases answered `purchased` minus cancels answered `cancelled`: what a drain waits to see stored. */
  private acknowledged = 0;
  /** Replies each outcome rule matched, by operation and rule. */
  private readonly ruleCounts = { purchase: [] as number[], cancel: [] as number[] };
  /** Why answers were unknown, with how often. */
  private readonly unknownWhy = new Map<string, number>();
  /** The drains so far, in order. */
  private readonly drains: TargetDrain[] = [];

  constructor(
    private readonly context: TargetContext,
    private readonly file: TargetFile,
    private readonly path: string,
    private readonly http: ReturnType<typeof createHttpDriver>,
    private readonly stores: Awaited<ReturnType<typeof openTargetStores>>,
  ) {
    this.versions = stores.versions;
    this.reason = `--target ${path}: ${file.name} at ${file.baseUrl}`;
    this.strategy = file.name;
    this.sale = saleId(file, context.runId);
    this.users = new UserIds(file, context.runId, context.config.run.users);
  }

  async begin() {
    return {};
  }

  armEngine(): void {}

  /** The placeholders' values for one expansion: `{attempt}` is new each time, and unique across runs (`<runId>-<n>`). */
  private vars(extra: Partial<TemplateVars> = {}): TemplateVars {
    const { runId } = this.context;
    return { run: runId, sale: this.sale, stock: this.stock, attempt: `${runId}-${++this.attempts}`, ...extra };
  }

  async openSale(stock: number): Promise<TargetSale> {
    this.stock = stock;
    await this.runSteps(this.file.setup, 'setup');
    this.setUp = true;
    const { file } = this;
    return {
      sale: this.sale,
      purchase: async (user) => {
        const outcome = await this.send(file.purchase, user, 'purchase');
        if (outcome.kind === 'purchased') this.acknowledged += 1;
        return outcome as SalePurchaseOutcome;
      },
      cancel: async (user) => {
        if (file.cancel === undefined) throw new TicketsimError(`the target file has no cancel`);
        const outcome = await this.send(file.cancel, user, 'cancel');
        if (outcome.kind === 'cancelled') this.acknowledged -= 1;
        return outcome as SaleCancelOutcome;
      },
      ...(file.verify.stock === undefined ? {} : { seatsLeft: async () => Number(await this.read(file.verify.stock!)) }),
      readBack: () => this.readBack(),
    };
  }

  /** One request, its reply classified; `error` is thrown (an error of the service's own saying). */
  private async send(operation: Operation, user: UserId, name: 'purchase' | 'cancel'): Promise<SalePurchaseOutcome | SaleCancelOutcome> {
    const { id, i } = this.users.serviceId(user);
    const call = expandRequest(operation, this.vars({ user: id, i }), this.file.baseUrl);
    const answer = await this.http.send(call);
    if (answer.kind === 'no-answer') return this.unknown(answer.why);
    const rule = matchingRule(operation.outcomes, answer);
    if (rule < 0) return this.unknown(`status ${answer.status} matches no outcome rule`);
    const counts = this.ruleCounts[name];
    counts[rule] = (counts[rule] ?? 0) + 1;
    const is = operation.outcomes[rule]!.is;
    if (is === 'error') throw new TicketsimError(`${this.file.name} answered ${answer.status} (an error by its outcome rules)`);
    if (is === 'duplicate') return { kind: 'duplicate', caughtBy: 'service' };
    return { kind: is };
  }

  /** An unknown answer, counted by why. */
  private unknown(why: string): { kind: 'unknown'; why: string } {
    this.unknownWhy.set(why, (this.unknownWhy.get(why) ?? 0) + 1);
    return { kind: 'unknown', why };
  }

  private async read(source: Source): Promise<unknown> {
    return this.stores.read(expandSource(source, this.vars(), this.file.baseUrl));
  }

  async readBack(): Promise<SaleReadBack> {
    const { verify } = this.file;
    const [records, stock, index] = await Promise.all([
      this.read(verify.records),
      verify.stock === undefined ? undefined : this.read(verify.stock),
      verify.buyerIndex === undefined ? undefined : this.read(verify.buyerIndex),
    ]);
    return {
      records: rowsPerUser(ids(records, 'verify.records').map((id) => this.users.scenarioId(id))),
      ...(verify.stock === undefined ? {} : { stock: stock === null || stock === undefined ? ('missing' as const) : Number(stock) }),
      ...(verify.buyerIndex === undefined ? {} : { index: ids(index, 'verify.buyerIndex').map((id) => this.users.scenarioId(id)) }),
      names: { records: storeOf(verify.records), stock: verify.stock === undefined ? '' : storeOf(verify.stock), index: verify.buyerIndex === undefined ? '' : storeOf(verify.buyerIndex) },
    };
  }

  /** Writing behind: reads the records until they account for every acknowledged purchase, or stop changing for settleMs. */
  get settle(): (() => Promise<void>) | undefined {
    const { drain } = this.file;
    if (drain === undefined) return undefined;
    return async () => {
      const started = Date.now();
      const curve: TargetDrain['curve'] = [];
      const end = (ended: TargetDrain['ended'], records: number) => {
        this.drains.push({ ended, ms: Date.now() - started, acknowledged: this.acknowledged, records, curve });
      };
      let last = -1;
      let since = started;
      for (;;) {
        const stored = ids(await this.read(this.file.verify.records), 'verify.records').length;
        const now = Date.now();
        curve.push({ atMs: now - started, rows: stored });
        if (stored >= this.acknowledged) return end('caught-up', stored);
        if (stored !== last) [last, since] = [stored, now];
        else if (now - since >= drain.settleMs) return end('settled', stored);
        if (now - started >= drain.timeoutMs) return end('timed-out', stored);
        await this.clock.sleep(DRAIN_POLL_MS);
      }
    };
  }

  async quiesce(): Promise<void> {}

  async checks() {
    return [];
  }

  userLabel(user: UserId): string {
    return this.users.label(user);
  }

  live() {
    return { sql: undefined, writeBehind: undefined };
  }

  async summary() {
    const { verify } = this.file;
    const sources = [verify.records, verify.stock, verify.buyerIndex].filter((source): source is Source => source !== undefined);
    const vars = this.vars();
    const { purchase, cancel } = this.file;
    const rules = [
      ...purchase.outcomes.map((rule, n) => ({ operation: 'purchase' as const, when: ruleText(rule), is: rule.is, count: this.ruleCounts.purchase[n] ?? 0 })),
      ...(cancel?.outcomes ?? []).map((rule, n) => ({ operation: 'cancel' as const, when: ruleText(rule), is: rule.is, count: this.ruleCounts.cancel[n] ?? 0 })),
    ];
    const unknown = [...this.unknownWhy].map(([why, count]) => ({ why, count })).sort((a, b) => b.count - a.count);
    return {
      target: {
        name: this.file.name,
        baseUrl: this.file.baseUrl,
        file: this.path,
        rules,
        unknown,
        ...(this.file.drain === undefined ? {} : { drains: this.drains }),
      },
      data: {
        sale: this.sale,
        stores: sources.map((source) => ({ store: storeOf(source), holds: [describeSource(source, vars)] })),
      },
    };
  }

  private async runSteps(steps: readonly Step[], field: 'setup' | 'teardown'): Promise<void> {
    for (const [n, step] of steps.entries()) {
      try {
        await this.stores.run(expandStep(step, this.vars(), this.file.baseUrl));
      } catch (error) {
        throw new TicketsimError(`--target: ${field}[${n}] failed: ${describeError(error)}`, { cause: error });
      }
    }
  }

  async close(): Promise<void> {
    try {
      if (this.setUp) await this.runSteps(this.file.teardown, 'teardown');
    } finally {
      await this.stores.close();
      await this.http.close().catch(() => undefined);
    }
  }
}

/** The user ids a verify read gave: a list (rows' first column, SMEMBERS) of strings or numbers. */
function ids(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new TicketsimError(`${field} should read a list of user ids, and read ${JSON.stringify(value)?.slice(0, 80)}`);
  return value.map((id) => String(id));
}

/** One row per stored record, grouped by user: a user twice holds two. */
function rowsPerUser(users: readonly UserId[]): PurchaseRow[] {
  const counts = new Map<UserId, number>();
  for (const user of users) counts.set(user, (counts.get(user) ?? 0) + 1);
  return [...counts].map(([userId, rows]) => ({ userId, rows }));
}
