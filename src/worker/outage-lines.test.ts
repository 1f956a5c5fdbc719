import { describe, expect, it } from 'vitest';
import { awayLine, backLine, waitingFields, waitingText } from './outage-lines.js';

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
});
