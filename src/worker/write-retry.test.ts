import { describe, expect, it } from 'vitest';
import { createOutages, createWriteRetry, RETRY_CAP_MS, RETRY_FIRST_MS } from './write-retry.js';
import type { Outage, WorkerService } from './write-retry.js';

/** A retry on a clock that only moves when it sleeps; what it told, and how long it slept. */
function setUp() {
  let nowMs = 0;
  const slept: number[] = [];
  const told: string[] = [];
  const away: Outage[] = [];
  const outages = createOutages(
    {
      away: (outage) => {
        away.push(outage);
        told.push(`away ${outage.service}: ${outage.error}`);
      },
      back: (service: WorkerService, awayMs) => told.push(`back ${service} after ${awayMs} ms`),
    },
    () => nowMs,
  );
  const retry = createWriteRetry(outages, async (ms) => {
    slept.push(ms);
    nowMs += ms;
  });
  return { retry, outages, slept, told, away };
}

const owned = { active: () => true, heartbeat: async () => undefined };

/** A write that fails `times` times, then answers `value`. */
function failing<T>(times: number, value: T) {
  let calls = 0;
  return async () => {
    calls++;
    if (calls <= times) throw new Error(`connect ECONNREFUSED 127.0.0.1:3306 (${calls})`);
    return value;
  };
}

describe('createWriteRetry', () => {
  it('tries a failed write again, backing off to a cap, says the service is away once and back once', async () => {
    const { retry, outages, slept, told } = setUp();
    expect(await retry.attempt('mysql', failing(6, 'written'), owned)).toBe('written');
    expect(slept).toEqual([RETRY_FIRST_MS, 500, 1000, RETRY_CAP_MS, RETRY_CAP_MS, RETRY_CAP_MS]);
    expect(told).toEqual(['away mysql: connect ECONNREFUSED 127.0.0.1:3306 (1)', 'back mysql after 7750 ms']);
    expect(outages.list()).toEqual([]);
  });

  it('keeps one outage per service however many writes wait on it, with the latest error and the longest wait', async () => {
    const { retry, outages, told } = setUp();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // One write fails and then waits (in its heartbeat) until the other has gone through.
    const slow = retry.attempt('mysql', failing(1, 'a'), { active: () => true, heartbeat: () => gate });
    let seen: Outage[] = [];
    const twice = failing(2, 'b');
    const other = retry.attempt(
      'mysql',
      async () => {
        seen = outages.list();
        const answer = await twice();
        release();
        return answer;
      },
      owned,
    );
    expect(await Promise.all([slow, other])).toEqual(['a', 'b']);
    expect(seen).toEqual([{ service: 'mysql', error: 'connect ECONNREFUSED 127.0.0.1:3306 (2)', sinceMs: 0, retryEveryMs: 500 }]);
    expect(told).toEqual(['away mysql: connect ECONNREFUSED 127.0.0.1:3306 (1)', 'back mysql after 1000 ms']);
  });

  it('gives up with the failure once the batch is no longer the worker\'s, and sends nothing more', async () => {
    const { retry, outages } = setUp();
    let calls = 0;
    let active = true;
    const write = async () => {
      calls++;
      if (calls === 2) active = false;
      throw new Error('server closed the connection');
    };
    await expect(retry.attempt('kafka', write, { active: () => active, heartbeat: async () => undefined })).rejects.toThrow('server closed the connection');
    expect(calls).toBe(2);
    expect(outages.list()).toMatchObject([{ service: 'kafka' }]);
  });

  it('fails at once, trying nothing again, when the batch is already gone', async () => {
    const { retry, slept, told } = setUp();
    await expect(retry.attempt('mysql', failing(1, 'x'), { active: () => false, heartbeat: async () => undefined })).rejects.toThrow(/ECONNREFUSED/);
    expect(slept).toEqual([]);
    expect(told).toEqual([]);
  });
});
