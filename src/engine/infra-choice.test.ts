// Tests of --infra auto's choice: in process only when no needed service was given an address.
import { describe, expect, it } from 'vitest';
import { InfrastructureError } from '../errors.js';
import { chooseAuto } from './infra-choice.js';
import type { ServiceAnswer } from './infra-choice.js';

const redis = (answered: boolean, givenBy?: string): ServiceAnswer => ({ service: 'redis', endpoint: { host: '127.0.0.1', port: 6390 }, givenBy, answered });
const mysql = (answered: boolean, givenBy?: string): ServiceAnswer => ({ service: 'mysql', endpoint: { host: '127.0.0.1', port: 3306 }, givenBy, answered });

/** The error chooseAuto throws for `answers`. */
function refusal(answers: ServiceAnswer[]): InfrastructureError {
  try {
    chooseAuto(answers);
  } catch (error) {
    if (error instanceof InfrastructureError) return error;
  }
  throw new Error('chooseAuto did not refuse');
}

describe('chooseAuto', () => {
  it('takes the real services when every needed one answers, naming the addresses given', () => {
    expect(chooseAuto([redis(true), mysql(true)])).toEqual({ infra: 'real', reason: 'auto: redis and mysql answered' });
    expect(chooseAuto([redis(true, 'TICKETSIM_REDIS_URL'), mysql(true)])).toEqual({
      infra: 'real',
      reason: "auto: redis and mysql answered; TICKETSIM_REDIS_URL gave redis's address",
    });
  });

  it('falls back to in process only when no needed service was given an address', () => {
    expect(chooseAuto([redis(false), mysql(false)])).toEqual({
      infra: 'memory',
      reason: 'auto: redis at 127.0.0.1:6390 unreachable, no service address given; --infra real requires the real services',
    });
  });

  it('refuses a given address that does not answer (exit 3), naming host:port, what gave it and a hint', () => {
    const error = refusal([redis(false, 'TICKETSIM_REDIS_URL'), mysql(true)]);
    expect(error.message).toBe(
      'redis at 127.0.0.1:6390: does not accept connections, and TICKETSIM_REDIS_URL gave this address: --infra auto runs in process only when no service address is given',
    );
    expect(error.hint).toBe('start redis there or correct TICKETSIM_REDIS_URL; --infra memory runs in process');
    // Both silent: the given one is named.
    expect(refusal([mysql(false), redis(false, '--redis-url')]).service).toBe('redis');
  });

  it('refuses a default address that does not answer when another needed service was given one', () => {
    const error = refusal([redis(true, '--redis-url'), mysql(false)]);
    expect(error.message).toBe(
      "mysql at 127.0.0.1:3306: does not accept connections, and the run needs it: --redis-url gave redis's address, so --infra auto runs on the real services",
    );
    expect(error.hint).toMatch(/scripts\/services\.sh start/);
  });
});
