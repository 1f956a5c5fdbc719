import { describe, expect, it } from 'vitest';
import { awayLine, backLine, formatWorkerLine, lagFields, waitingFields, waitingText } from './progress-lines.js';
import { emptyWorkerFigures } from '../worker-figures.js';

const addresses = { mysql: '127.0.0.1:3306', kafka: '127.0.0.1:9092' };
const outage = { service: 'mysql' as const, error: 'connect ECONNREFUSED 127.0.0.1:3306', sinceMs: 1000, retryEveryMs: 2000 };

describe('outage lines', () => {
  it('name the service, its address and the error, then the state, then the recovery', () => {
    expect(awayLine(outage, addresses)).toBe('MySQL at 127.0.0.1:3306 is away (connect ECONNREFUSED 127.0.0.1:3306); nothing is committed past the records it holds, retrying');
    expect(waitingText([outage], 13_000, 1000, addresses)).toBe('waiting for MySQL at 127.0.0.1:3306 since 12 s, retrying every 2 s, 1,000 records held');
    expect(waitingText([{ ...outage, service: 'kafka', retryEveryMs: 250 }], 1500, 0, addresses)).toBe('waiting for Kafka at 127.0.0.1:9092 since 0.5 s, retrying every 0.3 s, 0 records held');
    expect(backLine('mysql', 14_200, addresses)).toBe('MySQL at 127.0.0.1:3306 is back after 14 s');
    expect(waitingFields([outage], 13_000, 1000, addresses)).toEqual({
      held: 1000,
      waiting: [{ service: 'mysql', address: '127.0.0.1:3306', error: 'connect ECONNREFUSED 127.0.0.1:3306', awayMs: 12_000, retryEveryMs: 2000 }],
    });
  });

  it('show the group\'s lag as the broker said it, dated when that answer is old', () => {
    const lag = { end: 1000, committed: 0, partitions: [{ partition: 0, end: 1000, committed: 0 }] };
    const stats = { ...emptyWorkerFigures(), inserted: 5 };
    expect(formatWorkerLine('g', stats, 0, { lag, ageMs: 0 })).toBe('worker g: 0 rows/s · inserted 5 · skipped 0 · deleted 0 · dead-lettered 0 · lag 1,000');
    expect(formatWorkerLine('g', stats, 0, { lag, ageMs: 12_400 })).toMatch(/· lag 1,000 as of 12 s ago$/);
    expect(formatWorkerLine('g', stats, 0, undefined)).toMatch(/· lag unknown$/);
    expect(lagFields({ lag, ageMs: 0 })).toEqual({ lag: 1000, partitions: [{ partition: 0, end: 1000, committed: 0, lag: 1000 }] });
    expect(lagFields({ lag, ageMs: 12_400 })).toMatchObject({ lag: 1000, lagAgeMs: 12_400 });
    expect(lagFields(undefined)).toEqual({ lag: null });
  });
});
