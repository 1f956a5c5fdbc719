// examples/targets/serve.json against serve itself (in process): the file loads, its setup and
// requests are ones serve takes, its outcome rules read every reply serve gives as the engine meant
// it, and its verify names the engine's own row query and Redis keys for the run's sale.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerLauncher } from '../cli/workers.js';
import { loadServeConfig } from '../config/serve-config.js';
import { classify, expandRequest, expandSource, expandStep, loadTargetFile, saleId, userId } from '../config/target-file/index.js';
import type { HttpCall, TargetFile } from '../config/target-file/index.js';
import { runNames } from '../engine/run-names.js';
import { startServer } from './serve.js';
import type { RunningServer } from './serve.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/targets/serve.json');
const RUN = 'mx4n0hrn-e86f';

let file: TargetFile;
let server: RunningServer;
beforeAll(async () => {
  file = await loadTargetFile(EXAMPLE);
  const config = loadServeConfig({ infra: 'memory', port: 0, strategy: 'lua' }, {});
  server = await startServer(config, { launcher: workerLauncher(config.services) });
});
afterAll(() => server?.stop());

const send = async (call: HttpCall) => {
  const response = await fetch(call.url, { method: call.method, headers: call.headers, ...(call.body === undefined ? {} : { body: call.body }) });
  return { status: response.status, body: await response.text() };
};

describe('examples/targets/serve.json', () => {
  it('drives serve: each reply is read as the outcome the engine gave', async () => {
    const sale = saleId(file, RUN);
    const vars = (i: number) => ({ run: RUN, sale, stock: 1, i, user: userId(file, RUN, i), attempt: i });
    const [setup] = file.setup;
    const created = expandStep(setup!, { run: RUN, sale, stock: 1 }, server.url);
    expect('http' in created && (await send(created.http)).status).toBe(201);

    const purchase = async (i: number) => classify(file.purchase.outcomes, await send(expandRequest(file.purchase, vars(i), server.url)));
    const cancel = async (i: number) => classify(file.cancel!.outcomes, await send(expandRequest(file.cancel!, vars(i), server.url)));
    expect(await purchase(0)).toBe('purchased');
    expect(await purchase(0)).toBe('duplicate');
    expect(await purchase(1)).toBe('sold-out');
    expect(await cancel(1)).toBe('not-purchased');
    expect(await cancel(0)).toBe('cancelled');
  });

  it('verifies through the rows and keys the engine writes for the sale', () => {
    const sale = saleId(file, RUN);
    const { keys } = runNames(RUN);
    expect(sale).toBe(runNames(RUN).sale);
    const vars = { run: RUN, sale, stock: 1 };
    expect(expandSource(file.verify.records, vars, file.baseUrl)).toEqual({ sql: { sql: 'SELECT user_id FROM purchases WHERE ticket_name = ?', params: [sale] } });
    expect(expandSource(file.verify.stock!, vars, file.baseUrl)).toEqual({ redis: ['GET', keys.stock] });
    expect(expandSource(file.verify.buyerIndex!, vars, file.baseUrl)).toEqual({ redis: ['SMEMBERS', keys.buyers] });
    expect(file.baseUrl).toBe('http://127.0.0.1:8080');
  });
});
