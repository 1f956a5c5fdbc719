// The worker command's config: defaults, and the hidden flags that point the selftest's planted
// non-idempotent worker at a table of its run's own.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { WORKER_DEFAULTS, loadWorkerConfig } from './worker-config.js';

describe('loadWorkerConfig', () => {
  it('writes the purchases table insert-or-skip unless told otherwise', () => {
    const config = loadWorkerConfig({}, {});
    expect(config).toMatchObject({ topic: WORKER_DEFAULTS.topic, dlqTopic: `${WORKER_DEFAULTS.topic}.dlq`, batchSize: WORKER_DEFAULTS.batchSize });
    expect(config.table).toBeUndefined();
  });

  it('takes a table to write, with or without skipping', () => {
    expect(loadWorkerConfig({ table: 'purchases_plain_x1' }, {}).table).toEqual({ name: 'purchases_plain_x1', idempotent: true });
    expect(loadWorkerConfig({ table: 'purchases_plain_x1', plainInsert: true }, {}).table).toEqual({ name: 'purchases_plain_x1', idempotent: false });
  });

  it('refuses a plain insert into purchases and a table name that is not one', () => {
    expect(() => loadWorkerConfig({ plainInsert: true }, {})).toThrow(UsageError);
    expect(() => loadWorkerConfig({ plainInsert: true }, {})).toThrow(/--plain-insert needs --table/);
    expect(() => loadWorkerConfig({ table: 'purchases; DROP TABLE purchases' }, {})).toThrow(/is not a table name/);
  });

  it('writes ahead as a run\'s workers do, with a connection for each write in flight', () => {
    expect(loadWorkerConfig({}, {})).toMatchObject({ writesInFlight: WORKER_DEFAULTS.writesInFlight, poolSize: WORKER_DEFAULTS.poolSize });
    expect(loadWorkerConfig({ writesInFlight: 8 }, {})).toMatchObject({ writesInFlight: 8, poolSize: 8 });
    expect(loadWorkerConfig({ writesInFlight: 1, poolSize: 1 }, {})).toMatchObject({ writesInFlight: 1, poolSize: 1 });
    expect(() => loadWorkerConfig({ writesInFlight: 4, poolSize: 2 }, {})).toThrow(/--writes-in-flight 4 needs --pool-size 4 or more/);
    expect(() => loadWorkerConfig({ writesInFlight: 0 }, {})).toThrow(/--writes-in-flight/);
  });
});
