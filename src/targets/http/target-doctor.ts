// `ticketsim doctor --target FILE`, before any load: does the service answer at its base URL, does
// every store the file names answer, does every verify read work (read only: the setup is never
// run), and which checks does the file make possible. A read that fails is the file's fault (its
// query, command or pointer) and is named by its field; a service or store that does not answer is
// the machine's.
import { expandSource, resolvePointer, saleId } from '../../config/target-file/index.js';
import type { HttpCall, Source, TargetFile } from '../../config/target-file/index.js';
import { describeError } from '../../errors.js';
import { createHttpDriver } from './http-driver.js';
import type { HttpDriver } from './http-driver.js';
import { openTargetStores } from './target-stores.js';

/**
 * The longest the base URL may take to answer before it counts as unreachable: with the process's
 * own start, a service that accepts connections and never answers is said within 5 s.
 */
const REACH_MS = 3_000;

/** One line of the diagnosis. */
export interface TargetProbe {
  what: string;
  ok: boolean;
  detail: string;
  /** `service`: the service or a store did not answer (exit 3); `file`: the file is wrong (exit 2). */
  fault?: 'service' | 'file';
}

/** The diagnosis: every probe, and the checks the file's verify makes possible or skips. */
export interface TargetDiagnosis {
  probes: TargetProbe[];
  checks: { possible: string[]; skipped: { name: string; why: string }[] };
}

/** Which checks a file's verify (and cancel) make possible, and why the others are skipped. */
export function checksOf(file: Pick<TargetFile, 'verify' | 'cancel' | 'promises'>): TargetDiagnosis['checks'] {
  const possible = ['no-oversell', 'exact-sell-out', 'reported-matches-data', 'reported-once-per-user'];
  const skipped: { name: string; why: string }[] = [];
  if (file.promises.onePerPerson) possible.push('no-double-buyer');
  if (file.verify.buyerIndex === undefined) skipped.push({ name: 'index-agrees', why: 'no verify.buyerIndex' });
  else possible.push('index-agrees');
  if (file.verify.stock === undefined) skipped.push({ name: 'conservation', why: 'no verify.stock' });
  else possible.push('conservation');
  if (file.cancel !== undefined) {
    possible.push('cancels-honoured-once', 'freed-seats-resold');
    if (file.verify.stock === undefined) skipped.push({ name: 'no-over-stocking', why: 'no verify.stock' });
    else possible.push('no-over-stocking');
  }
  return { possible, skipped };
}

/** Probes the service, its stores and its verify reads; never writes anything. */
export async function diagnoseTarget(file: TargetFile, connectTimeoutMs: number): Promise<TargetDiagnosis> {
  const probes: TargetProbe[] = [];
  const http = createHttpDriver({ baseUrl: file.baseUrl, connections: 1, timeoutMs: Math.min(file.timeoutMs, REACH_MS) });
  try {
    const started = performance.now();
    const answer = await http.send({ method: 'GET', path: '/' });
    const ms = Math.round(performance.now() - started);
    probes.push(
      answer.kind === 'response'
        ? { what: `base URL ${file.baseUrl}`, ok: true, detail: `answers (GET / → ${answer.status} in ${ms} ms)` }
        : { what: `base URL ${file.baseUrl}`, ok: false, detail: answer.why, fault: 'service' },
    );
    let stores;
    try {
      stores = await openTargetStores(file, http, connectTimeoutMs);
      for (const [name, url] of Object.entries(file.stores)) if (url !== undefined) probes.push({ what: `stores.${name}`, ok: true, detail: 'answers' });
    } catch (error) {
      probes.push({ what: 'stores', ok: false, detail: describeError(error), fault: 'service' });
    }
    if (stores !== undefined && probes.every((probe) => probe.ok)) {
      // A sale no run made: the reads show their shape without touching any real sale.
      const vars = { run: 'doctor', sale: saleId(file, 'doctor'), stock: 0 };
      const sources: [string, Source | undefined, 'list' | 'number'][] = [
        ['verify.records', file.verify.records, 'list'],
        ['verify.stock', file.verify.stock, 'number'],
        ['verify.buyerIndex', file.verify.buyerIndex, 'list'],
      ];
      for (const [field, source, shape] of sources) {
        if (source === undefined) continue;
        try {
          const call = expandSource(source, vars, file.baseUrl);
          probes.push('http' in call ? await apiProbe(http, field, call.http, shape) : readProbe(field, await stores.read(call), shape));
        } catch (error) {
          probes.push({ what: field, ok: false, detail: `the read failed: ${describeError(error)}`, fault: 'file' });
        }
      }
    }
    await stores?.close();
  } finally {
    await http.close().catch(() => undefined);
  }
  return { probes, checks: checksOf(file) };
}

/**
 * A read through the service's own API, sent once: a 404 is a sale no run made (the read is there,
 * the sale is not); a 200 must hold the value at the pointer in the shape its field needs.
 */
async function apiProbe(http: HttpDriver, field: string, read: { call: HttpCall; pointer: string }, shape: 'list' | 'number'): Promise<TargetProbe> {
  const answer = await http.send(read.call);
  if (answer.kind === 'no-answer') return { what: field, ok: false, detail: answer.why, fault: 'service' };
  if (answer.status === 404) return { what: field, ok: true, detail: 'answers 404 for a sale no run made (read once the setup made one)' };
  if (answer.status !== 200) return { what: field, ok: false, detail: `GET ${read.call.path} answered ${answer.status}`, fault: 'file' };
  return readProbe(field, resolvePointer(JSON.parse(answer.body) as unknown, read.pointer), shape);
}

/** Whether a read gave the shape its field needs: a list of user ids, or a number (none yet: nothing). */
function readProbe(field: string, value: unknown, shape: 'list' | 'number'): TargetProbe {
  if (shape === 'list') {
    return Array.isArray(value)
      ? { what: field, ok: true, detail: `reads a list (${value.length} user ids for a sale no run made)` }
      : { what: field, ok: false, detail: `should read a list of user ids, read ${JSON.stringify(value)}`, fault: 'file' };
  }
  if (value === null || value === undefined) return { what: field, ok: true, detail: 'reads nothing for a sale no run made (a number once the setup ran)' };
  return Number.isFinite(Number(value)) ? { what: field, ok: true, detail: `reads ${String(value)}` } : { what: field, ok: false, detail: `should read a number, read ${JSON.stringify(value)}`, fault: 'file' };
}
